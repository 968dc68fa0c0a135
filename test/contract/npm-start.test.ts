/**
 * `npm start` where the Electron runtime cannot be had (as on our build machines): one clear line,
 * then the headless station, and the dashboard opened in the default browser with the operator
 * token in the URL fragment. The browser opener is a stand-in `xdg-open` that records its URL.
 * The launcher passes a stop on to the station, and the station stops when the launcher is killed.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/station.ts';

describe('npm start without the Electron runtime', () => {
  it('says so in one line, starts the headless station, opens the dashboard with the token, and stops it on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'raceside-start-'));
    const opened = join(dir, 'opened.txt');
    writeFileSync(join(dir, 'xdg-open'), `#!/bin/sh\necho "$1" > "${opened}"\n`);
    chmodSync(join(dir, 'xdg-open'), 0o755);
    const child = spawn(
      process.execPath,
      ['scripts/start.ts', '--port', '0', '--host', '127.0.0.1', '--data', join(dir, 'data'), '--admin-secret', 'start-secret'],
      {
        cwd: projectRoot,
        env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      const deadline = Date.now() + 60_000;
      while (!existsSync(opened) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const lines = out.split('\n').filter((l) => /Electron runtime not available/.test(l));
      expect(lines, out).toHaveLength(1);
      expect(lines[0]).toMatch(/starting the headless station and opening the dashboard in your browser\.$/);
      const port = /Raceside listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      expect(port, out).toBeDefined();
      expect(readFileSync(opened, 'utf8').trim()).toBe(`http://127.0.0.1:${port}/operator/#token=start-secret`);
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      // SIGTERM to the launcher reaches the station over its IPC channel (what works on Windows too).
      const exited = new Promise<number | null>((r) => child.once('exit', r));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toMatch(/Received SIGTERM from the launcher; closing sockets and the database/);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('the station stops cleanly when the launcher itself is killed hard', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'raceside-start-'));
    writeFileSync(join(dir, 'xdg-open'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, 'xdg-open'), 0o755);
    const dataDir = join(dir, 'data');
    const child = spawn(process.execPath, ['scripts/start.ts', '--port', '0', '--host', '127.0.0.1', '--data', dataDir], {
      cwd: projectRoot,
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      const deadline = Date.now() + 60_000;
      while (!/Raceside listening on/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const stationPid = (JSON.parse(readFileSync(join(dataDir, 'raceside.lock'), 'utf8')) as { pid: number }).pid;
      // As `taskkill /F` or `kill -9` of the launcher: it cannot pass anything on.
      child.kill('SIGKILL');
      const stopped = Date.now() + 10_000;
      while (existsSync(join(dataDir, 'raceside.lock')) && Date.now() < stopped) await new Promise((r) => setTimeout(r, 50));
      // The lock-info file goes only when the station closed its database cleanly.
      expect(existsSync(join(dataDir, 'raceside.lock')), out).toBe(false);
      expect(readFileSync(join(dataDir, 'raceside.log'), 'utf8')).toMatch(new RegExp(`"pid":${stationPid},.*"msg":"Station stopped"`));
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
