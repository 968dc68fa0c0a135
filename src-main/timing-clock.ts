/**
 * The timing's clock as the station knows it: per event, the offset between Canoe123's time of day
 * (which stamps every start) and the station's own clock, learned from the riders on course (the
 * on-course decision says what their running clocks read) and kept in the station settings so a
 * restarted station still knows it. The station's clock and time zone may be anything; only the
 * offset matters. Used to tell a rider left over from before an outage (domain/live-ingest.ts).
 *
 * Written to disk only when the offset moves by more than SAVE_STEP_MS (first learned, the
 * timing PC's clock set, a new Canoe123 machine), never per push.
 */
import type { EventStore } from './store/event-store.ts';

const KEY = 'timing_clock_offsets';
const DAY_MS = 24 * 3600_000;
/** Readings wobble by about a second (running times are read at different moments). */
const SAVE_STEP_MS = 2000;

export class TimingClock {
  private readonly store: EventStore;
  /** eventId → Canoe123 time of day minus the station's local time of day (ms, within ±12 h). */
  private readonly offsets: Map<string, number>;

  constructor(store: EventStore) {
    this.store = store;
    const saved = store.getSetting(KEY);
    this.offsets = new Map(Object.entries(saved ? (JSON.parse(saved) as Record<string, number>) : {}));
  }

  /** Canoe123's time of day at the station's `nowMs`, or null while no offset is known. */
  timingNow(eventId: string, nowMs: number): number | null {
    const offset = this.offsets.get(eventId);
    return offset === undefined ? null : wrap(stationTimeOfDay(nowMs) + offset);
  }

  /** The riders at the station's `nowMs` said Canoe123's clock read `timingNowMs`. */
  learn(eventId: string, nowMs: number, timingNowMs: number): void {
    const offset = centred(timingNowMs - stationTimeOfDay(nowMs));
    const known = this.offsets.get(eventId);
    if (known !== undefined && Math.abs(centred(offset - known)) <= SAVE_STEP_MS) return;
    this.offsets.set(eventId, offset);
    try {
      this.store.putSetting(KEY, JSON.stringify(Object.fromEntries(this.offsets)));
    } catch {
      // Kept in memory; a failed write must never fail an on-course push.
    }
  }
}

/** The station's local time of day (ms since its midnight). */
function stationTimeOfDay(ms: number): number {
  const d = new Date(ms);
  return ((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 + d.getMilliseconds();
}

function wrap(ms: number): number {
  return ((ms % DAY_MS) + DAY_MS) % DAY_MS;
}

/** The same offset, within ±12 h. */
function centred(ms: number): number {
  const w = wrap(ms);
  return w > DAY_MS / 2 ? w - DAY_MS : w;
}
