/** The dashboard's and officials page's catalogue: complete in both languages, kept apart from the spectator's. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transitionLabel, statusLabel } from '../../../../../src-renderer/shared/staff/status-label.ts';
import { fillNodes } from '../../../../../src-renderer/shared/staff/i18n/fill-nodes.tsx';
import { cs } from '../../../../../src-renderer/shared/staff/i18n/messages-cs.ts';
import { en } from '../../../../../src-renderer/shared/staff/i18n/messages-en.ts';
import { operatorText } from '../../../../../src-renderer/shared/staff/i18n/operator-text.ts';
import { errorText } from '../../../../../src-renderer/shared/staff/error-text.ts';
import { ApiError } from '../../../../../src-renderer/shared/api-client.ts';

const root = join(import.meta.dirname, '../../../../..');

describe('operator messages', () => {
  it('has the same keys in English and Czech, none empty, same placeholders', () => {
    expect(Object.keys(cs).sort()).toEqual(Object.keys(en).sort());
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      expect(cs[k].length, k).toBeGreaterThan(0);
      expect(ph(cs[k]), k).toBe(ph(en[k]));
    }
  });

  it('every plural key comes as a one/few/other triple', () => {
    const keys = Object.keys(en);
    for (const k of keys.filter((x) => /\.(one|few|other)$/.test(x))) {
      const base = k.replace(/\.(one|few|other)$/, '');
      expect(
        ['one', 'few', 'other'].every((f) => keys.includes(`${base}.${f}`)),
        base,
      ).toBe(true);
    }
  });

  it('names statuses, transitions and the spectators count in both languages', () => {
    const tEn = operatorText('en');
    const tCs = operatorText('cs');
    expect(statusLabel('draft', tEn)).toBe('Draft (hidden)');
    expect(statusLabel('running', tCs)).toBe('Probíhá');
    expect(transitionLabel('finished', 'running', tEn)).toBe('Back to running');
    expect(transitionLabel('startlist', 'running', tEn)).toBe('Start: running');
    expect(transitionLabel('finished', 'official', tCs)).toBe('Vyhlásit závod oficiálním…');
    expect([1, 2, 5, 0].map((n) => tCs.tn('lan.connected', n))).toEqual([
      'Nyní je připojen 1 divák.',
      'Nyní jsou připojeni 2 diváci.',
      'Nyní je připojeno 5 diváků.',
      'Nyní je připojeno 0 diváků.',
    ]);
    expect([1, 3].map((n) => tEn.tn('lan.connected', n))).toEqual(['1 spectator is connected now.', '3 spectators are connected now.']);
  });

  it('says what failed on this side in the chosen language, and keeps the station’s own words', () => {
    expect(errorText(new ApiError(0, 'NetworkError', 'Failed to fetch'), operatorText('cs'))).toBe('Stanice není dostupná.');
    expect(errorText(new ApiError(409, 'Conflict', 'The resource already exists'), operatorText('cs'))).toBe('The resource already exists (Conflict)');
  });

  it('fills elements into a translated sentence', () => {
    const parts = fillNodes('Paste into {file} now {other}', { file: 'X' });
    expect(parts.map((p) => (p as { props: { children: unknown } }).props.children)).toEqual(['Paste into ', 'X', ' now ', '{other}', '']);
  });

  it('is never imported by the spectator app', () => {
    // The spectator bundle must not grow with the dashboard's texts (bundle-size.test.ts measures it).
    // They live in shared/staff/ (the dashboard's and the officials page's), which only those import.
    const files = spectatorSources();
    for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toMatch(/from\s+['"][^'"]*\/(operator|staff)\//);
  });
});

/** Every source file of the spectator entry's side: the spectator app and the shared code. */
function spectatorSources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (p === join(root, 'src-renderer/shared/staff')) continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name)) out.push(p);
    }
  };
  walk(join(root, 'src-renderer/spectator'));
  walk(join(root, 'src-renderer/shared'));
  return out;
}
