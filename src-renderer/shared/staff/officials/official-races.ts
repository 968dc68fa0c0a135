/**
 * The races as officials look for them: by day, then by class (in the order the classes first
 * race that day), then by running order, each race named in words (“K1m - střední trať”,
 * “2nd run”), never by its Canoe123 id. And one state per race that merges what Canoe123 says
 * (RaceStatus) with the station's official mark made by the officials: pure, so both the
 * dashboard and the officials page list races the same way.
 */
import type { PublicClass, PublicRace } from '@wire/api.ts';
import { venueDay } from '../../ui/format.ts';
import { sortRaces } from './race-label.ts';

export interface ClassRaces {
  classId: string;
  name: string;
  races: PublicRace[];
}

export interface DayRaces {
  /** The venue day "YYYY-MM-DD", or null for races without a start time. */
  day: string | null;
  classes: ClassRaces[];
}

export function groupRaces(races: readonly PublicRace[], classes: readonly PublicClass[]): DayRaces[] {
  const days = new Map<string | null, Map<string, ClassRaces>>();
  for (const race of sortRaces(races)) {
    const day = venueDay(race.startTime);
    let byClass = days.get(day);
    if (!byClass) days.set(day, (byClass = new Map()));
    let group = byClass.get(race.classId);
    if (!group) {
      const name = classes.find((c) => c.classId === race.classId)?.name ?? race.classId;
      byClass.set(race.classId, (group = { classId: race.classId, name, races: [] }));
    }
    group.races.push(race);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([day, byClass]) => ({ day, classes: [...byClass.values()] }));
}

/**
 * One state per race:
 * - confirmed: our officials marked it official (whatever Canoe123 says);
 * - canoe123Official: Canoe123 says official or revised, our officials have not confirmed it;
 * - awaiting: Canoe123 says unofficial (the race is over), awaiting the officials;
 * - running: Canoe123 says in progress;
 * - notStarted: scheduled or startlist; cancelled: cancelled.
 */
export type OfficialState = 'confirmed' | 'canoe123Official' | 'awaiting' | 'running' | 'notStarted' | 'cancelled';

export function officialState(race: Pick<PublicRace, 'raceStatus'>, markedAt: string | null): OfficialState {
  if (markedAt) return 'confirmed';
  switch (race.raceStatus) {
    case 5:
    case 6:
      return 'canoe123Official';
    case 4:
      return 'awaiting';
    case 3:
      return 'running';
    case 7:
      return 'cancelled';
    default:
      return 'notStarted';
  }
}

/** What an official can do with the race: mark it official, withdraw the mark, or nothing yet. */
export function officialAction(state: OfficialState): 'mark' | 'withdraw' | null {
  if (state === 'confirmed') return 'withdraw';
  if (state === 'notStarted' || state === 'cancelled') return null;
  return 'mark';
}

/** A venue day as a heading: "Saturday, 6 April 2024" / "sobota 6. dubna 2024". */
export function dayHeading(day: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], 12));
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}
