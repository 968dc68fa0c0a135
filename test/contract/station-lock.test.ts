/**
 * One station per data folder, and a station never outlives its launcher (real processes):
 *
 * - `kill -TERM` of the `npm run station` process ends npm and the shell npm runs the script in;
 *   the station below them notices its launcher has gone and shuts down cleanly (spectators get
 *   1001, the database is closed, the port and the folder are free), instead of running on as an
 *   orphan that c123-server keeps pushing to;
 * - a second station on a folder another one holds refuses in one line naming the holder (pid,
 *   started when, where it listens), exits non-zero, and does not fall back to another port;
 * - `kill -9` releases the folder: a station restarted on it right away starts (and says the
 *   previous run did not stop cleanly).
 *
 * Also the modes of what the station writes (POSIX): folder 0700, database, WAL, log and
 * lock-info file 0600, whatever the umask.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api, createEvent, operator, projectRoot, startTestStation } from '../helpers/station.ts';
import { connect } from '../helpers/ws-client.ts';

const work = mkdtempSync(join(tmpdir(), 'raceside-lock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const lockInfo = (dir: string) => JSON.parse(readFileSync(join(dir, 'raceside.lock'), 'utf8')) as { pid: number; startedAt: string; url: string };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<number> {
  const t0 = performance.now();
  while (!(await check())) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return performance.now() - t0;
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = netConnect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('npm run station killed with SIGTERM', () => {
  it('takes its station down cleanly: spectators get 1001, the port and the data folder are free', async () => {
    const dataDir = join(work, 'npm');
    const npm = spawn('npm', ['run', '--silent', 'station', '--', '--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--admin-secret', 'lock-secret'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (d) => (output += d));
    npm.stderr.on('data', (d) => (output += d));
    try {
      await waitFor('the listening line', () => /Raceside listening on/.test(output), 60_000);
      const port = Number(/Raceside listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)![1]);
      const station = { url: `http://127.0.0.1:${port}`, adminSecret: 'lock-secret' } as Parameters<typeof createEvent>[0];
      const { pid } = lockInfo(dataDir);
      expect(pid).not.toBe(npm.pid);
      await createEvent(station, 'lock-event', 'Lock');
      expect(
        (await api(station, 'PATCH', '/api/v1/admin/events/lock-event/status', { headers: operator(station), body: { status: 'startlist' } })).status,
      ).toBe(200);
      const spectator = await connect(station, 'lock-event');
      await spectator.next((m) => m.type === 'full');

      // What `kill -TERM <npm's pid>` does: npm passes it to its shell, the shell dies, the station is orphaned.
      npm.kill('SIGTERM');
      const closed = await Promise.race([spectator.closed, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
      expect(closed, output).toEqual({ code: 1001, reason: 'Server shutting down' });
      const gone = await waitFor('the station process to exit', () => !alive(pid));
      console.log(`station (pid ${pid}) gone ${gone.toFixed(0)} ms after its 1001 close`);
      expect(await portFree(port)).toBe(true);
      expect(existsSync(join(dataDir, 'raceside.lock'))).toBe(false);
      expect(readFileSync(join(dataDir, 'raceside.log'), 'utf8')).toMatch(/"msg":"Station stopped"/);
    } finally {
      npm.kill('SIGKILL');
    }
    const again = await startTestStation({ dataDir });
    try {
      const log = await api(again, 'GET', '/api/v1/admin/activity', { headers: operator(again) });
      const messages = (log.body.entries as { message: string }[]).map((e) => e.message);
      // The previous run stopped cleanly, so there is no warning about it.
      expect(messages.some((m) => /without a clean stop/.test(m))).toBe(false);
      expect(messages).toContain('Station stopped');
    } finally {
      await again.cleanup();
    }
  }, 90_000);
});

describe('two stations on one data folder', () => {
  it('the second refuses in one line naming the first, on no other port; after a kill -9 of the first it starts', async () => {
    const dataDir = join(work, 'shared-folder');
    const first = await startTestStation({ dataDir });
    const { pid, startedAt } = lockInfo(dataDir);
    expect(pid).toBe(first.process.pid);
    try {
      const second = spawn(process.execPath, [join(projectRoot, 'src-main/cli.ts'), '--host', '127.0.0.1', '--port', String(first.port), '--data', dataDir], {
        cwd: projectRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      second.stdout.on('data', (d) => (stdout += d));
      second.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise<number | null>((r) => second.once('exit', r));
      expect(code).toBe(1);
      expect(stdout).not.toMatch(/listening|is taken; using/);
      const lines = stderr.split('\n').filter(Boolean);
      expect(lines, stderr).toHaveLength(1);
      const started = new Date(startedAt);
      const p = (n: number) => String(n).padStart(2, '0');
      const when = `${started.getFullYear()}-${p(started.getMonth() + 1)}-${p(started.getDate())} ${p(started.getHours())}:${p(started.getMinutes())}:${p(started.getSeconds())}`;
      expect(lines[0]).toBe(
        `raceside: The data folder ${dataDir} is in use by another Raceside station (pid ${pid}, started ${when}, http://127.0.0.1:${first.port}). ` +
          'Stop that station first, or start this one with another data folder (--data <folder>).',
      );
      expect((await api(first, 'GET', '/health')).status).toBe(200);

      await first.kill();
      await first.restart();
      expect(lockInfo(dataDir).pid).toBe(first.process.pid);
      const log = await api(first, 'GET', '/api/v1/admin/activity', { headers: operator(first) });
      expect(log.body.entries as { level: string; message: string }[]).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          message: expect.stringMatching(new RegExp(`^The previous run of the station \\(pid ${pid}, .*\\) ended without a clean stop`)),
        }),
      );
    } finally {
      await first.cleanup();
    }
  }, 60_000);
});

describe.skipIf(process.platform === 'win32')("what the station writes is the user's alone", () => {
  it('creates the data folder 0700 and the database, its WAL, the log and the lock-info file 0600, even with umask 000', async () => {
    const dataDir = join(work, 'modes', 'nested', 'data');
    const umask = process.umask(0o000);
    let station;
    try {
      station = await startTestStation({ dataDir });
    } finally {
      process.umask(umask);
    }
    try {
      await createEvent(station, 'modes', 'Modes');
      const mode = (name: string) => (statSync(join(dataDir, name)).mode & 0o777).toString(8);
      expect(mode('.')).toBe('700');
      for (const file of ['raceside.sqlite', 'raceside.sqlite-wal', 'raceside.log', 'raceside.lock']) expect([file, mode(file)]).toEqual([file, '600']);
      if (existsSync(join(dataDir, 'raceside.sqlite-shm'))) expect(mode('raceside.sqlite-shm')).toBe('600');
    } finally {
      await station.cleanup();
    }
  });
});
