/**
 * The application menu: the LAN addresses spectators can open (click one to open it in the
 * system browser), "Open spectator view", and Quit, plus the standard Edit/View/Window menus (Edit
 * is what makes copy and paste shortcuts work on macOS). The addresses are read again whenever a
 * window gains focus, so joining the venue Wi-Fi after start shows up without a restart.
 */
import type { Menu as ElectronMenu, MenuItemConstructorOptions, app as electronApp, shell as electronShell } from 'electron';

/** The parts of `electron` this module uses (injected so tests can pass the fake). */
export interface MenuElectron {
  app: Pick<typeof electronApp, 'on'>;
  Menu: Pick<typeof ElectronMenu, 'buildFromTemplate' | 'setApplicationMenu'>;
  shell: Pick<typeof electronShell, 'openExternal'>;
}

export interface MenuContext {
  lanUrls(): string[];
  openSpectatorView(): void;
}

export function setupMenu(electron: MenuElectron, context: MenuContext): void {
  const refresh = () => electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(menuTemplate(electron, context)));
  refresh();
  electron.app.on('browser-window-focus', refresh);
}

export function menuTemplate(electron: Pick<MenuElectron, 'shell'>, context: MenuContext): MenuItemConstructorOptions[] {
  const urls = context.lanUrls();
  const addresses: MenuItemConstructorOptions[] =
    urls.length === 0
      ? [{ label: 'No network found: join the venue Wi-Fi', enabled: false }]
      : urls.map((url) => ({ label: url, click: () => void electron.shell.openExternal(url) }));
  return [
    {
      label: 'Raceside',
      submenu: [
        { label: 'Spectators open:', enabled: false },
        ...addresses,
        { type: 'separator' },
        { label: 'Open spectator view', click: () => context.openSpectatorView() },
        { type: 'separator' },
        { role: 'quit', label: 'Quit Raceside' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}
