/**
 * A station in its own process, as the benches that measure across processes start it: this
 * checkout's `src-main/cli.ts` (or another tree's, for a before/after run), on 127.0.0.1 with a
 * free port, the bench's admin secret, and its URL once it prints that it listens. The caps are
 * the station's defaults unless the bench passes `ROOMY`: every client of a bench comes from
 * 127.0.0.1, which the per-address cap would otherwise refuse past 32 sockets.
 *
 * Also the two pieces a bench needs for any server child: `spawnNode` (optionally with the
 * open-file limit raised, since 10,000 sockets need more than the usual 1,024) and `waitForLine`.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
export const BENCH_SECRET = 'bench-secret';
/** Room and per-address caps lifted for a bench whose thousands of clients share one address. */
export const ROOMY = ['--max-connections-per-event', '20000', '--max-connections-per-address', '100000'];

export interface SpawnOptions {
  /** Raise the child's open-file limit to the hard limit first (a shell's `ulimit -n`; Node cannot raise its own). */
  raiseFileLimit?: boolean;
  stdio?: StdioOptions;
  env?: NodeJS.ProcessEnv;
}

/**
 * `node <args>` with the running Node (24). With a piped standard error (`stdio[2] === 'pipe'`),
 * what the child writes there is kept, not shown, and printed only if it exits with an error.
 */
export function spawnNode(args: string[], opts: SpawnOptions = {}): ChildProcess {
  const { stdio = ['ignore', 'pipe', 'inherit'], env = process.env } = opts;
  const child =
    opts.raiseFileLimit && process.platform !== 'win32'
      ? spawn('/bin/sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath, ...args], { stdio, env })
      : spawn(process.execPath, args, { stdio, env });
  if (child.stderr) {
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err = (err + d).slice(-4000)));
    child.on('exit', (code) => {
      if (code) process.stderr.write(`${args.join(' ')} exited with ${code}:\n${err}\n`);
    });
  }
  return child;
}

/** The first match of `pattern` in the child's standard output; rejects with that output if it exits first. */
export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolve(m);
    });
    child.on('exit', () => reject(new Error(out)));
  });
}

export interface StationProcessOptions extends SpawnOptions {
  dataDir: string;
  /** Station options after the host, port, data folder and secret (e.g. `ROOMY`). */
  args?: string[];
  /** Node's own options before the entry (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** The checkout whose station runs (default: this one). */
  tree?: string;
}

export interface StationProcess {
  child: ChildProcess;
  url: string;
  /** SIGTERM, and wait until it has gone. */
  stop(): Promise<void>;
}

export async function startStationProcess(opts: StationProcessOptions): Promise<StationProcess> {
  const entry = join(opts.tree ?? projectRoot, 'src-main/cli.ts');
  const args = [...(opts.nodeArgs ?? []), entry, '--host', '127.0.0.1', '--port', '0', '--data', opts.dataDir, '--admin-secret', BENCH_SECRET];
  const child = spawnNode([...args, ...(opts.args ?? [])], opts);
  const m = await waitForLine(child, /listening on http:\/\/[^:\s]+:(\d+)/);
  return {
    child,
    url: `http://127.0.0.1:${m[1]}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
