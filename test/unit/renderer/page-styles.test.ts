/**
 * Every built page links the shared base styles (shared/ui/base.css) before its own, so a page's
 * rules win over the base ones of equal weight. Vite orders stylesheets by chunk; when base.css
 * lands in a chunk of its own it is linked after the page's (vite.config.ts says why and how it is
 * kept with the API client), and the spectator's layout silently changes. Read from the real build.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const dist = join(root, 'dist-renderer');
/** A rule only base.css has. */
const BASE_MARKER = '--tap:44px';

function stylesheets(page: string): string[] {
  const html = readFileSync(join(dist, page, 'index.html'), 'utf8');
  return [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
}

describe('page styles', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts/ensure-build.ts')], { cwd: root, stdio: 'inherit' });
  }, 120_000);

  it.each(['spectator', 'operator', 'officials', 'board', 'overlay', 'announcer'])('%s links base.css first', (page) => {
    const sheets = stylesheets(page);
    const withBase = sheets.map((href) => readFileSync(join(dist, href), 'utf8').replace(/\s+/g, '').includes(BASE_MARKER));
    expect(withBase.indexOf(true), sheets.join(' ')).toBe(0);
    expect(withBase.filter(Boolean)).toHaveLength(1);
  });
});
