/**
 * Offline packaging test: builds main (tsc) and the renderer (Vite), packages them with
 * electron-builder `--linux dir` against a stand-in Electron distribution (`electronDist`: an
 * executable named `electron` carrying Electron's fuse wire, a `version` file, an empty
 * `resources/`; the real one cannot be downloaded here), then checks what is inside
 * `resources/app.asar`, which fuses electron-builder flipped, and that the app starts: its
 * `--smoke` entry runs under plain Node against the packaged layout — the archive's files in an
 * `app.asar` folder, less what a loader cannot read from inside an archive (the unpacked entries,
 * and the parse worker: a worker thread cannot load an ES module from asar), beside the real
 * `app.asar.unpacked` and `parse-worker` — reads the real export in the worker and answers /health.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { realXmlPath } from '../fixtures/real-data.ts';
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
  // Electron's fuse wire as @electron/fuses finds it in a real binary: the sentinel, version 1, 8
  // fuses with Electron's defaults (RunAsNode, NodeOptions, NodeCliInspect and file:// privileges on).
  const fuseWire = Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), Buffer.from('10110001')]);
  writeFileSync(join(electronDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n# '), fuseWire, Buffer.from('\necho "stand-in Electron"\n')]));
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
    const leaked = entries.filter(
      (e) => /^(test|src-renderer|src-main|scripts|bench|build|docs)(\/|$)/.test(e) || /^(tsconfig.*|vite(st)?\.config\.ts|electron-builder\.yml)$/.test(e),
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

  it('keeps a plain copy of the XML parse worker, everything it imports and package.json beside the archive', () => {
    const worker = 'dist-main/threads/xml-parse-worker.js';
    const needed = new Set([worker, 'package.json']);
    // The worker's imports, followed through the compiled files of the archive.
    const queue = [worker];
    while (queue.length) {
      const file = queue.shift()!;
      for (const [, specifier] of extractFile(archive, file)
        .toString('utf8')
        .matchAll(/(?:from\s*|import\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
        const target = posix.normalize(posix.join(posix.dirname(file), specifier));
        if (!needed.has(target)) queue.push(target);
        needed.add(target);
      }
    }
    expect(needed.size).toBeGreaterThan(8);
    for (const file of needed) expect([file, existsSync(join(resources, 'parse-worker', ...file.split('/')))]).toEqual([file, true]);
    const pkg = JSON.parse(readFileSync(join(resources, 'parse-worker', 'package.json'), 'utf8')) as { type: string };
    expect(pkg.type).toBe('module');
  });

  it('has the fuses flipped: no run-as-Node, no NODE_OPTIONS or --inspect, only app.asar, integrity checked', async () => {
    const wire = await getCurrentFuseWire(join(dirname(resources), 'raceside'));
    const [off, on] = ['0'.charCodeAt(0), '1'.charCodeAt(0)];
    expect(wire[FuseV1Options.RunAsNode]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(off);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(on);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(on);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(off);
  });

  it('starts: --smoke runs from the packaged layout, the parse worker from its plain copy', () => {
    const layout = join(work, 'layout', 'resources');
    const inArchive = join(layout, 'app.asar');
    extractAll(archive, inArchive);
    // What the archive keeps outside is not in it, and a worker cannot load from it: remove both here.
    for (const entry of entries) {
      const path = join(inArchive, ...entry.split('/'));
      if (statFile(archive, entry).unpacked && existsSync(path) && statSync(path).isFile()) rmSync(path);
    }
    rmSync(join(inArchive, 'dist-main', 'threads', 'xml-parse-worker.js'));
    expect(existsSync(join(inArchive, 'dist-renderer', 'spectator', 'index.html'))).toBe(false);
    for (const folder of ['app.asar.unpacked', 'parse-worker']) cpSync(join(resources, folder), join(layout, folder), { recursive: true });

    const result = spawnSync(process.execPath, [join(inArchive, 'dist-main', 'electron', 'main.js'), '--smoke', realXmlPath], {
      cwd: work,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const output = `${result.stdout}${result.stderr}`;
    console.log(output.trim());
    expect(result.status, output).toBe(0);
    expect(output).toMatch(
      /^Smoke test passed on Node [\d.]+: node:sqlite .* the XML export read in the parse worker \(366 participants, 44 races, 1422 results in \d+ ms\), \/health ok, spectator page ok\.$/m,
    );
  });
});

describe('the Electron we ship', () => {
  it('is one whose Node has a working node:sqlite (Electron 37.2.3 or later; docs/PACKAGING.md)', () => {
    const atLeast = (version: string, minimum: number[]) => {
      const parts = version
        .replace(/^[^\d]*/, '')
        .split('.')
        .map(Number);
      for (let i = 0; i < minimum.length; i++) if ((parts[i] ?? 0) !== minimum[i]) return (parts[i] ?? 0) > minimum[i];
      return true;
    };
    const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    const shipped = /^electronVersion:\s*(\S+)/m.exec(yml)?.[1];
    const { devDependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(shipped).toBe(electronVersion);
    for (const version of [shipped!, devDependencies.electron]) expect([version, atLeast(version, [37, 2, 3])]).toEqual([version, true]);
  });
});
