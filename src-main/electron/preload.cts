/**
 * The preload of the operator window: puts exactly the `RacesideBridge` on `window.raceside`
 * and nothing else (never `ipcRenderer` itself). Each method is one `invoke` on its channel with
 * no arguments.
 *
 * A sandboxed preload is run by Electron as a plain CommonJS function body whose `require` knows
 * only `electron` and a few built-ins: it cannot load an ES module or any file of ours. Hence the
 * `.cts` extension (tsc emits `preload.cjs`), `require('electron')`, and type-only imports. The
 * channel names are repeated from wire/ipc.ts; the `IpcChannels` annotation turns any difference
 * into a type error, and test/unit/electron/preload.test.ts checks them at run time.
 */
import type { IpcChannels, RacesideBridge } from '../wire/ipc.ts';

const { contextBridge, ipcRenderer } = require('electron') as typeof import('electron');

const channels: IpcChannels = {
  getOperatorToken: 'raceside:get-operator-token',
  getLanUrls: 'raceside:get-lan-urls',
  openXmlFile: 'raceside:open-xml-file',
  openSpectatorView: 'raceside:open-spectator-view',
};

const bridge: RacesideBridge = {
  getOperatorToken: () => ipcRenderer.invoke(channels.getOperatorToken),
  getLanUrls: () => ipcRenderer.invoke(channels.getLanUrls),
  openXmlFile: () => ipcRenderer.invoke(channels.openXmlFile),
  openSpectatorView: () => ipcRenderer.invoke(channels.openSpectatorView),
};

contextBridge.exposeInMainWorld('raceside', bridge);
