/**
 * Test helpers: a real station in a child process (exactly what `npm run station` runs), and
 * small HTTP helpers for the contract. `kill()` is a `kill -9`; `restart()` starts a new process
 * on the same data folder and port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
export { realCapturePath, realXmlPath } from '../fixtures/real-data.ts';

export interface TestStation {
  url: string;
  port: number;
  adminSecret: string;
  dataDir: string;
  process: ChildProcess;
  output: string[];
  stop(): Promise<number | null>;
  kill(): Promise<void>;
  restart(): Promise<void>;
  cleanup(): Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  args?: string[];
  env?: Record<string, string>;
}

export async function startTestStation(opts: StartOptions = {}): Promise<TestStation> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'raceside-test-'));
  const adminSecret = 'test-admin-secret';
  let port = 0;
  const station = {} as TestStation;
  const launch = async () => {
    const child = spawn(
      process.execPath,
      [
        join(projectRoot, 'src-main/cli.ts'),
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--data',
        dataDir,
        '--admin-secret',
        adminSecret,
        ...(opts.args ?? []),
      ],
      { cwd: projectRoot, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const output: string[] = [];
    const actual = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`station did not start:\n${output.join('')}`)), 20_000);
      child.stdout!.on('data', (d: Buffer) => {
        output.push(d.toString());
        const m = /Raceside listening on http:\/\/[^:]+:(\d+)/.exec(output.join(''));
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`station exited with ${code}:\n${output.join('')}`));
      });
    });
    port = actual;
    Object.assign(station, { url: `http://127.0.0.1:${port}`, port, process: child, output });
  };
  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve(child.exitCode)
      : new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  Object.assign(station, {
    adminSecret,
    dataDir,
    async stop() {
      station.process.kill('SIGTERM');
      return exited(station.process);
    },
    async kill() {
      station.process.kill('SIGKILL');
      await exited(station.process);
    },
    async restart() {
      await launch();
    },
    async cleanup() {
      if (station.process.exitCode === null && station.process.signalCode === null) {
        station.process.kill('SIGKILL');
        await exited(station.process);
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
  await launch();
  return station;
}

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function api<T = any>(
  station: { url: string },
  method: string,
  path: string,
  opts: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(station.url + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/**
 * A POST that reads the answer even when the station refuses the body before reading it all
 * (413 on Content-Length): fetch would report EPIPE instead of the answer. Bodies over 1 MiB are
 * announced in full but only their first 64 KiB are sent; the station must answer from the
 * Content-Length alone.
 */
export function rawPost(station: { url: string }, path: string, body: string, headers: Record<string, string>): Promise<ApiAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      station.url + path,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* keep text */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: new Headers(res.headers as Record<string, string>) });
          req.destroy();
        });
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err);
    });
    if (body.length > 1024 * 1024) req.write(body.slice(0, 64 * 1024));
    else req.end(body);
  });
}

export async function createEvent(station: TestStation, eventId = 'jarni-slalomy-2024', mainTitle = 'Jarní slalomy 2024') {
  const res = await api(station, 'POST', '/api/v1/admin/events', {
    headers: { 'x-master-key': station.adminSecret },
    body: { eventId, mainTitle },
  });
  if (res.status !== 201) throw new Error(`create event failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; eventId: string; apiKey: string };
}

export function ingest(station: { url: string }, apiKey: string, path: string, body: unknown) {
  const method = path.includes('/status') ? 'PATCH' : 'POST';
  return api(station, method, path, { headers: { 'x-api-key': apiKey }, body });
}

export function operator(station: { adminSecret: string }) {
  return { authorization: `Bearer ${station.adminSecret}` };
}

/**
 * A station in this test process (real HTTP and WebSocket on a loopback port), for tests that need
 * short settings, an injected clock, or a restart on the same data folder (`opts.dataDir`, which
 * cleanup then leaves in place).
 */
export async function startInProcessStation(
  settings: Partial<import('../../src-main/settings.ts').Settings> = {},
  opts: { clock?: import('../../src-main/station-core.ts').Clock; dataDir?: string } = {},
) {
  const { startStation } = await import('../../src-main/station.ts');
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'raceside-inproc-'));
  const station = await startStation({ host: '127.0.0.1', port: 0, dataDir, adminSecret: 'test-admin-secret', settings, pagesRoot: null, clock: opts.clock });
  return Object.assign(station, {
    async cleanup() {
      await station.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
