/**
 * The contract between the operator dashboard and the Electron shell: the IPC channel names and
 * the `RacesideBridge` the preload exposes on `window.raceside`. Types and constants only; no
 * functions, no imports from outside wire/. The dashboard also runs in a plain browser against a
 * headless station, where `window.raceside` is absent: every caller must treat it as optional.
 */

/** An XML file the operator picked in the open-file dialog, read by the main process. */
export interface PickedXmlFile {
  /** File name without its folder, e.g. `results.xml`. */
  name: string;
  /** The whole file as text (UTF-8). */
  text: string;
}

/** What the preload puts on `window.raceside`, and nothing more. */
export interface RacesideBridge {
  /** The operator token (the station's admin secret) for `Authorization: Bearer …`. */
  getOperatorToken(): Promise<string>;
  /** `http://<lan-ip>:<port>/` for every non-internal IPv4 interface, best first; may be empty. */
  getLanUrls(): Promise<string[]>;
  /** Opens the system file dialog for a `.xml` file; `null` when the operator cancels. */
  openXmlFile(): Promise<PickedXmlFile | null>;
  /** Opens the spectator app in the system browser. */
  openSpectatorView(): Promise<void>;
}

/** One IPC channel per bridge method; main handles exactly these and nothing else. */
export const ipcChannels = {
  getOperatorToken: 'raceside:get-operator-token',
  getLanUrls: 'raceside:get-lan-urls',
  openXmlFile: 'raceside:open-xml-file',
  openSpectatorView: 'raceside:open-spectator-view',
} as const satisfies Record<keyof RacesideBridge, `raceside:${string}`>;

export type IpcChannels = typeof ipcChannels;
export type IpcChannel = IpcChannels[keyof IpcChannels];
