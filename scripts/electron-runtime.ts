/**
 * The Electron binary for `npm start` and `npm run smoke`, or why there is none.
 * `require('electron')` answers the path, and downloads the binary on first use (Electron ≥ 42 no
 * longer does at install). It runs in a child process so its download chatter and stack trace stay
 * out of the terminal.
 */
import { spawnSync } from 'node:child_process';

export function findElectron(root: string): { path: string } | { reason: string } {
  const marker = 'electron-path=';
  const probe = spawnSync(process.execPath, ['-e', `process.stdout.write('\\n${marker}' + require('electron'))`], {
    cwd: root,
    encoding: 'utf8',
    timeout: 600_000,
  });
  // A first-run download prints its progress on stdout too, so the path is what follows the marker.
  const stdout = probe.stdout ?? '';
  const path = stdout.slice(stdout.lastIndexOf(marker) + marker.length);
  if (probe.status === 0 && stdout.includes(marker) && path) return { path };
  const errors = `${probe.stderr ?? ''}`.split('\n').filter((line) => /^\w*Error\b/.test(line.trim()));
  const cause = errors.find((line) => !line.includes('Electron failed to install')) ?? errors[0];
  const what = stdout.includes('Downloading Electron binary') ? 'the Electron binary could not be downloaded' : "require('electron') failed";
  return { reason: `${what}: ${cause?.trim() ?? probe.error?.message ?? `exit ${probe.status}`}` };
}

/** The environment for the Electron app: never as plain Node, whatever the caller's shell says. */
export function electronEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}
