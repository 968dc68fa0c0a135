/**
 * How the event's races become the tabs a spectator taps: days, then classes, then rounds. A
 * best-run pair (BR1 + BR2, linked by the station's `pairedRaceId`) is ONE round, "the race", as
 * the results combine both runs; every other race is a round of its own. Pure functions of the
 * wire's `PublicRace` list.
 *
 * Days are the venue's calendar day as written in the race's start time ("2024-04-06T08:30+02:00"
 * is the 6th wherever the phone thinks it is). Classes are ordered by their first race of the day,
 * rounds by race order.
 */
import type { PublicRace } from '@wire/api.ts';
import { combinedState, hasResults, type RaceState } from '../ui/race-status.ts';
import { venueDay } from '../ui/format.ts';

export interface Round {
  /** The id used in links: the last run of a best-run pair, or the race itself. */
  key: string;
  classId: string;
  /** The runs in order (BR1, BR2) or the one race. */
  races: PublicRace[];
  bestRun: boolean;
  day: string | null;
  order: number;
  startTime: string | null;
  state: RaceState;
}

export interface ClassGroup {
  classId: string;
  rounds: Round[];
}

export interface DayGroup {
  day: string | null;
  classes: ClassGroup[];
}

function isBestRun(r: PublicRace): boolean {
  return r.raceType === 'best-run-1' || r.raceType === 'best-run-2';
}

function orderOf(r: PublicRace): number {
  return r.raceOrder ?? Number.MAX_SAFE_INTEGER;
}

/** The first and last venue day of the races ("YYYY-MM-DD"), when the schedule has dated races. */
export function raceDaysOf(races: readonly PublicRace[]): [string, string] | null {
  const all = races
    .map((r) => venueDay(r.startTime))
    .filter((d) => d !== null)
    .sort();
  return all.length ? [all[0], all[all.length - 1]] : null;
}

/** One round per race, best-run pairs merged (BR1 first). A BR id whose partner is absent stands alone. */
export function buildRounds(races: readonly PublicRace[]): Round[] {
  const byId = new Map(races.map((r) => [r.raceId, r]));
  const used = new Set<string>();
  const rounds: Round[] = [];
  const sorted = [...races].sort((a, b) => orderOf(a) - orderOf(b) || a.raceId.localeCompare(b.raceId));
  for (const race of sorted) {
    if (used.has(race.raceId)) continue;
    used.add(race.raceId);
    let runs = [race];
    const partner = race.pairedRaceId ? byId.get(race.pairedRaceId) : undefined;
    if (isBestRun(race) && partner && !used.has(partner.raceId)) {
      used.add(partner.raceId);
      runs = race.raceType === 'best-run-2' || partner.raceType === 'best-run-1' ? [partner, race] : [race, partner];
    }
    const first = runs[0];
    rounds.push({
      key: runs[runs.length - 1].raceId,
      classId: first.classId,
      races: runs,
      bestRun: isBestRun(first),
      day: venueDay(first.startTime),
      order: Math.min(...runs.map(orderOf)),
      startTime: first.startTime,
      state: combinedState(runs),
    });
  }
  return rounds;
}

/** Days (sorted; undated last) → classes (by first round of that day) → rounds (by order). */
export function groupByDay(rounds: readonly Round[]): DayGroup[] {
  const days = new Map<string | null, Map<string, Round[]>>();
  for (const r of [...rounds].sort((a, b) => a.order - b.order)) {
    let classes = days.get(r.day);
    if (!classes) days.set(r.day, (classes = new Map()));
    const list = classes.get(r.classId);
    if (list) list.push(r);
    else classes.set(r.classId, [r]);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([day, classes]) => ({
      day,
      classes: [...classes.entries()].map(([classId, rs]) => ({ classId, rounds: rs })),
    }));
}

/** The round a race id belongs to (either run of a pair). */
export function findRound(rounds: readonly Round[], raceId: string | null): Round | undefined {
  if (!raceId) return undefined;
  return rounds.find((r) => r.races.some((x) => x.raceId === raceId));
}

/**
 * The round to open when the link names none: on today's day if the event has one, else the day
 * where something is running, else the first day; on that day a running round, else the last one
 * with results, else the first.
 */
export function defaultRound(rounds: readonly Round[], today: string): Round | undefined {
  const days = groupByDay(rounds);
  if (!days.length) return undefined;
  const dayRounds = (g: DayGroup) => g.classes.flatMap((c) => c.rounds).sort((a, b) => a.order - b.order);
  const day = days.find((d) => d.day === today) ?? days.find((d) => dayRounds(d).some((r) => r.state === 'running')) ?? days[0];
  return preferredRound(dayRounds(day));
}

/** Of some rounds (in order), the one worth opening: running, else the last with results, else the first. */
export function preferredRound(list: readonly Round[]): Round | undefined {
  return list.find((r) => r.state === 'running') ?? [...list].reverse().find((r) => hasResults(r.state)) ?? list[0];
}
