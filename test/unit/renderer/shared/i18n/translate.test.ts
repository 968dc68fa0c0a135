import { describe, expect, it } from 'vitest';
import { cs } from '../../../../../src-renderer/shared/i18n/messages-cs.ts';
import { en } from '../../../../../src-renderer/shared/i18n/messages-en.ts';
import { detectLanguage, intlLocale, pluralForm, translate, translatePlural } from '../../../../../src-renderer/shared/i18n/translate.ts';

describe('i18n', () => {
  it('has the same keys in English and Czech, none empty', () => {
    expect(Object.keys(cs).sort()).toEqual(Object.keys(en).sort());
    for (const v of [...Object.values(en), ...Object.values(cs)]) expect(v.length).toBeGreaterThan(0);
  });
  it('keeps the same placeholders in both languages', () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(ph(cs[k]), k).toBe(ph(en[k]));
  });
  it('fills placeholders', () => {
    expect(translate(en, 'alert.finishedRank', { name: 'NOVÁK Jan', total: '85.20', rank: 3 })).toBe('NOVÁK Jan finished: 85.20, rank 3');
    expect(translate(cs, 'view.results')).toBe('Výsledky');
    expect(translate(en, 'oncourse.rank', {})).toBe('Rank {rank}');
  });
  it('detects the language: stored choice, then browser, then English', () => {
    expect(detectLanguage('cs', ['en-US'])).toBe('cs');
    expect(detectLanguage(null, ['cs-CZ', 'en'])).toBe('cs');
    expect(detectLanguage(null, ['sk'])).toBe('cs');
    expect(detectLanguage(null, ['de-DE', 'en-GB'])).toBe('en');
    expect(detectLanguage('xx', ['fr'])).toBe('en');
  });
  it('uses the browser locale for Intl when it speaks the chosen language', () => {
    expect(intlLocale('en', ['en-US'])).toBe('en-US');
    expect(intlLocale('cs', ['en-US'])).toBe('cs-CZ');
    expect(intlLocale('en', ['cs-CZ'])).toBe('en-GB');
  });
});

describe('plural forms', () => {
  it('English one/other, Czech one/few/other', () => {
    expect([0, 1, 2, 5].map((n) => pluralForm('en', n))).toEqual(['other', 'one', 'other', 'other']);
    expect([0, 1, 2, 3, 4, 5, 22, 1.5].map((n) => pluralForm('cs', n))).toEqual(['other', 'one', 'few', 'few', 'few', 'other', 'other', 'other']);
  });
  it('fills the right form of a triple', () => {
    const m = { 'x.one': '{n} divák', 'x.few': '{n} diváci', 'x.other': '{n} diváků' } as const;
    expect([1, 3, 7].map((n) => translatePlural(m, 'cs', 'x', n))).toEqual(['1 divák', '3 diváci', '7 diváků']);
  });
});
