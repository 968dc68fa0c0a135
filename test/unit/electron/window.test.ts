/**
 * The operator window follows the Electron security checklist: secure web preferences set
 * explicitly, no new windows, no navigation off the station's origin, every permission denied.
 */
import { describe, expect, it } from 'vitest';
import { createMainWindow, focusWindow } from '../../../src-main/electron/window.ts';
import type { WindowElectron } from '../../../src-main/electron/window.ts';
import { createFakeElectron } from '../../fakes/electron.ts';
import type { FakeBrowserWindowBase } from '../../fakes/electron.ts';

const origin = 'http://127.0.0.1:4801';

function openWindow() {
  const electron = createFakeElectron();
  createMainWindow(electron as unknown as WindowElectron, { origin, preload: '/app/dist-main/electron/preload.cjs' });
  const window = electron.BrowserWindow.instances[0] as FakeBrowserWindowBase;
  return { electron, window, contents: window.webContents };
}

describe('createMainWindow', () => {
  it('sets the secure web preferences explicitly, with the preload', () => {
    const { electron, window } = openWindow();
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    expect(window.options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/app/dist-main/electron/preload.cjs',
    });
  });

  it('denies every new window and hands only http(s) links to the system browser', () => {
    const { electron, contents } = openWindow();
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://www.canoeslalom.net/' })).toEqual({ action: 'deny' });
    expect(open({ url: `${origin}/` })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open({ url: 'not a url' })).toEqual({ action: 'deny' });
    expect(electron.shell.openedExternal).toEqual(['https://www.canoeslalom.net/', `${origin}/`]);
  });

  it('prevents navigation and redirects to any other origin, allows its own', () => {
    const { contents } = openWindow();
    for (const event of ['will-navigate', 'will-redirect'] as const) {
      expect(contents.navigate(event, `${origin}/operator/`)).toBe(false);
      expect(contents.navigate(event, `${origin}/`)).toBe(false);
      expect(contents.navigate(event, 'https://evil.example/')).toBe(true);
      expect(contents.navigate(event, 'http://127.0.0.1:4802/operator/')).toBe(true);
      expect(contents.navigate(event, 'http://localhost:4801/operator/')).toBe(true);
      expect(contents.navigate(event, 'file:///C:/Windows/')).toBe(true);
      expect(contents.navigate(event, 'garbage')).toBe(true);
    }
  });

  it('denies every permission request and check', () => {
    const { contents } = openWindow();
    const { permissionRequestHandler, permissionCheckHandler } = contents.session;
    expect(permissionRequestHandler).toBeTypeOf('function');
    expect(permissionCheckHandler).toBeTypeOf('function');
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      const answers: boolean[] = [];
      permissionRequestHandler!(contents, permission, (granted) => answers.push(granted), { requestingUrl: `${origin}/operator/` });
      expect(answers).toEqual([false]);
      expect(permissionCheckHandler!(contents, permission, origin, {})).toBe(false);
    }
  });
});

describe('focusWindow', () => {
  it('restores a minimized window, then shows and focuses it', () => {
    const { window } = openWindow();
    window.minimize();
    focusWindow(window);
    expect(window.calls).toEqual(['minimize', 'restore', 'show', 'focus']);
    expect(window.isMinimized()).toBe(false);
  });

  it('does not restore a window that is not minimized', () => {
    const { window } = openWindow();
    focusWindow(window);
    expect(window.calls).toEqual(['show', 'focus']);
  });
});
