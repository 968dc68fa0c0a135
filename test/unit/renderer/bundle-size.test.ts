/**
 * The spectator's first view must ship at most 100 KB of JavaScript and CSS together, gzipped
 * (issue 4: phones on a weak venue Wi-Fi). Measured on the real build: every script, stylesheet
 * and modulepreload that dist-renderer/spectator/index.html references, plus the static imports of
 * those scripts (dynamic `import()` chunks are not part of the first view), each gzipped with
 * node:zlib at its default level.
 *
 * Vite takes React's build flavour from NODE_ENV, and vitest runs with NODE_ENV=test: a
 * `vite build` started from inside a test run without NODE_ENV=production ships React's
 * development build (~2× the size). ensure-build sets it; if dist-renderer still holds a
 * development build (built some other way), the production size is measured from a fresh build in
 * a temporary folder instead of failing on a build no phone would ever get.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const LIMIT = 100 * 1024;
const production = { ...process.env, NODE_ENV: 'production' };
let dist = join(root, 'dist-renderer');
let scratch: string | null = null;

/** `/assets/x.js` or `../assets/x.js` (relative to the page or to the importing chunk) → file path. */
function resolveAsset(ref: string, fromDir: string, dist: string): string {
  return ref.startsWith('/') ? join(dist, ref) : join(fromDir, ref);
}

function staticImports(code: string): string[] {
  const out: string[] = [];
  // import x from"./a.js"; import"./a.js"; export * from "./a.js" (minified or not); never import("…")
  const re = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;
  for (let m; (m = re.exec(code));) out.push(m[1]);
  return out;
}

function firstViewAssets(dist: string): Map<string, Buffer> {
  const pageDir = join(dist, 'spectator');
  const html = readFileSync(join(pageDir, 'index.html'), 'utf8');
  const refs: string[] = [];
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) refs.push(m[1]);
  for (const m of html.matchAll(/<link[^>]*\brel="(?:stylesheet|modulepreload)"[^>]*\bhref="([^"]+)"/g)) refs.push(m[1]);
  for (const m of html.matchAll(/<link[^>]*\bhref="([^"]+)"[^>]*\brel="(?:stylesheet|modulepreload)"/g)) refs.push(m[1]);
  const files = new Map<string, Buffer>();
  const queue = refs.filter((r) => !/^(data:|https?:)/.test(r)).map((r) => resolveAsset(r, pageDir, dist));
  while (queue.length) {
    const file = queue.shift()!;
    if (files.has(file)) continue;
    const buf = readFileSync(file);
    files.set(file, buf);
    if (file.endsWith('.js')) for (const imp of staticImports(buf.toString('utf8'))) queue.push(resolveAsset(imp, join(file, '..'), dist));
  }
  return files;
}

function isDevelopmentBuild(files: Map<string, Buffer>): boolean {
  return [...files.values()].some((b) => b.includes('Download the React DevTools'));
}

describe('spectator bundle size', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts/ensure-build.ts')], { cwd: root, stdio: 'inherit' });
    if (isDevelopmentBuild(firstViewAssets(dist))) {
      console.warn('dist-renderer holds a development build (built under NODE_ENV≠production); measuring a fresh production build');
      scratch = mkdtempSync(join(tmpdir(), 'raceside-bundle-'));
      execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', scratch, '--emptyOutDir'], {
        cwd: root,
        stdio: 'inherit',
        env: production,
      });
      dist = scratch;
    }
  }, 120_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('the first view is at most 100 KB of JS + CSS, gzipped', () => {
    const files = firstViewAssets(dist);
    expect(isDevelopmentBuild(files)).toBe(false);
    const sizes = new Map([...files].map(([f, b]) => [f, gzipSync(b).length]));
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    const lines = [...sizes.entries()].map(([f, n]) => `  ${f.slice(dist.length + 1)}: ${(n / 1024).toFixed(1)} KB`);
    console.log(`spectator first view, gzip: ${(total / 1024).toFixed(1)} KB of ${LIMIT / 1024} KB\n${lines.join('\n')}`);
    expect(sizes.size).toBeGreaterThanOrEqual(2);
    expect([...sizes.keys()].some((f) => f.endsWith('.css'))).toBe(true);
    expect(total).toBeLessThanOrEqual(LIMIT);
  });
});
