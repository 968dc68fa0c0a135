import { describe, expect, it } from 'vitest';
import { shortClub } from '../../../../../src-renderer/spectator/lib/club-name.ts';

describe('shortClub', () => {
  it('shortens the clubs of the real export as a Czech results sheet does', () => {
    const cases: [string, string][] = [
      ['Univerzitní sportovní klub Praha', 'USK Praha'],
      ['Kajak klub Brandýs nad Labem, z. s.', 'KK Brandýs nad Labem'],
      ['TJ Kralupy, oddíl kanoistiky', 'TJ Kralupy'],
      ['SKUP Olomouc, z.s. - oddíl kanoistiky', 'SKUP Olomouc'],
      ['TJ Šumperk z.s.', 'TJ Šumperk'],
      ['Kanoistický klub Klatovy z.s.', 'KK Klatovy'],
      ['Klub vodních sportů Sušice z.s.', 'KVS Sušice'],
      ['Vodácký oddíl Horšovský Týn', 'VO Horšovský Týn'],
      ['Vodní sporty Ostrava, z.s.', 'VS Ostrava'],
      ['Klub Kanoistika Roudnice n.L.', 'KK Roudnice n.L.'],
      ['Wild Water Canoe Club FROL', 'WWCC FROL'],
      ['Kanoe Klub Spoj Brno', 'KK Spoj Brno'],
      ['SK Kanoistika Česká Lípa, z.s.', 'SK Kanoistika Česká Lípa'],
    ];
    for (const [full, short] of cases) expect(shortClub(full), full).toBe(short);
  });

  it('leaves names that are already short, or only generic, as they are', () => {
    expect(shortClub('SK Vodní slalom České Budějovice')).toBe('SK Vodní slalom České Budějovice');
    expect(shortClub('TJ DUKLA Praha')).toBe('TJ DUKLA Praha');
    expect(shortClub('VS Tábor')).toBe('VS Tábor');
    expect(shortClub('Klub')).toBe('Klub');
    expect(shortClub('Kanoe klub')).toBe('Kanoe klub');
    expect(shortClub(null)).toBe('');
    expect(shortClub('')).toBe('');
  });
});
