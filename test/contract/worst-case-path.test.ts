/**
 * The project works from any folder a timing operator may have, with nothing beside it: its
 * git-tracked files copied (no ../shared, no build output) into `Jiří Novák/Závody 2026/raceside`
 * — a space and non-ASCII letters, as in a Czech user's home on Windows — where `npm run station`
 * builds what it needs, answers /health and serves the spectator page with its script, and the
 * tests that read the real fixtures pass. (The copy reuses this checkout's node_modules through a
 * link, to stay quick; `.ci/run` runs the whole suite in such a folder after a real npm install.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectFiles } from '../helpers/project-files.ts';
import { projectRoot } from '../helpers/station.ts';

const base = mkdtempSync(join(tmpdir(), 'raceside-path-'));
const copy = join(base, 'Jiří Novák', 'Závody 2026', 'raceside');
afterAll(() => rmSync(base, { recursive: true, force: true }));

function copyProject(): void {
  for (const file of projectFiles()) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(projectRoot, file), join(copy, file));
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(copy, 'node_modules'), process.platform === 'win32' ? 'junction' : 'dir');
}

describe(`a copy of the project in "${join('Jiří Novák', 'Závody 2026', 'raceside')}" with nothing beside it`, () => {
  it('npm run station builds its pages there, answers /health and serves the spectator app', async () => {
    copyProject();
    expect(readdirSync(dirname(copy))).toEqual(['raceside']);
    expect(existsSync(join(copy, 'dist-renderer'))).toBe(false);
    const dataDir = join(base, 'Jiří Novák', 'Data závodů');
    const args = ['run', '--silent', 'station', '--', '--port', '0', '--host', '127.0.0.1', '--data', dataDir];
    // Windows runs npm's own script (npm.cmd cannot be spawned without a shell, which would split the path at its space).
    const [command, commandArgs] =
      process.platform === 'win32' && process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath, ...args]] : ['npm', args];
    const npm = spawn(command, commandArgs, { cwd: copy, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    let output = '';
    npm.stdout.on('data', (d) => (output += d));
    npm.stderr.on('data', (d) => (output += d));
    try {
      const t0 = performance.now();
      while (!/Raceside listening on/.test(output)) {
        if (npm.exitCode !== null || performance.now() - t0 > 120_000) throw new Error(`the station did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const url = `http://127.0.0.1:${/Raceside listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)![1]}`;
      expect(output).toContain(`Data folder: ${dataDir}`);
      expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok' });
      const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
      const html = await page.text();
      expect(page.status).toBe(200);
      const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
      expect(script, html).toBeDefined();
      const js = await fetch(new URL(script!, url));
      expect([js.status, js.headers.get('content-type')]).toEqual([200, expect.stringMatching(/javascript/)]);
      expect(statSync(join(copy, 'dist-renderer', 'spectator', 'index.html')).isFile()).toBe(true);
    } finally {
      const exited = new Promise((r) => (npm.exitCode !== null ? r(null) : npm.once('exit', r)));
      if (process.platform === 'win32') npm.kill();
      else process.kill(-npm.pid!, 'SIGINT');
      await exited;
    }
    expect(output).toMatch(/closing sockets and the database/);
  }, 180_000);

  it('the tests that read the real fixtures and the project files pass there', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV' && k !== 'TEST'));
    const result = spawnSync(
      process.execPath,
      [
        join(copy, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        'test/unit/fixtures/real-data.test.ts',
        'test/unit/wire/errors.test.ts',
        'test/unit/domain/canoe123/xml-export.test.ts',
      ],
      {
        cwd: copy,
        env,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output).toMatch(/Test Files\s+.*3 passed/);
    // Nothing of the checkout leaked in through the link: the tests ran from the copy.
    expect(output).toContain(copy.split(sep).join('/').slice(-20));
  }, 180_000);
});
