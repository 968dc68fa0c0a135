/** The spectator's search and "favourites only" over a startlist (both runs of a best-run pair). */
import { describe, expect, it } from 'vitest';
import type { PublicStartlistEntry } from '@wire/api.ts';
import { filterRows } from '../../../../../src-renderer/spectator/lib/filter-rows.ts';
import { mergeStartlists } from '../../../../../src-renderer/shared/startlist/merge-startlists.ts';

const entry = (participantId: string, startOrder: number, bib: number, name: string, club: string | null, startTime: string): PublicStartlistEntry => ({
  participantId,
  startOrder,
  bib,
  name,
  club,
  catId: 'ZS',
  startTime,
  athleteId: null,
  noc: null,
  year: null,
});

const run1 = [
  entry('a', 1, 9, 'KOPEČEK Michal', 'VS Tábor', '10:00:00'),
  entry('b', 2, 10, 'POHANKA Vít', 'KK Brandýs', '10:01:00'),
  entry('c', 3, 110, 'NOVÁK Jan', 'USK Praha', '10:02:00'),
];
const run2 = run1.map((e, i) => ({ ...e, startTime: `11:0${i}:00` }));
const rows = mergeStartlists([run1, run2]);

describe('startlist filters', () => {
  it('finds by name, club or bib, ignoring accents and case, keeping the start order', () => {
    expect(filterRows(rows, 'novak', false, () => false).map((r) => r.bib)).toEqual([110]);
    expect(filterRows(rows, 'tabor', false, () => false).map((r) => r.bib)).toEqual([9]);
    expect(filterRows(rows, '1', false, () => false).map((r) => r.bib)).toEqual([10, 110]);
    expect(filterRows(rows, '', false, () => false).map((r) => r.startOrder)).toEqual([1, 2, 3]);
  });
  it('shows only favourites, with both runs’ start times', () => {
    const favs = new Set([10, 110]);
    const shown = filterRows(rows, '', true, (r) => favs.has(r.bib!));
    expect(shown.map((r) => [r.bib, r.startTimes])).toEqual([
      [10, ['10:01:00', '11:01:00']],
      [110, ['10:02:00', '11:02:00']],
    ]);
    expect(filterRows(rows, 'poh', true, (r) => favs.has(r.bib!)).map((r) => r.bib)).toEqual([10]);
  });
});
