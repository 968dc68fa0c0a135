import { describe, expect, it } from 'vitest';
import { combineRuns, formatBehind, pairBestRuns, rankRows } from '../../../src-main/domain/ranking.ts';
import type { Race, RunFields } from '../../../src-main/domain/model.ts';

const run = (total: number | null, extra: Partial<RunFields> = {}): RunFields => ({
  status: null,
  dtStart: null,
  dtFinish: null,
  time: total,
  pen: total === null ? null : 0,
  total,
  gates: null,
  ...extra,
});

describe('ranking', () => {
  it('gives tied totals the same place and skips the next (1, 1, 3)', () => {
    const ranks = rankRows([
      { key: 'a', total: 9000, status: null, catId: 'X' },
      { key: 'b', total: 9000, status: null, catId: 'Y' },
      { key: 'c', total: 9100, status: null, catId: 'X' },
      { key: 'd', total: null, status: null, catId: 'X' },
      { key: 'e', total: 8000, status: 'DSQ', catId: 'X' },
    ]);
    expect(ranks.get('a')).toEqual({ rnk: 1, totalBehind: '0.00', catRnk: 1, catTotalBehind: '0.00' });
    expect(ranks.get('b')).toEqual({ rnk: 1, totalBehind: '0.00', catRnk: 1, catTotalBehind: '0.00' });
    expect(ranks.get('c')).toEqual({ rnk: 3, totalBehind: '+1.00', catRnk: 2, catTotalBehind: '+1.00' });
    expect(ranks.get('d')!.rnk).toBeNull();
    expect(ranks.get('e')!.rnk).toBeNull();
  });

  it('breaks a tie by the other run (ICF): lower wins, a run that did not count loses, still equal shares', () => {
    const ranks = rankRows([
      { key: 'a', total: 9000, tieBreak: 9900, status: null, catId: 'X' },
      { key: 'b', total: 9000, tieBreak: 9500, status: null, catId: 'X' },
      { key: 'c', total: 9000, tieBreak: null, status: null, catId: 'Y' },
      { key: 'd', total: 9100, tieBreak: 9200, status: null, catId: 'X' },
      { key: 'e', total: 9100, tieBreak: 9200, status: null, catId: 'Y' },
      { key: 'f', total: 9300, tieBreak: null, status: null, catId: 'Y' },
      { key: 'g', total: 9300, tieBreak: null, status: null, catId: 'Y' },
    ]);
    const place = (k: string) => [ranks.get(k)!.rnk, ranks.get(k)!.catRnk];
    expect(place('b')).toEqual([1, 1]);
    expect(place('a')).toEqual([2, 2]);
    expect(place('c')).toEqual([3, 1]);
    // The gap is the counting total's, tie or not.
    expect(ranks.get('a')!.totalBehind).toBe('0.00');
    // Equal on both runs: the place is shared (overall 4, 4; in categories X 3 and Y 2).
    expect(place('d')).toEqual([4, 3]);
    expect(place('e')).toEqual([4, 2]);
    // Neither has another counting run: still equal, shared.
    expect(place('f')).toEqual([6, 3]);
    expect(place('g')).toEqual([6, 3]);
  });

  it('formats gaps as Canoe123 prints them', () => {
    expect(formatBehind(0)).toBe('0.00');
    expect(formatBehind(922)).toBe('+9.22');
  });
});

describe('best-run combination (c123-live-mini pinned cases)', () => {
  it('takes the better run; a tie goes to run 1', () => {
    expect(combineRuns(run(8500), run(9000))).toMatchObject({ totalTotal: 8500, betterRunNr: 1, status: null });
    expect(combineRuns(run(9200), run(8800))).toMatchObject({ totalTotal: 8800, betterRunNr: 2 });
    expect(combineRuns(run(9000), run(9000))).toMatchObject({ betterRunNr: 1 });
  });

  it('BR1 DNF + BR2 clean → run 2 counts, per-run statuses kept', () => {
    expect(combineRuns(run(null, { status: 'DNF' }), run(9000))).toMatchObject({
      status: null,
      prevStatus: 'DNF',
      currStatus: null,
      betterRunNr: 2,
      totalTotal: 9000,
    });
  });

  it('both DNS → DNS, no better run; both DSQ → DSQ, no total', () => {
    expect(combineRuns(run(null, { status: 'DNS' }), run(null, { status: 'DNS' }))).toMatchObject({ status: 'DNS', betterRunNr: null, totalTotal: null });
    expect(combineRuns(run(null, { status: 'DSQ' }), run(null, { status: 'DSQ' }))).toMatchObject({ status: 'DSQ', totalTotal: null });
  });

  it('gives the run that did not count as the tie-break (null when it did not count cleanly)', () => {
    expect(combineRuns(run(8500), run(9000)).otherTotal).toBe(9000);
    expect(combineRuns(run(9200), run(8800)).otherTotal).toBe(9200);
    expect(combineRuns(run(null, { status: 'DNF' }), run(9000)).otherTotal).toBeNull();
    expect(combineRuns(run(8500), null).otherTotal).toBeNull();
  });

  it('a 2nd run whose total is not its own time + pen shows its time only and does not count', () => {
    const c = combineRuns(run(9334), run(9334, { time: 9344, pen: 200 }));
    expect(c).toMatchObject({ betterRunNr: 1, totalTotal: 9334, otherTotal: null });
    expect(c.run2).toMatchObject({ time: 9344, pen: null, total: null });
    // 2 cs of jitter is not pollution.
    expect(combineRuns(run(9334), run(9346, { time: 9144, pen: 200 })).run2!.total).toBe(9346);
  });

  it('pairs BR1 and BR2 by class and run, not by identical suffix alone', () => {
    const race = (raceId: string, disId: string, classId: string, raceOrder: number): Race => ({
      raceId,
      disId,
      classId,
      raceOrder,
      raceType: 'unknown',
      startTime: null,
      startInterval: null,
      courseNr: 1,
      raceStatus: 1,
      customTitle: null,
    });
    const pairs = pairBestRuns([
      race('K1M_BR1_6', 'BR1', 'K1M', 1),
      race('K1M_BR2_6', 'BR2', 'K1M', 2),
      race('K1M_BR1_7', 'BR1', 'K1M', 3),
      race('K1M_BR2_7b', 'BR2', 'K1M', 4),
    ]);
    expect(pairs.get('K1M_BR2_6')).toBe('K1M_BR1_6');
    expect(pairs.get('K1M_BR1_7')).toBe('K1M_BR2_7b');
  });
});
