/**
 * How a race is named on the dashboard and the officials page: the class's name, then which run
 * ("K1M · 2nd run"), and the Canoe123 state in words. Races are listed in their running order.
 * Pure.
 */
import type { PublicClass, PublicRace } from '@wire/api.ts';
import { raceState, type RaceState } from '../../shared/ui/race-status.ts';

const TYPE_LABEL: Record<PublicRace['raceType'], string> = {
  'best-run-1': '1st run',
  'best-run-2': '2nd run',
  training: 'Training',
  seeding: 'Seeding',
  qualification: 'Qualification',
  semifinal: 'Semifinal',
  final: 'Final',
  'cross-trial': 'Cross time trial',
  'cross-heat': 'Cross heats',
  'cross-semifinal': 'Cross semifinal',
  'cross-final': 'Cross final',
  'cross-extra': 'Cross extra',
  unknown: 'Race',
};

const STATE_LABEL: Record<RaceState, string> = {
  scheduled: 'Scheduled',
  startlist: 'Startlist',
  running: 'In progress',
  unofficial: 'Unofficial',
  official: 'Official (Canoe123)',
  revised: 'Revised',
  cancelled: 'Cancelled',
};

export function raceLabel(race: PublicRace, classes: readonly PublicClass[]): string {
  const cls = classes.find((c) => c.classId === race.classId);
  return `${cls?.name ?? race.classId} · ${TYPE_LABEL[race.raceType] ?? race.raceType}`;
}

/** Canoe123's own state of the race, ignoring the station's official mark. */
export function timingStateLabel(race: PublicRace): string {
  return STATE_LABEL[raceState({ raceStatus: race.raceStatus })];
}

/** Races in running order (raceOrder, then start time, then id). */
export function sortRaces(races: readonly PublicRace[]): PublicRace[] {
  return [...races].sort(
    (a, b) =>
      (a.raceOrder ?? Number.MAX_SAFE_INTEGER) - (b.raceOrder ?? Number.MAX_SAFE_INTEGER) ||
      (a.startTime ?? '').localeCompare(b.startTime ?? '') ||
      a.raceId.localeCompare(b.raceId),
  );
}
