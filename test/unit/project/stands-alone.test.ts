/**
 * The repository stands alone and runs from any folder (issue 9): no file reads or links anything
 * outside the project, the documents' links resolve inside it, file paths come from
 * `fileURLToPath` (never a URL's `.pathname`, which breaks on spaces, non-ASCII letters and
 * Windows drives), and nothing assumes Linux's `/proc` or one browser path.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectFiles } from '../../helpers/project-files.ts';
import { projectRoot } from '../../helpers/station.ts';

const files = projectFiles();
const text = files.filter((f) => /\.(ts|tsx|cts|mts|js|mjs|cjs|json|md|yml|yaml|html|css|nsh|sh)$|^\.ci\//.test(f) && !f.startsWith('test/fixtures/real/'));
const code = text.filter((f) => /\.(ts|tsx|cts|mts|js|mjs|cjs)$|^\.ci\//.test(f));
const read = (f: string) => readFileSync(join(projectRoot, f), 'utf8');
// Written in pieces, so this file does not find itself.
const SHARED = ['shared/' + 'reference', 'shared/' + 'seed', 'shared/' + 'fixtures', 'shared/' + 'SPEC', 'shared/' + 'STYLE'];
const PROC = '/pr' + 'oc/';
const ONE_BROWSER = '/usr/bin/' + 'chromium';

describe('the project stands alone', () => {
  it('lists its files', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('src-main/cli.ts');
  });

  it('no file refers to the specification folder beside the project, or to an absolute build-machine path', () => {
    const found = text.flatMap((f) => {
      const content = read(f);
      return (
        [...SHARED, '../' + 'shared/', "'/" + 'work/', '"/' + 'work/', '`/' + 'work/']
          // The renderer's own src-renderer/shared/ folder is inside the project.
          .filter((needle) => content.includes(needle) && !(needle === '../' + 'shared/' && f.startsWith('src-renderer/')))
          .map((needle) => `${f}: ${needle}`)
      );
    });
    expect(found).toEqual([]);
  });

  it('every relative link of the README and the docs points at a file inside the project', () => {
    const broken: string[] = [];
    for (const doc of files.filter((f) => f === 'README.md' || (f.startsWith('docs/') && f.endsWith('.md')) || f.endsWith('/SOURCES.md'))) {
      for (const [, target] of read(doc).matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/i.test(target)) continue;
        const inside = relative(projectRoot, resolve(projectRoot, dirname(doc), target));
        if (inside.startsWith('..') || !files.includes(normalize(inside).split('\\').join('/'))) broken.push(`${doc} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("takes file paths from fileURLToPath, never from a URL's .pathname", () => {
    const found = code.filter((f) => /import\.meta\.url\)\s*\.pathname/.test(read(f)));
    expect(found).toEqual([]);
  });

  it('reads no /proc and hard-codes no browser path', () => {
    const found = code.filter((f) => read(f).includes(PROC) || read(f).includes(ONE_BROWSER));
    expect(found).toEqual([]);
  });
});
