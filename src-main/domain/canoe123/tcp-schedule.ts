/**
 * Canoe123's TCP `Schedule` message (docs/CANOE123-FORMATS.md, "`Schedule`: the event status"): every race
 * with its `RaceStatus`, and the event status those statuses imply.
 *
 * The derivation is c123-server's auto-status, so an event reads the same whichever way its timing
 * arrives: cancelled (7), rescheduled (12) and postponed (13) races are left out; any race in
 * progress (3) or unofficial (4) → `running`; otherwise all official (5) or revised (6) →
 * `official`; otherwise any status ≥ 1 → `startlist`; otherwise `draft`. Two differences, both
 * about what the station then does with it: the status only ever moves forward, and never to
 * `official`, which is the officials' mark, not the timing's. Pure; never throws.
 */
import type { EventStatus } from '../../wire/api.ts';
import { intAttr, textAttr, type TcpElement } from './tcp-elements.ts';

export interface TcpScheduleRace {
  raceId: string;
  order: number | null;
  raceStatus: number | null;
}

export function readSchedule(el: TcpElement): TcpScheduleRace[] {
  const races: TcpScheduleRace[] = [];
  for (const r of el.children) {
    if (r.name !== 'Race') continue;
    const raceId = textAttr(r, 'RaceId');
    if (raceId !== null) races.push({ raceId, order: intAttr(r, 'Order'), raceStatus: intAttr(r, 'RaceStatus') });
  }
  return races;
}

const EXCLUDED = new Set([7, 12, 13]);
const ORDER: readonly EventStatus[] = ['draft', 'startlist', 'running', 'finished', 'official'];

/** c123-server's event status for these race statuses; null when no race counts. */
export function eventStatusOfSchedule(races: readonly TcpScheduleRace[]): EventStatus | null {
  const statuses = races.map((r) => r.raceStatus ?? 0).filter((s) => !EXCLUDED.has(s));
  if (statuses.length === 0) return null;
  if (statuses.some((s) => s === 3 || s === 4)) return 'running';
  if (statuses.every((s) => s === 5 || s === 6)) return 'official';
  if (statuses.some((s) => s >= 1)) return 'startlist';
  return 'draft';
}

/** The status the event should move to on this schedule, or null to stay: forward only, never official. */
export function statusFromSchedule(current: EventStatus, races: readonly TcpScheduleRace[]): EventStatus | null {
  const derived = eventStatusOfSchedule(races);
  if (derived === null || derived === 'official') return null;
  return ORDER.indexOf(derived) > ORDER.indexOf(current) ? derived : null;
}
