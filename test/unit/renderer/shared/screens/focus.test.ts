import { describe, expect, it } from 'vitest';
import type { PublicOnCourseEntry, PublicRace } from '../../../../../src-main/wire/api.ts';
import { buildRounds } from '../../../../../src-renderer/shared/races/race-groups.ts';
import {
  currentRace,
  focusRound,
  isRunning,
  justFinished,
  lastRun,
  latestResultsRound,
  raceTitle,
  ridersOnCourse,
  scheduleWindow,
  upcomingRaces,
} from '../../../../../src-renderer/shared/screens/focus.ts';
import { nextStarters } from '../../../../../src-renderer/shared/screens/starters.ts';
import type { StartRow } from '../../../../../src-renderer/shared/startlist/merge-startlists.ts';
import type { ResultRow } from '../../../../../src-renderer/shared/results/results-merge.ts';

const race = (raceId: string, o: Partial<PublicRace> = {}): PublicRace => ({
  raceId,
  classId: raceId.split('_')[0],
  raceType: 'final',
  raceOrder: 1,
  startTime: '2024-04-06T10:00:00+02:00',
  raceStatus: 5,
  officialAt: null,
  pairedRaceId: null,
  courseNr: 1,
  ...o,
});
const entry = (bib: number, raceId: string, o: Partial<PublicOnCourseEntry> = {}): PublicOnCourseEntry => ({
  raceId,
  bib,
  name: `R${bib}`,
  club: null,
  position: 1,
  gates: [],
  completed: false,
  dtStart: null,
  dtFinish: null,
  time: null,
  pen: 0,
  total: null,
  rank: null,
  ttbDiff: null,
  ttbName: null,
  ttbTime: null,
  splits: [],
  ...o,
});

const races = [
  race('K1M_BR1', { raceType: 'best-run-1', pairedRaceId: 'K1M_BR2', raceOrder: 1, startTime: '2024-04-06T08:30:00+02:00' }),
  race('K1M_BR2', { raceType: 'best-run-2', pairedRaceId: 'K1M_BR1', raceOrder: 3, raceStatus: 3, startTime: '2024-04-06T10:00:00+02:00' }),
  race('C1W_BR1', { raceType: 'best-run-1', pairedRaceId: 'C1W_BR2', raceOrder: 2, startTime: '2024-04-06T09:30:00+02:00' }),
  race('C1W_BR2', { raceType: 'best-run-2', pairedRaceId: 'C1W_BR1', raceOrder: 4, raceStatus: 1, startTime: '2024-04-06T11:00:00+02:00' }),
  race('C2M_FIN', { raceOrder: 5, raceStatus: 0, startTime: '2024-04-06T12:00:00+02:00' }),
  race('K1W_FIN', { raceOrder: 6, raceStatus: 0, startTime: '2024-04-07T09:00:00+02:00' }),
];
const rounds = buildRounds(races);

describe('which race a screen shows', () => {
  it('the round of the rider on course (started first), else a just-finished rider’s, else a running round, else none; a fixed race wins', () => {
    const oc = [entry(7, 'C1W_BR2', { dtStart: '2024-04-06T11:00:30Z' }), entry(3, 'K1M_BR2', { dtStart: '2024-04-06T11:00:10Z' }), entry(9, 'C1W_BR2')];
    expect(focusRound(rounds, oc, null)?.key).toBe('K1M_BR2');
    expect(focusRound(rounds, [entry(4, 'C1W_BR2', { dtStart: 'x', dtFinish: 'y' })], null)?.key).toBe('C1W_BR2');
    expect(focusRound(rounds, [], null)?.key).toBe('K1M_BR2'); // Canoe123 says in progress
    expect(focusRound(buildRounds(races.map((r) => ({ ...r, raceStatus: r.raceStatus === 3 ? 5 : r.raceStatus }))), [], null)).toBeNull();
    expect(focusRound(rounds, oc, 'C2M_FIN')?.key).toBe('C2M_FIN');
    expect(focusRound(rounds, oc, 'nope')?.key).toBe('K1M_BR2');
    // Riders waiting at the start are not on course.
    expect(isRunning(entry(9, 'C1W_BR2'))).toBe(false);
    expect(
      ridersOnCourse(
        oc,
        rounds.find((r) => r.key === 'C1W_BR2')!,
      ).map((e) => e.bib),
    ).toEqual([7]);
    expect(
      justFinished(
        [entry(4, 'C1W_BR2', { dtStart: 'x', completed: true })],
        rounds.find((r) => r.key === 'C1W_BR2')!,
      ).map((e) => e.bib),
    ).toEqual([4]);
  });

  it('between races: the latest results (the last official mark, else the last final before the next race), the next race, the day’s schedule', () => {
    const done = races.map((r) => ({ ...r, raceStatus: r.raceStatus === 3 ? 5 : r.raceStatus }));
    const doneRounds = buildRounds(done);
    const up = upcomingRaces(done);
    expect(up.map((r) => r.raceId)).toEqual(['C1W_BR2', 'C2M_FIN', 'K1W_FIN']);
    expect(latestResultsRound(doneRounds, up[0])?.key).toBe('K1M_BR2');
    const marked = buildRounds(done.map((r) => (r.raceId === 'C1W_BR1' ? { ...r, officialAt: '2024-04-06T10:59:00Z' } : r)));
    expect(latestResultsRound(marked, up[0])?.key).toBe('C1W_BR2');
    expect(scheduleWindow(done, 4).map((r) => r.raceId)).toEqual(['C1W_BR1', 'K1M_BR2', 'C1W_BR2', 'C2M_FIN']);
    expect(scheduleWindow(done, 3).map((r) => r.raceId)).toEqual(['C1W_BR1', 'K1M_BR2', 'C1W_BR2']);
    // Nothing left to run: the last day.
    expect(
      scheduleWindow(
        done.map((r) => ({ ...r, raceStatus: 5 })),
        4,
      ).map((r) => r.raceId),
    ).toEqual(['K1W_FIN']);
  });
});

