/**
 * A real redis-server for tests (Debian's `redis-server`; `.ci/run` installs it): its own loopback
 * port and temp folder, nothing saved to disk. `kill()` is a `kill -9`; `restart()` starts a new
 * server on the same port, empty (as a Redis without persistence comes back after a crash).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export const redisServerBinary = process.env.REDIS_SERVER ?? 'redis-server';

/** Whether a redis-server can be started here. */
export function haveRedisServer(): boolean {
  return spawnSync(redisServerBinary, ['--version'], { stdio: 'ignore' }).status === 0;
}

export interface TestRedis {
  url: string;
  port: number;
  process: ChildProcess;
  /** A client for the test's own checks (connect on first use). */
  client(): Redis;
  kill(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** `INFO` fields as numbers where they are numbers. */
  info(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startTestRedis(extraArgs: string[] = [], opts: { port?: number } = {}): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'raceside-redis-'));
  const port = opts.port ?? (await freePort());
  const clients: Redis[] = [];
  const redis = {} as TestRedis;
  const launch = async () => {
    const child = spawn(
      redisServerBinary,
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', '', ...extraArgs],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 10_000);
      const on = (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', on);
      child.stderr!.on('data', on);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}:\n${out}`));
      });
    });
    child.stdout!.resume();
    child.stderr!.resume();
    redis.process = child;
  };
  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));
  Object.assign(redis, {
    url: `redis://127.0.0.1:${port}`,
    port,
    client() {
      const c = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 1, lazyConnect: false });
      c.on('error', () => {});
      clients.push(c);
      return c;
    },
    async kill() {
      redis.process.kill('SIGKILL');
      await exited(redis.process);
    },
    async stop() {
      redis.process.kill('SIGTERM');
      await exited(redis.process);
    },
    async restart() {
      await launch();
    },
    async info() {
      const c = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 1 });
      try {
        const text = await c.info();
        const out: Record<string, string> = {};
        for (const line of text.split('\r\n')) {
          const i = line.indexOf(':');
          if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
        }
        return out;
      } finally {
        c.disconnect();
      }
    },
    async cleanup() {
      for (const c of clients) c.disconnect();
      if (redis.process.exitCode === null && redis.process.signalCode === null) {
        redis.process.kill('SIGKILL');
        await exited(redis.process);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  });
  await launch();
  return redis;
}
