/**
 * `npm start`: the desktop app when the Electron runtime can be had, the headless station with
 * the dashboard in the default browser when it cannot (as on our build machines, where the
 * Electron binary cannot be downloaded). Arguments after `--` go to the headless station
 * (`npm start -- --port 4900`), the same as `npm run station`.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { watchLauncher } from '../src-main/launcher-watch.ts';
import { electronEnv, findElectron } from './electron-runtime.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = process.execPath;
const args = process.argv.slice(2);

function runSync(command: string, commandArgs: string[]): void {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * Runs a child to the end. Every way this launcher is asked to stop (Ctrl+C, SIGTERM, a closed
 * terminal or console window, Ctrl+Break), and its own launcher going away (npm killed), is passed
 * on with `stop`; the child exits cleanly and this one exits with its code. (Ctrl+C also reaches the
 * child directly, from the same terminal; a second request is harmless.)
 */
function supervise(child: ChildProcess, stop: (signal: string) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const) process.on(signal, () => stop(signal));
  watchLauncher(() => stop('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function openInBrowser(url: string): void {
  const [command, commandArgs] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const opener = spawn(command, commandArgs, { stdio: 'ignore', detached: true });
  opener.on('error', () => {}); // no browser here: the URL is in the station's own output
  opener.unref();
}

const electron = findElectron(root);
if ('path' in electron) {
  runSync(node, ['scripts/ensure-build.ts']);
  runSync(node, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.main.json']);
  const app = spawn(electron.path, [root], { cwd: root, stdio: 'inherit', env: electronEnv() });
  // On Windows a "signal" to a child is a hard kill; there Electron gets Ctrl+C and the console's
  // close itself, and closing its window quits it cleanly.
  supervise(app, (signal) => process.platform !== 'win32' && app.kill(signal as NodeJS.Signals));
} else {
  process.stdout.write(`Electron runtime not available here (${electron.reason}); starting the headless station and opening the dashboard in your browser.\n`);
  runSync(node, ['scripts/ensure-build.ts']);
  // An IPC channel carries the stop request: Windows cannot signal a child without killing it hard,
  // and the channel closing tells the station its launcher has gone, however this process ends.
  const station = spawn(node, ['src-main/cli.ts', ...args], { cwd: root, stdio: ['inherit', 'pipe', 'inherit', 'ipc'] });
  let seen: string | null = ''; // output up to the "listening" line, which may arrive split across chunks
  station.stdout!.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (seen === null) return;
    seen += chunk.toString('utf8');
    const port = /Raceside listening on http:\/\/\S+?:(\d+)/.exec(seen)?.[1];
    const token = /Operator token \(.*\): (\S+)/.exec(seen)?.[1];
    if (port && token) {
      seen = null;
      // The dashboard reads the operator token from the fragment (never sent to the server) and drops it.
      openInBrowser(`http://127.0.0.1:${port}/operator/#token=${encodeURIComponent(token)}`);
    }
  });
  supervise(station, (signal) => {
    if (station.connected) station.send({ type: 'stop', signal });
  });
}