describe('the run a round is on', () => {
  it('the rider’s run, else the running one, else the run still to come of a pair, else the last with results', () => {
    const k1m = rounds.find((r) => r.key === 'K1M_BR2')!;
    const c1w = rounds.find((r) => r.key === 'C1W_BR2')!;
    expect(currentRace(k1m, null).raceId).toBe('K1M_BR2'); // running
    expect(currentRace(k1m, 'K1M_BR1').raceId).toBe('K1M_BR1'); // a rider on it says so
    expect(currentRace(c1w, null).raceId).toBe('C1W_BR2'); // 1st run done, 2nd to come
    expect(lastRun(c1w).raceId).toBe('C1W_BR1'); // its results are the 1st run's so far
    const fresh = buildRounds([
      race('X_BR1', { raceType: 'best-run-1', pairedRaceId: 'X_BR2', raceStatus: 0 }),
      race('X_BR2', { raceType: 'best-run-2', pairedRaceId: 'X_BR1', raceStatus: 0 }),
    ])[0];
    expect(currentRace(fresh, null).raceId).toBe('X_BR1');
    expect(raceTitle('K1M', races[1], (k: string) => ({ 'round.best-run-2': '2nd run' })[k] ?? k)).toBe('K1M · 2nd run');
  });
});

describe('next starters', () => {
  const start: StartRow[] = [1, 2, 3, 4, 5, 6].map((n) => ({
    participantId: `p${n}`,
    startOrder: n,
    bib: 10 + n,
    name: `R${n}`,
    club: null,
    year: null,
    catId: null,
    startTimes: [null],
  }));
  const round = rounds.find((r) => r.key === 'K1M_BR2')!;
  const br2 = races[1];
  const row = (n: number, o: Partial<ResultRow> = {}): ResultRow => ({
    participantId: `p${n}`,
    rnk: n,
    bib: 10 + n,
    athleteId: null,
    name: `R${n}`,
    club: null,
    year: null,
    noc: null,
    catId: null,
    catRnk: null,
    time: null,
    pen: null,
    total: null,
    totalBehind: null,
    catTotalBehind: null,
    status: null,
    startOrder: n,
    prevTime: 9000 + n,
    prevPen: 0,
    prevTotal: 9000 + n,
    prevRnk: n,
    ...o,
  });

  it('after the last rider the timing saw start, with their 1st run and its place', () => {
    const results = [row(1, { time: 8000, total: 8000 }), row(2), row(3), row(4, { time: 8500, total: 8500 }), row(5), row(6)];
    const oc = [entry(13, 'K1M_BR2', { dtStart: 'x' }), entry(14, 'K1M_BR2')];
    // The export already holds a 2nd run for 4 (14), who waits at the start: the timing's word wins.
    const next = nextStarters(start, br2, round, results, oc, 3);
    expect(next.map((s) => s.bib)).toEqual([14, 15, 16]);
    expect(next[1].earlier).toMatchObject({ nr: 1, total: 9005, rank: 5 });
  });

  it('with nobody on course: after the last rider with a result in this run; a DNS does not block the list', () => {
    const results = [row(1, { time: 8000, total: 8000 }), row(2), row(3, { currStatus: 'DNF', status: null }), row(4), row(5), row(6)];
    expect(nextStarters(start, br2, round, results, [], 5).map((s) => s.bib)).toEqual([14, 15, 16]);
    // A single race: no earlier run.
    const single = nextStarters(start, races[4], { races: [races[4]], bestRun: false }, [], [], 2);
    expect(single.map((s) => [s.bib, s.earlier])).toEqual([
      [11, null],
      [12, null],
    ]);
  });
});
