/**
 * Secrets are compared in constant time (issue 6, item 5). No timing measurement (too
 * noisy to mean anything on a shared 2-core machine): the code path is asserted instead.
 * `secretsEqual` hashes both sides to 32 bytes and compares the digests with
 * `crypto.timingSafeEqual`, whatever the lengths; ingest keys are looked up by their SHA-256; and
 * no source file compares a secret with `===`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { projectRoot } from '../helpers/station.ts';

const calls: { a: number; b: number }[] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    calls.push({ a: a.byteLength, b: b.byteLength });
    return real.timingSafeEqual(a, b);
  };
  return { ...real, default: { ...real, timingSafeEqual }, timingSafeEqual };
});

const { secretsEqual } = await import('../../src-main/http/auth.ts');
const { keyHash } = await import('../../src-main/station-core.ts');

describe('secretsEqual', () => {
  afterEach(() => {
    calls.length = 0;
  });

  it.each([
    ['equal', 'a-long-admin-secret-0123456789', 'a-long-admin-secret-0123456789', true],
    ['one character different', 'a-long-admin-secret-0123456789', 'a-long-admin-secret-0123456788', false],
    ['first character different', 'b-long-admin-secret-0123456789', 'a-long-admin-secret-0123456789', false],
    ['a prefix of the secret', 'a-long-admin', 'a-long-admin-secret-0123456789', false],
    ['the secret plus more', 'a-long-admin-secret-0123456789!', 'a-long-admin-secret-0123456789', false],
    ['empty', '', 'a-long-admin-secret-0123456789', false],
    ['both empty', '', '', true],
    ['PIN', '58203147', '58203147', true],
    ['PIN, other digits', '58203148', '58203147', false],
    ['non-ASCII', 'heslo-žluťoučký', 'heslo-žluťoučký', true],
    ['same bytes, other normalisation', 'e\u0301', '\u00e9', false],
  ])('%s → %s', (_name, given, expected, equal) => {
    expect(secretsEqual(given, expected)).toBe(equal);
    // Whatever the lengths, one timingSafeEqual over two 32-byte digests decides.
    expect(calls).toEqual([{ a: 32, b: 32 }]);
  });

  it('compares ingest keys by their SHA-256 (a map lookup of a digest, never the key text)', () => {
    expect(keyHash('abc')).toMatch(/^[0-9a-f]{64}$/);
    expect(keyHash('abc')).not.toBe(keyHash('abd'));
  });
});

describe('no secret is compared with == or !== anywhere in src-main', () => {
  it('finds no direct comparison of the admin secret, the PIN or an API key', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(projectRoot, 'src-main'));
    const secretish = /(adminSecret|officialsPin\(\)|\bpin\b|apiKey|x-master-key|x-api-key|x-officials-pin|authorization)/i;
    const offenders: string[] = [];
    for (const file of files) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const code = line.replace(/\/\/.*$/, '');
          if (/[!=]==?/.test(code) && secretish.test(code) && /[!=]==?\s*(['"`]|[A-Za-z_$(])/.test(code)) {
            // Presence checks (=== undefined / null, !== null) are not comparisons of the secret.
            const stripped = code.replace(/[!=]==?\s*(undefined|null)\b/g, '').replace(/\b(undefined|null)\s*[!=]==?/g, '');
            if (/[!=]==?/.test(stripped) && secretish.test(stripped)) offenders.push(`${file.slice(projectRoot.length)}:${i + 1}: ${line.trim()}`);
          }
        });
    }
    console.log(`constant time: ${files.length} source files scanned, ${offenders.length} direct secret comparisons`);
    expect(offenders).toEqual([]);
  });
});
