/**
 * Which event is "the live one": what a venue screen with no `?event=` shows, and what
 * `GET /api/v1/live-event` answers. Pure: the events' public status and when it last changed in,
 * one event id (or null) out.
 *
 * The rule: of the events that are running, the one whose status changed last (a second event
 * started later is the one racing now); when none runs, the public event (startlist, finished,
 * official) whose status changed last — the one that just finished, or the one about to start.
 * Drafts are never live: they are not public.
 */
import type { EventStatus } from '../wire/api.ts';

export interface LiveEventCandidate {
  eventId: string;
  status: EventStatus;
  /** ISO 8601, when the event reached its status. */
  statusChangedAt: string;
}

export function liveEventOf(events: readonly LiveEventCandidate[]): LiveEventCandidate | null {
  let best: LiveEventCandidate | null = null;
  for (const e of events) {
    if (e.status === 'draft') continue;
    if (!best || rank(e, best) > 0) best = e;
  }
  return best;
}

/** > 0 when `a` is more live than `b`. */
function rank(a: LiveEventCandidate, b: LiveEventCandidate): number {
  const ra = a.status === 'running' ? 1 : 0;
  const rb = b.status === 'running' ? 1 : 0;
  if (ra !== rb) return ra - rb;
  return a.statusChangedAt.localeCompare(b.statusChangedAt) || a.eventId.localeCompare(b.eventId);
}
