/**
 * Offline packaging smoke test: builds main (tsc) and the renderer (Vite), packages them with
 * electron-builder `--linux dir` against a stand-in Electron distribution (`electronDist`: an
 * executable named `electron`, a `version` file, an empty `resources/`; the real one cannot be
 * downloaded here), then lists `resources/app.asar` and checks what is inside. It checks the
 * `files`/`asar`/`asarUnpack` configuration of electron-builder.yml, not that the app runs.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const electronVersion = '45.5.0';
let work: string;
let resources: string;
let archive: string;
let entries: string[];

function run(args: string[], okStatuses = [0]): string {
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.error || !okStatuses.includes(result.status ?? -1)) {
    throw new Error(`node ${args.join(' ')} exited with ${result.status}:\n${output}`);
  }
  return output;
}

beforeAll(() => {
  // Exit status 2 = type errors with the output still written: the typecheck step reports those;
  // this test is about what gets packaged.
  run([join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.main.json'], [0, 2]);
  run([join(root, 'scripts/ensure-build.ts')]);

  work = mkdtempSync(join(tmpdir(), 'raceside-pack-'));
  const electronDist = join(work, 'electron-dist');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in Electron"\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  writeFileSync(join(electronDist, 'version'), electronVersion);

  const out = join(work, 'out');
  run([
    join(root, 'node_modules/electron-builder/cli.js'),
    '--linux',
    'dir',
    '--publish',
    'never',
    `-c.electronDist=${electronDist}`,
    `-c.directories.output=${out}`,
  ]);
  resources = join(out, 'linux-unpacked', 'resources');
  archive = join(resources, 'app.asar');
  entries = listPackage(archive, { isPack: false }).map((entry) => entry.replaceAll('\\', '/').replace(/^\//, ''));
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('app.asar', () => {
  it('holds package.json whose "main" is the compiled Electron entry', () => {
    expect(entries).toContain('package.json');
    const pkg = JSON.parse(extractFile(archive, 'package.json').toString('utf8')) as { main: string; type: string };
    expect(pkg.main).toBe('dist-main/electron/main.js');
    expect(pkg.type).toBe('module');
    expect(entries).toContain(pkg.main);
  });

  it('holds the Electron shell, with the preload as CommonJS', () => {
    for (const file of ['main.js', 'window.js', 'ipc.js', 'menu.js', 'preload.cjs']) {
      expect(entries).toContain(`dist-main/electron/${file}`);
    }
    const preload = extractFile(archive, 'dist-main/electron/preload.cjs').toString('utf8');
    expect(preload).toContain("require('electron')");
    expect(preload).not.toMatch(/^\s*import\s/m);
  });

  it('holds the compiled station core', () => {
    for (const file of ['station.js', 'settings.js', 'wire/ipc.js', 'net/lan-addresses.js']) expect(entries).toContain(`dist-main/${file}`);
  });

  it('every relative import of the compiled main process resolves inside the archive', () => {
    const missing: string[] = [];
    for (const entry of entries.filter((e) => e.startsWith('dist-main/') && /\.(c|m)?js$/.test(e))) {
      const code = extractFile(archive, entry).toString('utf8');
      for (const [, specifier] of code.matchAll(/(?:from\s*|import\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
        const target = posix.normalize(posix.join(posix.dirname(entry), specifier));
        if (!entries.includes(target)) missing.push(`${entry} -> ${specifier}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('holds both renderer apps, unpacked as plain files for static serving', () => {
    for (const page of ['dist-renderer/spectator/index.html', 'dist-renderer/operator/index.html']) {
      expect(entries).toContain(page);
      expect(statFile(archive, page)).toMatchObject({ unpacked: true });
      expect(existsSync(join(resources, 'app.asar.unpacked', ...page.split('/')))).toBe(true);
    }
    expect(entries.some((e) => e.startsWith('dist-renderer/assets/') && e.endsWith('.js'))).toBe(true);
  });

  it('holds the production dependencies and none of the dev tooling', () => {
    const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(dependencies)).toEqual(expect.arrayContaining(['fastify', 'ws', 'qrcode', '@fastify/static']));
    for (const dep of Object.keys(dependencies)) {
      expect(entries).toContain(`node_modules/${dep}/package.json`);
    }
    for (const dev of ['electron', 'electron-builder', 'vitest', 'vite', 'typescript', 'react', 'playwright-core', 'node']) {
      expect(entries).not.toContain(`node_modules/${dev}`);
    }
  });

  it('holds no sources, tests or build scripts', () => {
    const leaked = entries.filter((e) =>
      /^(test|src-renderer|src-main|scripts|bench|build|docs)(\/|$)/.test(e) || /^(tsconfig.*|vite(st)?\.config\.ts|electron-builder\.yml)$/.test(e),
    );
    expect(leaked).toEqual([]);
    expect(entries.filter((e) => !e.startsWith('node_modules/') && /\.(ts|tsx)$/.test(e))).toEqual([]);
  });
});

describe('the unpacked app', () => {
  it('has the executable and the Electron version of the stand-in distribution', () => {
    const appDir = dirname(resources);
    expect(existsSync(join(appDir, 'raceside'))).toBe(true);
    expect(existsSync(join(appDir, 'version'))).toBe(true);
  });
});
