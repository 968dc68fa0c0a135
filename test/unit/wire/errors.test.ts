/**
 * Keeps the error table, the README and the code in step (as Fastify's errors test does): every
 * code is documented with its status, and every code is used somewhere outside the table.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorTable } from '../../../src-main/wire/errors.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('error table', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const code = sources(join(root, 'src-main'))
    .filter((f) => !f.endsWith('wire/errors.ts'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

  it('documents every code with its status in the README', () => {
    for (const [name, { status }] of Object.entries(errorTable)) {
      expect(readme, name).toMatch(new RegExp(`\\| \`${name}\` \\| ${status} \\|`));
    }
    const documented = [...readme.matchAll(/^\| `([A-Za-z]+)` \| \d{3} \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(errorTable).sort());
  });

  it('uses every code somewhere', () => {
    for (const name of Object.keys(errorTable)) expect(code, name).toContain(`'${name}'`);
  });
});
