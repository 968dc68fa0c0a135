/**
 * The events list in three sections, as spectators look for them: live now (running), upcoming
 * (startlist published), finished (finished or official). Pure; order within a section is the
 * station's (newest first), except upcoming which reads soonest first.
 */
import type { PublicEvent } from '@wire/api.ts';

export interface EventSections {
  live: PublicEvent[];
  upcoming: PublicEvent[];
  finished: PublicEvent[];
}

export function groupEvents(events: readonly PublicEvent[]): EventSections {
  const live = events.filter((e) => e.status === 'running');
  const upcoming = events.filter((e) => e.status === 'startlist').sort((a, b) => (a.startDate ?? '9999').localeCompare(b.startDate ?? '9999'));
  const finished = events.filter((e) => e.status === 'finished' || e.status === 'official');
  return { live, upcoming, finished };
}
