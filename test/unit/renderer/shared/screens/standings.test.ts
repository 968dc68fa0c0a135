import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../../../../src-renderer/shared/results/results-merge.ts';
import {
  categoryLeaders,
  detectFinishes,
  familyName,
  finishOf,
  newTracker,
  ordinal,
  PENDING_MS,
  refreshFinish,
  runningGap,
  leaderTotal,
  versusBest,
  trackOnCourse,
  trackRows,
  trackTick,
} from '../../../../../src-renderer/shared/screens/standings.ts';
import { moveText } from '../../../../../src-renderer/shared/screens/screen-i18n.ts';
import { screenEn } from '../../../../../src-renderer/shared/screens/messages-en.ts';
import { screenCs } from '../../../../../src-renderer/shared/screens/messages-cs.ts';
import { translate } from '../../../../../src-renderer/shared/i18n/translate.ts';

function row(participantId: string, o: Partial<ResultRow> = {}): ResultRow {
  return {
    participantId,
    rnk: null,
    bib: Number(participantId.replace(/\D/g, '')) || null,
    athleteId: null,
    name: `${participantId.toUpperCase()} Jan`,
    club: 'Club',
    year: null,
    noc: null,
    catId: 'M',
    catRnk: null,
    time: null,
    pen: null,
    total: null,
    totalBehind: null,
    catTotalBehind: null,
    status: null,
    startOrder: Number(participantId.replace(/\D/g, '')) || 0,
    ...o,
  };
}

const ranked = (id: string, rnk: number, total: number, o: Partial<ResultRow> = {}) => row(id, { rnk, time: total, pen: 0, total, ...o });
const tEn = (k: keyof typeof screenEn, p?: Record<string, string | number>) => translate(screenEn, k, p);
const tCs = (k: keyof typeof screenEn, p?: Record<string, string | number>) => translate(screenCs, k, p);

