/**
 * A real relay in a child process (exactly what `npm run relay` runs) on a loopback port.
 * `kill()` is a `kill -9`; `pause()`/`resume()` stop and continue the process (SIGSTOP/SIGCONT),
 * which holds its Redis reads without closing anything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './station.ts';

export interface TestRelay {
  url: string;
  port: number;
  process: ChildProcess;
  output: string[];
  stop(): Promise<number | null>;
  kill(): Promise<void>;
  pause(): void;
  resume(): void;
  cleanup(): Promise<void>;
}

export async function startTestRelay(redisUrl: string, opts: { args?: string[]; env?: Record<string, string> } = {}): Promise<TestRelay> {
  const child = spawn(process.execPath, [
    join(projectRoot, 'src-main/relay-cli.ts'), '--redis', redisUrl, '--host', '127.0.0.1', '--port', '0', ...(opts.args ?? []),
  ], { cwd: projectRoot, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start:\n${output.join('')}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      output.push(d.toString());
      const m = /Raceside relay listening on http:\/\/[^:]+:(\d+)/.exec(output.join(''));
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited with ${code}:\n${output.join('')}`));
    });
  });
  const exited = () => (child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise<number | null>((r) => child.once('exit', (code) => r(code))));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    output,
    async stop() {
      child.kill('SIGTERM');
      return exited();
    },
    async kill() {
      child.kill('SIGKILL');
      await exited();
    },
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    async cleanup() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        child.kill('SIGKILL');
        await exited();
      }
    },
  };
}
