import { describe, expect, it } from 'vitest';
import type { PublicResult } from '@wire/api.ts';
import { resultTotal, splitRuns } from '../../../../../src-renderer/shared/results/runs.ts';
import { filterRows, matchesSearch } from '../../../../../src-renderer/spectator/lib/filter-rows.ts';

const base = {
  participantId: 'p',
  rnk: 1,
  bib: 9,
  athleteId: null,
  name: 'KOPEČEK Michal',
  club: 'VS Tábor',
  noc: null,
  catId: 'ZS',
  catRnk: 1,
  time: null,
  pen: null,
  total: null,
  totalBehind: null,
  catTotalBehind: null,
  status: null,
  startOrder: 1,
  year: null,
} satisfies PublicResult;

describe('splitRuns', () => {
  it('puts prev* in the 1st run and the primary fields in the 2nd, better run marked', () => {
    const [r1, r2] = splitRuns({ ...base, prevTime: 7699, prevPen: 200, prevTotal: 7899, time: 7999, pen: 600, total: 8599, betterRunNr: 1, totalTotal: 7899 });
    expect(r1).toMatchObject({ nr: 1, time: 7699, pen: 200, total: 7899, better: true });
    expect(r2).toMatchObject({ nr: 2, time: 7999, pen: 600, total: 8599, better: false });
  });
  it('carries per-run statuses', () => {
    const [r1, r2] = splitRuns({ ...base, prevStatus: 'DNF', currStatus: null, time: 9000, total: 9000, betterRunNr: 2 });
    expect(r1.status).toBe('DNF');
    expect(r2).toMatchObject({ status: null, better: true });
    const [a, b] = splitRuns({ ...base, prevStatus: 'DNS', currStatus: 'DNS', status: 'DNS', betterRunNr: null });
    expect([a.status, b?.status]).toEqual(['DNS', 'DNS']);
  });
  it('a lone run is the 1st run', () => {
    const [r1, r2] = splitRuns({ ...base, time: 8000, pen: 0, total: 8000, betterRunNr: 1 });
    expect(r1).toMatchObject({ nr: 1, total: 8000, better: true });
    expect(r2).toBeNull();
  });
  it('ranks by the better run in best-run races', () => {
    expect(resultTotal({ ...base, total: 9000, totalTotal: 8500 }, true)).toBe(8500);
    expect(resultTotal({ ...base, total: 9000, totalTotal: 8500 }, false)).toBe(9000);
  });
});

describe('search and favourites filter', () => {
  it('matches name and club without accents or case, and bib by prefix', () => {
    expect(matchesSearch(base, 'kopecek')).toBe(true);
    expect(matchesSearch(base, 'TÁBOR')).toBe(true);
    expect(matchesSearch(base, '9')).toBe(true);
    expect(matchesSearch(base, '19')).toBe(false);
    expect(matchesSearch(base, '  ')).toBe(true);
    expect(matchesSearch(base, 'novak')).toBe(false);
  });
  it('filters favourites only', () => {
    const rows = [base, { ...base, participantId: 'q', bib: 10, name: 'POHANKA Vít' }];
    expect(filterRows(rows, '', true, (r) => r.bib === 10).map((r) => r.bib)).toEqual([10]);
    expect(filterRows(rows, 'poh', false, () => false).map((r) => r.bib)).toEqual([10]);
  });
});