describe('venue screen standings', () => {
  const before = [ranked('krejci1', 1, 7899), ranked('novak5', 2, 8433, { totalBehind: '+5.34' }), row('kopecek9'), row('pohanka10')];

  it('a finish is a run that gets its first time or status; the first load and corrections are not', () => {
    const after = [ranked('kopecek9', 1, 7857), ranked('krejci1', 2, 7899), ranked('novak5', 3, 8433), row('pohanka10', { status: 'DNF' })];
    expect(detectFinishes([], after)).toEqual([]);
    expect(detectFinishes(before, after)).toEqual(['kopecek9', 'pohanka10']);
    // A time that changes (an export disagreeing with the live feed, a correction): not a finish.
    const corrected = after.map((r) => (r.participantId === 'novak5' ? { ...r, time: 8400, total: 8400 } : r));
    expect(detectFinishes(after, corrected)).toEqual([]);
  });

  it('moves into 1st, 0.42 s ahead of KREJČÍ', () => {
    const after = [
      ranked('kopecek9', 1, 7857, { name: 'KOPEČEK Michal' }),
      ranked('krejci1', 2, 7899, { name: 'KREJČÍ Jakub', totalBehind: '+0.42' }),
      ranked('novak5', 3, 8433),
      row('pohanka10'),
    ];
    const f = finishOf(before, after, 'kopecek9', false)!;
    expect(f).toMatchObject({ rank: 1, rankBefore: null, total: 7857, move: { kind: 'first', gap: 42, other: 'KREJČÍ' } });
    expect(moveText(f.move, tEn, 'en')).toBe('moves into 1st, 0.42 s ahead of KREJČÍ');
    expect(moveText(f.move, tCs, 'cs')).toBe('jde do vedení, o 0.42 s před KREJČÍ');
  });

  it('up, stays, down, new, status, and a lone first finisher', () => {
    const base = [ranked('a1', 1, 8000, { name: 'ALFA Jan' }), ranked('b2', 2, 8500), ranked('c3', 3, 9000, { catId: 'Z' }), ranked('d4', 4, 9500)];
    const up = [ranked('a1', 1, 8000, { name: 'ALFA Jan' }), ranked('d4', 2, 8200), ranked('b2', 3, 8500), ranked('c3', 4, 9000)];
    const fUp = finishOf(base, up, 'd4', false);
    expect(fUp?.move).toEqual({ kind: 'up', rank: 2, gap: 200, leader: 'ALFA' });
    expect(moveText(fUp!.move, tEn, 'en')).toBe('moves up to 2nd, 2.00 s behind ALFA');
    expect(moveText(fUp!.move, tCs, 'cs')).toBe('posouvá se na 2. místo, 2.00 s za ALFA');
    expect(finishOf(base, base, 'c3', false)?.move).toMatchObject({ kind: 'stays', rank: 3 });
    expect(finishOf(base, up, 'b2', false)?.move).toMatchObject({ kind: 'down', rank: 3 });
    expect(finishOf([], base, 'c3', false)?.move).toMatchObject({ kind: 'new', rank: 3, gap: 1000 });
    const dnf = finishOf(base, [...base, row('e5', { status: 'DNF' })], 'e5', false)!;
    expect(moveText(dnf.move, tEn, 'en')).toBe('did not finish');
    expect(finishOf([], [ranked('a1', 1, 8000)], 'a1', false)?.move).toEqual({ kind: 'leads' });
    expect(finishOf([ranked('b2', 1, 8500)], base, 'a1', false)?.move).toMatchObject({ kind: 'first', gap: 500 });
    expect(finishOf([ranked('a1', 1, 8100)], base, 'a1', false)?.move).toMatchObject({ kind: 'staysFirst', gap: 500 });
  });

  it('best-run races rank by the better run and report the run just finished', () => {
    const br = (id: string, rnk: number | null, o: Partial<ResultRow>) => row(id, { rnk, ...o });
    const b = [
      br('a1', 1, { time: null, total: null, prevTime: 8000, prevPen: 0, prevTotal: 8000, totalTotal: 8000, betterRunNr: 1, prevRnk: 1 }),
      br('k9', 2, { time: null, total: null, prevTime: 9178, prevPen: 400, prevTotal: 9578, totalTotal: 9578, betterRunNr: 1, prevRnk: 2 }),
    ];
    const a = [
      br('k9', 1, { time: 7600, pen: 200, total: 7800, prevTime: 9178, prevPen: 400, prevTotal: 9578, totalTotal: 7800, betterRunNr: 2, prevRnk: 2 }),
      br('a1', 2, { time: null, total: null, prevTime: 8000, prevPen: 0, prevTotal: 8000, totalTotal: 8000, betterRunNr: 1, prevRnk: 1 }),
    ];
    expect(detectFinishes(b, a)).toEqual(['k9']);
    const f = finishOf(b, a, 'k9', true)!;
    expect(f).toMatchObject({ run: 2, time: 7600, pen: 200, total: 7800, rank: 1, rankBefore: 2, move: { kind: 'first', gap: 200 } });
    expect(leaderTotal(a, true)).toEqual({ total: 7800, name: 'K9 Jan' });
  });

  it('a finish kept on screen follows corrections but keeps how the standings moved', () => {
    const after = [ranked('kopecek9', 1, 7857), ranked('krejci1', 2, 7899), ranked('novak5', 3, 8433)];
    const f = finishOf(before, after, 'kopecek9', false)!;
    const later = [ranked('x11', 1, 7000), ranked('kopecek9', 2, 7857), ranked('krejci1', 3, 7899)];
    expect(refreshFinish(f, later, false)).toMatchObject({ rank: 2, move: { kind: 'first' } });
    const penalised = [ranked('krejci1', 1, 7899), ranked('kopecek9', 2, 8057, { pen: 200, time: 7857 })];
    expect(refreshFinish(f, penalised, false)).toMatchObject({ rank: 2, pen: 200, total: 8057, move: { kind: 'new', rank: 2, gap: 158 } });
  });

  it('running gap, names, leaders, ordinals', () => {
    expect(runningGap({ time: 5120, total: 10320 }, 7899)).toBe(2421);
    expect(runningGap({ time: 1000, total: 1200 }, 7899)).toBe(-6699);
    expect(runningGap({ time: null, total: 0 }, 7899)).toBeNull();
    expect(runningGap({ time: 1000, total: 1000 }, null)).toBeNull();
    // Canoe123's own time to beat wins over the results list's leader (one rule with the phones).
    const oc = {
      raceId: 'R',
      bib: 12,
      name: 'TURNER Karel',
      club: null,
      position: 1,
      gates: [],
      completed: false,
      dtStart: 'x',
      dtFinish: null,
      time: 2200,
      pen: 0,
      total: 2200,
      rank: null,
      ttbDiff: '25.00',
      ttbName: 'S. ROUČA',
      ttbTime: 2500,
      splits: [],
    };
    expect(versusBest(oc, { total: 7899, name: 'KREJČÍ Jakub' })).toEqual({ gap: -300, name: 'S. ROUČA', time: 2500 });
    expect(versusBest({ ...oc, ttbDiff: '+1.50', dtFinish: 'y', time: 2650, total: 2650 }, null)).toMatchObject({ gap: 150, name: 'S. ROUČA' });
    expect(versusBest({ ...oc, ttbDiff: null, ttbName: null, ttbTime: null }, { total: 7899, name: 'KREJČÍ Jakub' })).toEqual({
      gap: -5699,
      name: 'KREJČÍ',
      time: 7899,
    });
    // Canoe123 still names the old leader a few seconds after a faster result: the faster one counts.
    expect(versusBest({ ...oc, ttbDiff: null, ttbName: 'J. KREJČÍ', ttbTime: 7899 }, { total: 2500, name: 'ROUČA Samuel' })).toEqual({
      gap: -300,
      name: 'ROUČA',
      time: 2500,
    });
    expect(familyName('KREJČÍ Jakub')).toBe('KREJČÍ');
    expect(familyName('VAN DER BERG Jan')).toBe('VAN DER BERG');
    expect(familyName('Jan Novák')).toBe('Jan Novák');
    const rows = [
      ranked('a1', 1, 8000, { catId: 'M' }),
      ranked('b2', 2, 8100, { catId: 'J' }),
      ranked('c3', 3, 8200, { catId: 'M' }),
      row('d4', { catId: 'Z' }),
    ];
    expect(categoryLeaders(rows).map((r) => r.participantId)).toEqual(['a1', 'b2']);
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map((n) => ordinal(n, 'en'))).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
    expect(ordinal(3, 'cs')).toBe('3');
  });

  it('the finish tracker: from the list, from the timing’s finish line, once each', () => {
    const key = 'K1M|';
    // The export already holds a time for POHANKA, who is yet to finish live.
    const start = [...before.slice(0, 3), ranked('pohanka10', 3, 9000, { time: 9100 })];
    let t = trackRows(newTracker(key), key, start, false, 1000);
    expect(t.finishes).toEqual([]); // the first load is nobody's finish
    // The list alone: a first time.
    const after = [
      ranked('kopecek9', 1, 7857, { name: 'KOPEČEK Michal' }),
      ranked('krejci1', 2, 7899, { name: 'KREJČÍ Jakub' }),
      ranked('novak5', 3, 8433),
      ranked('pohanka10', 4, 9000, { time: 9100 }),
    ];
    t = trackRows(t, key, after, false, 2000);
    expect(t.finishes.map((f) => [f.participantId, f.at])).toEqual([['kopecek9', 2000]]);
    // The on-course list then says he crossed the line: nothing new.
    t = trackOnCourse(t, [{ raceId: 'R', bib: 9, dtFinish: 'x' }], 2100);
    expect(t.pending).toEqual([]);
    // The timing says POHANKA finished.
    const held = after;
    t = trackOnCourse(
      t,
      [
        { raceId: 'R', bib: 9, dtFinish: 'x' },
        { raceId: 'R', bib: 10, dtFinish: 'y' },
      ],
      2300,
    );
    expect(t.pending.map((p) => p.bib)).toEqual([10]);
    // His row changes (the live result replaces the export's): that is his finish, his place before from the list at the line.
    const live = held.map((r) =>
      r.participantId === 'pohanka10' ? ranked('pohanka10', 2, 7800, { name: 'POHANKA Vít' }) : r.participantId === 'kopecek9' ? { ...r, rnk: 1 } : r,
    );
    t = trackRows(t, key, live, false, 2500);
    expect(t.finishes.map((f) => f.participantId)).toEqual(['pohanka10', 'kopecek9']);
    expect(t.finishes[0]).toMatchObject({ rank: 2, rankBefore: 4, move: { kind: 'up', rank: 2 } });
    expect(t.pending).toEqual([]);
    // A lingering on-course entry counts once.
    t = trackOnCourse(t, [{ raceId: 'R', bib: 10, dtFinish: 'y' }], 2600);
    expect(t.pending).toEqual([]);
    // A finish the list never confirms by a change is taken as it stands after a moment.
    t = trackOnCourse(t, [{ raceId: 'R', bib: 5, dtFinish: 'z' }], 3000);
    expect(trackTick(t, false, 3000 + PENDING_MS - 1).finishes).toHaveLength(2);
    t = trackTick(t, false, 3000 + PENDING_MS);
    expect(t.finishes.map((f) => f.participantId)).toEqual(['novak5', 'pohanka10', 'kopecek9']);
    expect(t.finishes[0].move).toMatchObject({ kind: 'stays', rank: 3 });
    // Another race: afresh.
    expect(trackRows(t, 'C1W|', after, false, 9000).finishes).toEqual([]);
  });

  it('a list catching up (many first results at once) is not a burst of finishes; the one the timing saw finish is', () => {
    const key = 'K|';
    const start = ['a1', 'b2', 'c3', 'd4', 'e5'].map((id) => row(id));
    let t = trackRows(newTracker(key), key, start, false, 0);
    t = trackOnCourse(t, [{ raceId: 'R', bib: 4, dtFinish: 'x' }], 100);
    const all = start.map((r, i) => ranked(r.participantId, i + 1, 8000 + i * 100));
    t = trackRows(t, key, all, false, 200);
    expect(t.finishes.map((f) => f.participantId)).toEqual(['d4']);
    expect(t.pending).toEqual([]);
    // Two at once can be real (two riders crossing within one push).
    let u = trackRows(newTracker(key), key, start, false, 0);
    u = trackRows(u, key, [ranked('a1', 1, 8000), ranked('b2', 2, 8100), ...start.slice(2)], false, 100);
    expect(u.finishes.map((f) => f.participantId)).toEqual(['b2', 'a1']);
  });
});
