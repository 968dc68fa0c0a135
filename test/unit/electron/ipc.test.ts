/**
 * The IPC handlers answer exactly the bridge's channels, and only for frames on the station's own
 * origin: another origin, file://, DevTools or a frame already gone are refused.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { describe, expect, it } from 'vitest';
import { isFromStation, setupIpc } from '../../../src-main/electron/ipc.ts';
import type { IpcElectron } from '../../../src-main/electron/ipc.ts';
import { ipcChannels } from '../../../src-main/wire/ipc.ts';
import { createFakeElectron } from '../../fakes/electron.ts';

const origin = 'http://127.0.0.1:4801';
const page = `${origin}/operator/`;

function setup() {
  const electron = createFakeElectron();
  const window = new electron.BrowserWindow({});
  const logged: string[] = [];
  setupIpc(electron as unknown as IpcElectron, {
    origin,
    adminSecret: 'operator-secret',
    window: window as unknown as BrowserWindow,
    spectatorUrl: `${origin}/`,
    lanUrls: () => ['http://192.168.1.20:4801/'],
    log: (line) => logged.push(line),
  });
  return { electron, window, logged };
}

describe('setupIpc', () => {
  it('registers exactly the channels of wire/ipc.ts', () => {
    const { electron } = setup();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(Object.values(ipcChannels).sort());
  });

  it('answers the station origin', async () => {
    const { electron } = setup();
    await expect(electron.ipcMain.invoke(ipcChannels.getOperatorToken, page)).resolves.toBe('operator-secret');
    await expect(electron.ipcMain.invoke(ipcChannels.getLanUrls, `${origin}/operator/#/events`)).resolves.toEqual(['http://192.168.1.20:4801/']);
    await electron.ipcMain.invoke(ipcChannels.openSpectatorView, page);
    expect(electron.shell.openedExternal).toEqual([`${origin}/`]);
  });

  const strangers = [
    ['another origin', 'https://evil.example/operator/'],
    ['another port on the same host', 'http://127.0.0.1:4802/operator/'],
    ['localhost instead of 127.0.0.1', 'http://localhost:4801/operator/'],
    ['the LAN address', 'http://192.168.1.20:4801/operator/'],
    ['a file:// page', 'file:///home/operator/evil.html'],
    ['DevTools', 'devtools://devtools/bundled/devtools_app.html'],
    ['an about:blank frame', 'about:blank'],
    ['a frame that is gone', null],
  ] as const;

  for (const [who, url] of strangers) {
    it(`refuses ${who} on every channel`, async () => {
      const { electron, logged } = setup();
      for (const channel of Object.values(ipcChannels)) {
        await expect(electron.ipcMain.invoke(channel, url)).rejects.toThrow(`only answered for ${origin}`);
      }
      expect(electron.shell.openedExternal).toEqual([]);
      expect(electron.dialog.openDialogCalls).toEqual([]);
      expect(logged).toHaveLength(Object.values(ipcChannels).length);
    });
  }

  it('openXmlFile opens an .xml dialog on the window and returns the file read in main', async () => {
    const { electron, window } = setup();
    const dir = mkdtempSync(join(tmpdir(), 'raceside-ipc-'));
    const file = join(dir, 'results.xml');
    writeFileSync(file, '<Canoe123Data>ž</Canoe123Data>');
    electron.dialog.openDialogResult = { canceled: false, filePaths: [file] };

    await expect(electron.ipcMain.invoke(ipcChannels.openXmlFile, page)).resolves.toEqual({
      name: 'results.xml',
      text: '<Canoe123Data>ž</Canoe123Data>',
    });
    const [parent, options] = electron.dialog.openDialogCalls[0] as [unknown, { properties: string[]; filters: { extensions: string[] }[] }];
    expect(parent).toBe(window);
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters[0].extensions).toEqual(['xml']);
  });

  it('openXmlFile returns null when the operator cancels', async () => {
    const { electron } = setup();
    electron.dialog.openDialogResult = { canceled: true, filePaths: [] };
    await expect(electron.ipcMain.invoke(ipcChannels.openXmlFile, page)).resolves.toBeNull();
  });
});

describe('isFromStation', () => {
  it('compares whole origins, not prefixes', () => {
    expect(isFromStation({ senderFrame: { url: page } }, origin)).toBe(true);
    expect(isFromStation({ senderFrame: { url: 'http://127.0.0.1:48010/' } }, origin)).toBe(false);
    expect(isFromStation({ senderFrame: { url: 'http://127.0.0.1:4801.evil.example/' } }, origin)).toBe(false);
    expect(isFromStation({ senderFrame: { url: 'https://127.0.0.1:4801/' } }, origin)).toBe(false);
    expect(isFromStation({ senderFrame: null }, origin)).toBe(false);
  });
});
