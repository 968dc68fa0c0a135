/**
 * The Electron main process, read top to bottom: one instance only; when Electron is ready, start
 * the station core in-process (data in the user-data folder, listening on the whole LAN), open the
 * operator window on the station's own origin, answer the preload's IPC, show the LAN addresses
 * in the menu; on quit, close the station (sockets with 1001, the database) exactly once, then
 * let Electron exit. This folder is the only code that imports `electron`; everything here
 * receives it, and the station, as parameters so tests drive it with a fake.
 */
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { App, BrowserWindow } from 'electron';
import { lanUrls } from '../net/lan-addresses.ts';
import type { NetworkInterfaces } from '../net/lan-addresses.ts';
import { setupIpc } from './ipc.ts';
import type { IpcElectron } from './ipc.ts';
import { setupMenu } from './menu.ts';
import type { MenuElectron } from './menu.ts';
import { createMainWindow, focusWindow } from './window.ts';
import type { WindowElectron } from './window.ts';

/** What the shell needs from the station core (src-main/station.ts). */
export interface ShellStation {
  port: number;
  adminSecret: string;
  close(): Promise<void>;
}

export type StartStation = (options: { dataDir: string; host: string; log?: (line: string) => void }) => Promise<ShellStation>;

export type ShellElectron = WindowElectron &
  IpcElectron &
  MenuElectron & {
    app: Pick<App, 'requestSingleInstanceLock' | 'whenReady' | 'getPath' | 'on' | 'quit'>;
    dialog: IpcElectron['dialog'] & Pick<typeof import('electron').dialog, 'showErrorBox'>;
  };

export interface ShellOptions {
  /** The compiled preload next to this file. */
  preload?: string;
  networkInterfaces?: () => NetworkInterfaces;
  log?: (line: string) => void;
}

/** Boots the desktop app; resolves once the dashboard is loaded (or the app is on its way out). */
export async function bootShell(electron: ShellElectron, startStation: StartStation, options: ShellOptions = {}): Promise<void> {
  const { app } = electron;
  const log = options.log ?? ((line: string) => console.log(line));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let window: BrowserWindow | null = null;
  app.on('second-instance', () => window && focusWindow(window));
  const shutdown = setupShutdown(app, log);

  try {
    await app.whenReady();
    if (shutdown.quitting()) return;
    const station = await shutdown.track(startStation({ dataDir: join(app.getPath('userData'), 'data'), host: '0.0.0.0', log }));
    if (shutdown.quitting()) return;
    const origin = `http://127.0.0.1:${station.port}`;
    const spectatorUrl = `${origin}/`;
    const urls = () => lanUrls((options.networkInterfaces ?? networkInterfaces)(), station.port);

    window = createMainWindow(electron, { origin, preload: options.preload ?? join(import.meta.dirname, 'preload.cjs') });
    setupIpc(electron, { origin, adminSecret: station.adminSecret, window, spectatorUrl, lanUrls: urls, log });
    setupMenu(electron, { lanUrls: urls, openSpectatorView: () => void electron.shell.openExternal(spectatorUrl) });
    await window.loadURL(`${origin}/operator/`);
  } catch (error) {
    electron.dialog.showErrorBox('Raceside could not start', error instanceof Error ? error.message : String(error));
    app.quit();
  }
}

/**
 * Quitting (menu, last window closed, Ctrl+C) holds Electron's quit until the station has closed,
 * closes it once however many quit requests arrive, then quits for real.
 */
function setupShutdown(app: ShellElectron['app'], log: (line: string) => void) {
  let state: 'running' | 'closing' | 'closed' = 'running';
  let station: Promise<ShellStation | null> = Promise.resolve(null);

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    void station
      .then((started) => started?.close())
      .catch((error: unknown) => log(`Raceside: closing the station failed: ${String(error)}`))
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });

  return {
    quitting: () => state !== 'running',
    /** Remembers the station being started, so a quit during start-up still closes it. */
    track(starting: Promise<ShellStation>): Promise<ShellStation> {
      station = starting.catch(() => null);
      return starting;
    },
  };
}

// `--smoke <export.xml>` (npm run smoke, and the packaging test under plain Node): the self-check
// of smoke.ts instead of the app, then exit with its answer.
const smoke = process.argv.indexOf('--smoke');
if (smoke >= 0) {
  const { runSmoke } = await import('../smoke.ts');
  const code = await runSmoke(process.argv[smoke + 1]);
  if (process.versions.electron) (await import('electron')).app.exit(code);
  else process.exit(code);
} else if (process.versions.electron) {
  // Only when Electron runs this file as the app's entry; tests import bootShell instead.
  const electron = await import('electron');
  const { startStation } = await import('../station.ts');
  // Ctrl+C, kill, a closed terminal or console window (SIGHUP, also on Windows), Ctrl+Break: quit
  // cleanly, as closing the window does.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const) process.once(signal, () => electron.app.quit());
  await bootShell(electron, startStation);
}
