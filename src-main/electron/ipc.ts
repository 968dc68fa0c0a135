/**
 * The main-process side of the `RacesideBridge`: one `ipcMain.handle` per channel of
 * wire/ipc.ts and no other. Every handler first checks that the message comes from a frame on the
 * station's own origin (`http://127.0.0.1:<port>`); anything else (another origin, `file://`,
 * DevTools, a frame already gone) is refused with an error the caller sees. The bridge methods
 * take no arguments, so nothing from the page reaches these handlers.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BrowserWindow, dialog as electronDialog, ipcMain as electronIpcMain, shell as electronShell } from 'electron';
import { ipcChannels } from '../wire/ipc.ts';
import type { PickedXmlFile, RacesideBridge } from '../wire/ipc.ts';
import { isSameOrigin } from './window.ts';

/** The parts of `electron` this module uses (injected so tests can pass the fake). */
export interface IpcElectron {
  ipcMain: Pick<typeof electronIpcMain, 'handle'>;
  dialog: Pick<typeof electronDialog, 'showOpenDialog'>;
  shell: Pick<typeof electronShell, 'openExternal'>;
}

export interface IpcContext {
  /** The station's own origin; the only sender answered. */
  origin: string;
  /** The operator token handed to the dashboard. */
  adminSecret: string;
  /** The window the open-file dialog is attached to. */
  window: BrowserWindow;
  /** The spectator app's URL as opened on this laptop. */
  spectatorUrl: string;
  lanUrls(): string[];
  log?(line: string): void;
}

/** The sender side of an `IpcMainInvokeEvent`, all the check needs. */
interface SenderEvent {
  readonly senderFrame: { readonly url: string } | null;
}

export function setupIpc(electron: IpcElectron, context: IpcContext): void {
  const handlers: { [K in keyof RacesideBridge]: () => ReturnType<RacesideBridge[K]> } = {
    getOperatorToken: async () => context.adminSecret,
    getLanUrls: async () => context.lanUrls(),
    openXmlFile: () => pickXmlFile(electron, context.window),
    openSpectatorView: () => electron.shell.openExternal(context.spectatorUrl),
  };
  for (const name of Object.keys(ipcChannels) as (keyof RacesideBridge)[]) {
    const channel = ipcChannels[name];
    electron.ipcMain.handle(channel, (event: SenderEvent) => {
      if (!isFromStation(event, context.origin)) {
        context.log?.(`Refused IPC ${channel} from ${event.senderFrame?.url ?? 'a closed frame'}`);
        throw new Error(`${channel} is only answered for ${context.origin}`);
      }
      return handlers[name]();
    });
  }
}

/** True when the message comes from a live frame on exactly the station's origin. */
export function isFromStation(event: SenderEvent, origin: string): boolean {
  return event.senderFrame !== null && isSameOrigin(event.senderFrame.url, origin);
}

async function pickXmlFile(electron: IpcElectron, window: BrowserWindow): Promise<PickedXmlFile | null> {
  const picked = await electron.dialog.showOpenDialog(window, {
    title: 'Import a Canoe123 XML export',
    properties: ['openFile'],
    filters: [{ name: 'Canoe123 XML', extensions: ['xml'] }],
  });
  const path = picked.filePaths[0];
  if (picked.canceled || path === undefined) return null;
  return { name: basename(path), text: await readFile(path, 'utf8') };
}
