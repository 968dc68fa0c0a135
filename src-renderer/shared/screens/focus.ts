/**
 * Which race a venue screen shows, and what "between races" means (issue 15). Pure functions of
 * the event's rounds (races/race-groups.ts: a best-run pair is one round), its on-course list and
 * the race the operator fixed, if any.
 *
 * Following the live race: the round of the rider on course (the one who started first, nearest
 * the finish); else the round Canoe123 says is in progress; else none: the screen is between
 * races. A fixed race is shown whatever runs.
 */
import type { PublicOnCourseEntry, PublicRace } from '@wire/api.ts';
import { findRound, type Round } from '../races/race-groups.ts';
import { venueDay } from '../ui/format.ts';
import type { I18n } from '../i18n/i18n-context.tsx';
import { hasResults, isFinal, raceState } from '../ui/race-status.ts';

/** On the water now: started, not finished. Riders waiting at the start have no start time yet. */
export function isRunning(e: PublicOnCourseEntry): boolean {
  return e.dtStart != null && e.dtFinish == null && !e.completed;
}

/** Riders of a round on the water, the one nearest the finish (started first) first. */
export function ridersOnCourse(oncourse: readonly PublicOnCourseEntry[], round: Round | null): PublicOnCourseEntry[] {
  if (!round) return [];
  const ids = new Set(round.races.map((r) => r.raceId));
  return oncourse.filter((e) => ids.has(e.raceId) && isRunning(e)).sort((a, b) => (a.dtStart ?? '').localeCompare(b.dtStart ?? ''));
}

/** Riders of a round who just finished and are still in the on-course list. */
export function justFinished(oncourse: readonly PublicOnCourseEntry[], round: Round | null): PublicOnCourseEntry[] {
  if (!round) return [];
  const ids = new Set(round.races.map((r) => r.raceId));
  return oncourse.filter((e) => ids.has(e.raceId) && (e.dtFinish != null || e.completed));
}

export function focusRound(rounds: readonly Round[], oncourse: readonly PublicOnCourseEntry[], fixedRaceId: string | null): Round | null {
  if (fixedRaceId) {
    const fixed = findRound(rounds, fixedRaceId);
    if (fixed) return fixed;
  }
  const first = [...oncourse].filter(isRunning).sort((a, b) => (a.dtStart ?? '').localeCompare(b.dtStart ?? ''))[0];
  const ofRider = first ? findRound(rounds, first.raceId) : undefined;
  if (ofRider) return ofRider;
  // A rider who just crossed the line keeps their round up until they leave the list.
  const finished = oncourse.find((e) => e.dtFinish != null || e.completed);
  const ofFinish = finished ? findRound(rounds, finished.raceId) : undefined;
  if (ofFinish) return ofFinish;
  return rounds.find((r) => r.state === 'running') ?? null;
}

/**
 * The round whose results to show between races: the one officials marked official last at the
 * station (`officialAt`); else, of the rounds before the next race (all, when none is next), the
 * last with final results, else the last with any.
 */
export function latestResultsRound(rounds: readonly Round[], next: PublicRace | null = null): Round | null {
  let marked: { round: Round; at: string } | null = null;
  for (const round of rounds) {
    for (const race of round.races) {
      if (race.officialAt && (!marked || race.officialAt > marked.at)) marked = { round, at: race.officialAt };
    }
  }
  if (marked) return marked.round;
  const nextOrder = next ? (findRound(rounds, next.raceId)?.order ?? Infinity) : Infinity;
  const before = [...rounds].filter((r) => r.order < nextOrder || !next).sort((a, b) => b.order - a.order);
  return before.find((r) => isFinal(r.state)) ?? before.find((r) => hasResults(r.state)) ?? null;
}

function byStart(a: PublicRace, b: PublicRace): number {
  return (a.startTime ?? '\uffff').localeCompare(b.startTime ?? '\uffff') || (a.raceOrder ?? 0) - (b.raceOrder ?? 0);
}

function toRun(r: PublicRace): boolean {
  const s = raceState(r);
  return s === 'scheduled' || s === 'startlist';
}

/** Races still to run (scheduled or with a startlist), in start order: the next race first. */
export function upcomingRaces(races: readonly PublicRace[]): PublicRace[] {
  return races.filter(toRun).sort(byStart);
}

/**
 * The schedule a board shows between races: `size` races of the day of the next race (or of the
 * last day, when nothing is left to run), in start order, the two before the next one first so the
 * screen says what just ended too.
 */
export function scheduleWindow(races: readonly PublicRace[], size: number): PublicRace[] {
  const sorted = [...races].sort(byStart);
  if (!sorted.length) return [];
  const next = sorted.find(toRun) ?? null;
  const day = venueDay((next ?? sorted[sorted.length - 1]).startTime);
  const sameDay = sorted.filter((r) => venueDay(r.startTime) === day);
  const at = next ? sameDay.indexOf(next) : sameDay.length;
  const from = Math.max(0, Math.min(at - 2, sameDay.length - size));
  return sameDay.slice(from, from + size);
}

/**
 * The run a round is on, or on next: the race of its rider on course, else its running race, else
 * (between the runs of a best-run pair) the run still to come, else its last run with results,
 * else its first.
 */
export function currentRace(round: Round, oncourseRaceId: string | null): PublicRace {
  const byRider = oncourseRaceId ? round.races.find((r) => r.raceId === oncourseRaceId) : undefined;
  if (byRider) return byRider;
  const running = round.races.find((r) => raceState(r) === 'running');
  if (running) return running;
  const states = round.races.map((r) => raceState(r));
  const toCome = round.races.find((_, i) => (states[i] === 'scheduled' || states[i] === 'startlist') && states.slice(0, i).some(hasResults));
  return toCome ?? lastRun(round);
}

/** A round's last run with results (what its results list ends with), else its first. */
export function lastRun(round: Round): PublicRace {
  return [...round.races].reverse().find((r) => hasResults(raceState(r))) ?? round.races[0];
}

/** "K1M · 2nd run": the class and the run (or round) a screen shows. */
export function raceTitle(className: string, race: Pick<PublicRace, 'raceType'>, t: I18n['t']): string {
  return `${className} · ${t(`round.${race.raceType}`)}`;
}
