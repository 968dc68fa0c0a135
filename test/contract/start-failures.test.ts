/**
 * Bad input at start, over the real CLI (`node src-main/cli.ts`, what `npm run station` runs): a
 * data folder that cannot be created or written, every fallback port taken, a database from a
 * newer Raceside. Each gives exactly one line on stderr saying what to do, an exit code other than
 * 0, no "listening" line, and nothing in the data folder overwritten.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, startTestStation, api, createEvent } from '../helpers/station.ts';
import { newestSchemaVersion } from '../../src-main/store/migrations.ts';

const work = mkdtempSync(join(tmpdir(), 'raceside-start-failures-'));
// Readable by the unprivileged user that one case runs the station as.
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// root may write anywhere: that case runs the station as an unprivileged user, as an operator
// would be. It needs Node and the checkout reachable by that user, which a checkout inside a
// private (0700) folder is not; `.ci/run` makes its copy reachable, so in CI it always runs.
const asRoot = process.getuid?.() === 0;
const nobody = { uid: 65534, gid: 65534 };
const unprivilegedCanRun =
  !asRoot || !!process.env.CI || spawnSync(process.execPath, [join(projectRoot, 'src-main/cli.ts'), '--help'], { ...nobody, stdio: 'ignore' }).status === 0;
if (!unprivilegedCanRun) {
  console.warn('[unwritable data folder not checked] running as root in a checkout an unprivileged user cannot reach (e.g. inside a 0700 folder)');
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], options: { uid?: number; gid?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'src-main/cli.ts'), '--host', '127.0.0.1', ...args], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...options,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the station did not exit:\n${stdout}${stderr}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function expectOneLineRefusal(run: Run, pattern: RegExp): void {
  expect(run.code, run.stdout + run.stderr).not.toBe(0);
  expect(run.stdout).not.toMatch(/listening/);
  const lines = run.stderr.split('\n').filter((l) => l.length > 0);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^raceside: /);
  expect(lines[0]).toMatch(pattern);
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('the station refuses to start, in one line, and changes nothing', () => {
  it('when the data folder cannot be created', async () => {
    const blocker = join(work, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const run = await runCli(['--port', '0', '--data', join(blocker, 'data')]);
    expectOneLineRefusal(
      run,
      /^raceside: Cannot create the data folder .*a-file[\\/]data: a part of the path is a file, not a folder\. Choose a folder you can write \(--data <folder>\)\.$/,
    );
    expect(readFileSync(blocker, 'utf8')).toBe('not a folder');
  });

  it.skipIf(process.platform === 'win32' || !unprivilegedCanRun)('when the data folder cannot be written', async () => {
    const dir = join(work, 'read-only');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    const run = await runCli(['--port', '0', '--data', dir], asRoot ? nobody : {});
    expectOneLineRefusal(
      run,
      /^raceside: Cannot write in the data folder .*read-only: permission denied\. Choose a folder you can write \(--data <folder>\)\.$/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('when the port and every fallback after it are taken', async () => {
    const servers = await occupyPorts(51);
    const base = (servers[0].address() as { port: number }).port;
    const dataDir = join(work, 'ports');
    try {
      // A folder with an event in it already: the failed start must leave it as it was.
      const first = await startTestStation({ dataDir });
      await createEvent(first, 'kept-event', 'Kept');
      expect(await first.stop()).toBe(0);
      const run = await runCli(['--port', String(base), '--data', dataDir, '--admin-secret', 'test-admin-secret']);
      expectOneLineRefusal(
        run,
        new RegExp(
          `^raceside: Ports ${base}–${base + 50} on 127\\.0\\.0\\.1 are all taken\\. Stop what uses them, or start with another port \\(--port <n>\\)\\.$`,
        ),
      );
      expect(existsSync(join(dataDir, 'raceside.lock'))).toBe(false);
    } finally {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    }
    const again = await startTestStation({ dataDir });
    try {
      expect((await api(again, 'GET', '/api/v1/admin/events/kept-event', { headers: { 'x-master-key': again.adminSecret } })).status).toBe(200);
    } finally {
      await again.cleanup();
    }
  });

  it('when the database was written by a newer Raceside', async () => {
    const dir = join(work, 'newer');
    mkdirSync(dir);
    const file = join(dir, 'raceside.sqlite');
    const db = new DatabaseSync(file);
    db.exec(
      `PRAGMA journal_mode = WAL; CREATE TABLE events (event_id TEXT); INSERT INTO events VALUES ('from-the-future'); PRAGMA user_version = ${newestSchemaVersion + 5}`,
    );
    db.close();
    const before = sha256(file);
    const run = await runCli(['--port', '0', '--data', dir]);
    expectOneLineRefusal(
      run,
      new RegExp(
        `^raceside: The data folder .*newer was written by a newer Raceside \\(database schema ${newestSchemaVersion + 5}; this one knows up to ${newestSchemaVersion}\\)\\. Start it with that newer Raceside, or choose another data folder \\(--data <folder>\\); nothing was changed\\.$`,
      ),
    );
    expect(sha256(file)).toBe(before);
    expect(readdirSync(dir)).toEqual(['raceside.sqlite']);
  });
});

/** `count` listening sockets on consecutive loopback ports. */
async function occupyPorts(count: number): Promise<Server[]> {
  for (let tries = 0; tries < 20; tries++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const servers: Server[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const server = createServer();
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(base + i, '127.0.0.1', () => resolve());
        });
        servers.push(server);
      }
      return servers;
    } catch {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    }
  }
  throw new Error('no block of free ports found');
}
