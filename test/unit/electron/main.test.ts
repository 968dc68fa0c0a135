/**
 * The boot sequence, driven with the fake electron and a fake station: single instance, the
 * station started in the user-data folder on the whole LAN, the window on the station's own
 * origin, IPC and menu wired, and a quit that closes the station exactly once.
 */
import { describe, expect, it, vi } from 'vitest';
import { bootShell } from '../../../src-main/electron/main.ts';
import type { ShellElectron, ShellStation, StartStation } from '../../../src-main/electron/main.ts';
import { ipcChannels } from '../../../src-main/wire/ipc.ts';
import { createFakeElectron } from '../../fakes/electron.ts';
import type { FakeBrowserWindowBase, FakeMenu } from '../../fakes/electron.ts';

const interfaces = () => ({
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
  wlan0: [{ address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4' as const, mac: 'aa:bb:cc:dd:ee:ff', internal: false, cidr: '192.168.1.20/24' }],
});

function fakeStation(port = 4801) {
  const station = {
    port,
    adminSecret: 'operator-secret',
    closeCalls: 0,
    async close() {
      station.closeCalls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
  return station;
}

async function boot(options: { lock?: boolean; start?: StartStation } = {}) {
  const electron = createFakeElectron();
  electron.app.singleInstanceLock = options.lock ?? true;
  const station = fakeStation();
  const starts: Parameters<StartStation>[0][] = [];
  const start: StartStation =
    options.start ??
    (async (opts) => {
      starts.push(opts);
      return station;
    });
  const logged: string[] = [];
  await bootShell(electron as unknown as ShellElectron, start, {
    preload: '/app/dist-main/electron/preload.cjs',
    networkInterfaces: interfaces,
    log: (line) => logged.push(line),
  });
  const window = electron.BrowserWindow.instances[0] as FakeBrowserWindowBase | undefined;
  return { electron, station, starts, window, logged };
}

describe('bootShell', () => {
  it('starts the station in the user-data folder on the whole LAN and loads the dashboard from 127.0.0.1', async () => {
    const { electron, starts, window } = await boot();
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({ dataDir: '/tmp/raceside-fake-user-data/data', host: '0.0.0.0' });
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    expect(window!.loadedUrls).toEqual(['http://127.0.0.1:4801/operator/']);
    expect(window!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  it('wires the bridge for the station origin and hands over the operator token', async () => {
    const { electron } = await boot();
    await expect(electron.ipcMain.invoke(ipcChannels.getOperatorToken, 'http://127.0.0.1:4801/operator/')).resolves.toBe('operator-secret');
    await expect(electron.ipcMain.invoke(ipcChannels.getLanUrls, 'http://127.0.0.1:4801/operator/')).resolves.toEqual(['http://192.168.1.20:4801/']);
    await expect(electron.ipcMain.invoke(ipcChannels.getOperatorToken, 'http://192.168.1.20:4801/operator/')).rejects.toThrow();
    await electron.ipcMain.invoke(ipcChannels.openSpectatorView, 'http://127.0.0.1:4801/operator/');
    expect(electron.shell.openedExternal).toEqual(['http://127.0.0.1:4801/']);
  });

  it('blocks navigation off the station origin the shell picked', async () => {
    const { window } = await boot();
    expect(window!.webContents.navigate('will-navigate', 'http://127.0.0.1:4801/operator/events')).toBe(false);
    expect(window!.webContents.navigate('will-navigate', 'http://127.0.0.1:4800/operator/')).toBe(true);
  });

  it('shows the LAN URL (opens it), Open spectator view and Quit in the application menu, refreshed on focus', async () => {
    const { electron } = await boot();
    const labels = (menu: FakeMenu | null) =>
      (menu!.template[0] as { submenu: { label?: string; role?: string }[] }).submenu.map((item) => item.label ?? item.role);
    expect(labels(electron.Menu.applicationMenu)).toContain('http://192.168.1.20:4801/');
    expect((electron.Menu.applicationMenu!.template[0] as { submenu: { role?: string }[] }).submenu.some((i) => i.role === 'quit')).toBe(true);
    const items = (electron.Menu.applicationMenu!.template[0] as { submenu: { label?: string; click?: () => void }[] }).submenu;
    items.find((item) => item.label === 'http://192.168.1.20:4801/')!.click!();
    items.find((item) => item.label === 'Open spectator view')!.click!();
    expect(electron.shell.openedExternal).toEqual(['http://192.168.1.20:4801/', 'http://127.0.0.1:4801/']);
    const before = electron.Menu.setCalls;
    electron.app.emit('browser-window-focus');
    expect(electron.Menu.setCalls).toBe(before + 1);
  });

  it('a second instance quits at once without starting a station or a window', async () => {
    const { electron, starts } = await boot({ lock: false });
    expect(starts).toEqual([]);
    expect(electron.BrowserWindow.instances).toEqual([]);
    expect(electron.app.quitted).toBe(true);
  });

  it('when a second instance starts, the first window is restored and focused', async () => {
    const { electron, window } = await boot();
    window!.minimize();
    electron.app.emit('second-instance', {}, ['raceside'], '/home/operator');
    expect(window!.calls).toEqual(['minimize', 'restore', 'show', 'focus']);
  });

  it('quitting closes the station exactly once, then quits for real', async () => {
    const { electron, station } = await boot();
    electron.app.quit();
    electron.app.quit();
    electron.app.emit('window-all-closed');
    expect(electron.app.quitted).toBe(false);
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true));
    expect(station.closeCalls).toBe(1);
    electron.app.quit();
    expect(station.closeCalls).toBe(1);
  });

  it('closing the last window quits and closes the station', async () => {
    const { electron, station } = await boot();
    electron.app.emit('window-all-closed');
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true));
    expect(station.closeCalls).toBe(1);
  });

  it('a quit while the station is still starting closes it once it has started, and opens no window', async () => {
    const station = fakeStation();
    let started!: (s: ShellStation) => void;
    const electron = createFakeElectron();
    const booting = bootShell(electron as unknown as ShellElectron, () => new Promise((resolve) => (started = resolve)), {
      networkInterfaces: interfaces,
      log: () => {},
    });
    await vi.waitFor(() => expect(started).toBeTypeOf('function'));
    electron.app.quit();
    started(station);
    await booting;
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true));
    expect(station.closeCalls).toBe(1);
    expect(electron.BrowserWindow.instances).toEqual([]);
  });

  it('a station that cannot start is reported in an error box and the app quits', async () => {
    const { electron } = await boot({
      start: async () => {
        throw new Error('EACCES: permission denied, mkdir /tmp/raceside-fake-user-data/data');
      },
    });
    expect(electron.dialog.errorBoxes).toEqual([
      { title: 'Raceside could not start', content: 'EACCES: permission denied, mkdir /tmp/raceside-fake-user-data/data' },
    ]);
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true));
    expect(electron.BrowserWindow.instances).toEqual([]);
  });

  it('a failing station close is logged and the app still quits', async () => {
    const station = fakeStation();
    station.close = async () => {
      station.closeCalls += 1;
      throw new Error('database is locked');
    };
    const { electron, logged } = await boot({ start: async () => station });
    electron.app.quit();
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true));
    expect(station.closeCalls).toBe(1);
    expect(logged.join('\n')).toContain('database is locked');
  });
});
