/**
 * Builds the renderer (Vite) when its output is missing or older than its sources, so that
 * `npm run station` and `npm test` work right after `npm install` on a fresh clone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pages = ['spectator', 'operator', 'officials', 'board', 'overlay', 'announcer'].map((name) => join(root, 'dist-renderer', name, 'index.html'));
/** The spectator's first view, rendered by the station (vite.ssr.config.ts). */
const firstView = join(root, 'dist-renderer', 'ssr', 'first-view.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const sources = Math.max(
  newestMtime(join(root, 'src-renderer')),
  newestMtime(join(root, 'src-main', 'wire')),
  statSync(join(root, 'vite.config.ts')).mtimeMs,
  statSync(join(root, 'vite.ssr.config.ts')).mtimeMs,
);
const stale = [...pages, firstView].some((file) => !existsSync(file) || statSync(file).mtimeMs < sources);
if (stale) {
  process.stdout.write('Building the pages (vite build)…\n');
  // The pages, then the spectator's first view for the station (it lands inside dist-renderer,
  // which the pages' build empties first).
  for (const config of [[], ['--config', 'vite.ssr.config.ts']]) {
    execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', ...config, '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
      // Test runners set NODE_ENV=test, which would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
}
