/**
 * The operator window, locked down per the Electron security checklist: context isolation,
 * sandbox, no Node in the page, web security on (all set explicitly, not left to defaults); no
 * new windows (http(s) links go to the system browser instead); no navigation away from the
 * station's own origin; every permission request and check denied. The Content-Security-Policy
 * is sent by the station with every page, so it is not repeated here.
 */
import type { BrowserWindow as ElectronBrowserWindow, shell as electronShell } from 'electron';

/** The parts of `electron` this module uses (injected so tests can pass the fake). */
export interface WindowElectron {
  BrowserWindow: typeof ElectronBrowserWindow;
  shell: Pick<typeof electronShell, 'openExternal'>;
}

export interface MainWindowOptions {
  /** The station's own origin, `http://127.0.0.1:<port>`: the only place the window may be. */
  origin: string;
  /** Absolute path of the compiled preload (`preload.cjs`). */
  preload: string;
}

export const secureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
} as const;

/** Creates the window with its guards in place; the caller loads the dashboard URL. */
export function createMainWindow(electron: WindowElectron, options: MainWindowOptions): ElectronBrowserWindow {
  const window = new electron.BrowserWindow({
    title: 'Raceside',
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    webPreferences: { ...secureWebPreferences, preload: options.preload },
  });
  const contents = window.webContents;

  contents.setWindowOpenHandler(({ url }) => {
    if (isWebUrl(url)) void electron.shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!isSameOrigin(event.url, options.origin)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isSameOrigin(event.url, options.origin)) event.preventDefault();
  });

  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
  return window;
}

/** Brings the existing window to the front (a second launch of the app lands here). */
export function focusWindow(window: Pick<ElectronBrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

export function isSameOrigin(url: string, origin: string): boolean {
  return URL.canParse(url) && new URL(url).origin === origin;
}

function isWebUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === 'http:' || protocol === 'https:';
}
