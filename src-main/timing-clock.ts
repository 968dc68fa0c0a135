/**
 * The timing's clock as the station knows it: per event, the offset between Canoe123's time of day
 * (which stamps every start) and the station's own clock, learned from the riders on course (the
 * on-course decision says what their running clocks read) and kept in the station settings so a
 * restarted station still knows it. The station's clock and time zone may be anything; only the
 * offset matters. Used to tell a rider left over from before an outage (domain/live-ingest.ts).
 *
 * Never written per push: the offset is saved when first learned, and after that at most once a
 * minute, and only when it moved by more than SAVE_STEP_MS (the timing PC's clock set, another
 * Canoe123 machine, a replay run faster than real time).
 */
import type { EventStore } from './store/event-store.ts';

const KEY = 'timing_clock_offsets';
const DAY_MS = 24 * 3600_000;
/** Readings wobble by about a second (running times are read at different moments). */
const SAVE_STEP_MS = 2000;
const SAVE_EVERY_MS = 60_000;

export class TimingClock {
  private readonly store: EventStore;
  /** eventId → Canoe123 time of day minus the station's local time of day (ms, within ±12 h). */
  private readonly offsets: Map<string, number>;
  /** What is on disk, and when it was written (station clock). */
  private saved: Map<string, number>;
  private savedAt = -Infinity;

  constructor(store: EventStore) {
    this.store = store;
    const saved = store.getSetting(KEY);
    this.offsets = new Map(Object.entries(saved ? (JSON.parse(saved) as Record<string, number>) : {}));
    this.saved = new Map(this.offsets);
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
    if (known === undefined || Math.abs(centred(offset - known)) > SAVE_STEP_MS) this.offsets.set(eventId, offset);
    const onDisk = this.saved.get(eventId);
    const moved = onDisk === undefined || Math.abs(centred(this.offsets.get(eventId)! - onDisk)) > SAVE_STEP_MS;
    if (!moved || (onDisk !== undefined && nowMs - this.savedAt < SAVE_EVERY_MS)) return;
    try {
      this.store.putSetting(KEY, JSON.stringify(Object.fromEntries(this.offsets)));
      this.saved = new Map(this.offsets);
      this.savedAt = nowMs;
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
