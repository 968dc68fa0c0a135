/**
 * The preload, run the way Electron runs a sandboxed preload: compiled by TypeScript as it is for
 * the build, then called as a CommonJS function body whose `require` knows only `electron`. It
 * must expose exactly the bridge on `window.raceside`, never `ipcRenderer`, and each method must
 * invoke its wire/ipc.ts channel without arguments.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ipcChannels } from '../../../src-main/wire/ipc.ts';
import type { RacesideBridge } from '../../../src-main/wire/ipc.ts';
import { createFakeElectron } from '../../fakes/electron.ts';

const source = new URL('../../../src-main/electron/preload.cts', import.meta.url);

function runPreload() {
  const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
    fileName: 'preload.cts',
    compilerOptions: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2023 },
  });
  const electron = createFakeElectron();
  const required: string[] = [];
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name}`);
  };
  const exports = {};
  // Electron's sandboxed preload runner: parameters require, process, exports, module.
  new Function('require', 'process', 'exports', 'module', outputText)(sandboxRequire, {}, exports, { exports });
  return { electron, required, outputText };
}

describe('preload', () => {
  it('is CommonJS that requires nothing but electron', () => {
    const { required, outputText } = runPreload();
    expect(required).toEqual(['electron']);
    expect(outputText).not.toMatch(/^\s*import\s/m);
  });

  it('exposes exactly the RacesideBridge on window.raceside, and not ipcRenderer', () => {
    const { electron } = runPreload();
    expect([...electron.contextBridge.exposed.keys()]).toEqual(['raceside']);
    const bridge = electron.contextBridge.exposed.get('raceside') as Record<string, unknown>;
    const expected: (keyof RacesideBridge)[] = ['getOperatorToken', 'getLanUrls', 'openXmlFile', 'openSpectatorView'];
    expect(Object.keys(bridge).sort()).toEqual([...expected].sort());
    expect(Object.keys(bridge).sort()).toEqual(Object.keys(ipcChannels).sort());
    for (const value of Object.values(bridge)) {
      expect(value).toBeTypeOf('function');
      expect(value).not.toBe(electron.ipcRenderer);
      expect(value).not.toBe(electron.ipcRenderer.invoke);
    }
  });

  it('each method invokes its channel from wire/ipc.ts, with no arguments, and passes the answer back', async () => {
    const { electron } = runPreload();
    const bridge = electron.contextBridge.exposed.get('raceside') as RacesideBridge;
    electron.ipcRenderer.responses.set(ipcChannels.getOperatorToken, 'secret');
    electron.ipcRenderer.responses.set(ipcChannels.getLanUrls, ['http://10.0.0.5:4800/']);

    await expect(bridge.getOperatorToken()).resolves.toBe('secret');
    await expect(bridge.getLanUrls()).resolves.toEqual(['http://10.0.0.5:4800/']);
    await bridge.openXmlFile();
    await bridge.openSpectatorView();
    expect(electron.ipcRenderer.invocations).toEqual([
      { channel: ipcChannels.getOperatorToken, args: [] },
      { channel: ipcChannels.getLanUrls, args: [] },
      { channel: ipcChannels.openXmlFile, args: [] },
      { channel: ipcChannels.openSpectatorView, args: [] },
    ]);
  });
});
