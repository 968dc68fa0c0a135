/**
 * The schedule's grouping: races by venue day (undated last), each day by start time, then race
 * order. Pure.
 */
import type { PublicRace } from '@wire/api.ts';
import { venueDay } from '../ui/format.ts';

export interface ScheduleDay {
  day: string | null;
  races: PublicRace[];
}

export function scheduleDays(races: readonly PublicRace[]): ScheduleDay[] {
  const byDay = new Map<string | null, PublicRace[]>();
  for (const r of races) {
    const d = venueDay(r.startTime);
    const list = byDay.get(d);
    if (list) list.push(r);
    else byDay.set(d, [r]);
  }
  const key = (r: PublicRace) => r.startTime ?? '';
  return [...byDay.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([day, list]) => ({
      day,
      races: list.sort((a, b) => key(a).localeCompare(key(b)) || (a.raceOrder ?? 0) - (b.raceOrder ?? 0)),
    }));
}
