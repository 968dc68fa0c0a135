/**
 * `npm run smoke`: the app started with `--smoke` on the real Canoe123 export
 * (test/fixtures/real): a database in a temporary folder, the XML read in the parse worker, /health
 * and the spectator page answered, exit 0 (src-main/smoke.ts). It builds first. Where the Electron
 * runtime can be had this is the Electron app itself; where it cannot (our build machines, where
 * the binary cannot be downloaded) the same compiled entry runs under this Node, and it says so.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realXmlPath } from '../test/fixtures/real-data.ts';
import { electronEnv, findElectron } from './electron-runtime.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(command: string, args: string[], env?: NodeJS.ProcessEnv): number {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  return result.status ?? 1;
}

for (const step of [['scripts/ensure-build.ts'], ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.main.json']]) {
  const status = run(process.execPath, step);
  if (status !== 0) process.exit(status);
}
const electron = findElectron(root);
if ('path' in electron) {
  process.exit(run(electron.path, [root, '--smoke', realXmlPath], electronEnv()));
}
process.stdout.write(
  `Electron runtime not available here (${electron.reason}); running the app's compiled entry under Node ${process.versions.node} instead.\n`,
);
process.exit(run(process.execPath, [join(root, 'dist-main', 'electron', 'main.js'), '--smoke', realXmlPath]));
