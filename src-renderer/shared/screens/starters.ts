/**
 * Who starts next, for the announcer (issue 15): the current run's start list after the last
 * rider who has started, with each rider's earlier run and place. The last start is the timing's
 * own word when someone is on the water (the on-course list: a start time); else the last rider in
 * start order with a result in this run. A rider who never starts (DNS) does not block the list,
 * and a result the export already holds for a later rider does not empty it while the timing says
 * who is on the water. Pure.
 */
import type { PublicOnCourseEntry, PublicRace } from '@wire/api.ts';
import type { ResultRow } from '../results/results-merge.ts';
import { splitRuns, type RunView } from '../results/runs.ts';
import type { StartRow } from '../startlist/merge-startlists.ts';

export interface NextStarter {
  participantId: string;
  bib: number | null;
  name: string;
  club: string | null;
  catId: string | null;
  startTime: string | null;
  /** The rider's run before this one in the same round (1st run of a best-run pair), and its place. */
  earlier: (RunView & { rank: number | null }) | null;
}

/** Which run of its round a race is (1 for a single race). */
export function runNumber(race: PublicRace, races: readonly PublicRace[]): number {
  return Math.max(1, races.findIndex((r) => r.raceId === race.raceId) + 1);
}

export function nextStarters(
  start: readonly StartRow[],
  race: PublicRace,
  round: { races: readonly PublicRace[]; bestRun: boolean },
  results: readonly ResultRow[],
  oncourse: readonly PublicOnCourseEntry[],
  n: number,
): NextStarter[] {
  const run = runNumber(race, round.races);
  const byId = new Map(results.map((r) => [r.participantId, r]));
  const started = new Set(oncourse.filter((e) => e.raceId === race.raceId && e.dtStart != null).map((e) => e.bib));
  const ranOnce = (s: StartRow): boolean => {
    if (s.bib != null && started.has(s.bib)) return true;
    const row = byId.get(s.participantId);
    if (!row) return false;
    const runs = round.bestRun ? splitRuns(row) : [{ time: row.time, status: row.status }];
    const mine = run === 2 ? runs[1] : runs[0];
    return !!mine && (mine.time != null || !!mine.status);
  };
  const order = [...start].sort((a, b) => (a.startOrder ?? 1e9) - (b.startOrder ?? 1e9));
  let last = -1;
  if (started.size > 0) {
    order.forEach((s, i) => {
      if (s.bib != null && started.has(s.bib)) last = i;
    });
  } else {
    order.forEach((s, i) => {
      if (ranOnce(s)) last = i;
    });
  }
  return order
    .slice(last + 1)
    .filter((s) => !(s.bib != null && started.has(s.bib)))
    .slice(0, n)
    .map((s) => {
      const row = byId.get(s.participantId);
      const earlier = row && round.bestRun && run === 2 ? { ...splitRuns(row)[0], rank: row.prevRnk ?? null } : null;
      return {
        participantId: s.participantId,
        bib: s.bib,
        name: s.name,
        club: s.club,
        catId: s.catId,
        startTime: s.startTimes[0] ?? null,
        earlier,
      };
    });
}
