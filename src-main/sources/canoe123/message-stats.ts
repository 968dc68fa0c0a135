/**
 * Counts Canoe123's messages by type for the dashboard: totals since the source started, and the
 * rate per second over the last 10 s (ten one-second buckets, so counting is O(1) and reading is
 * ten additions a type). Owns counters only.
 */
import { canoe123MessageTypes, type Canoe123MessageType } from '../../wire/sources.ts';

const WINDOW_S = 10;

export class MessageStats {
  private readonly totals = emptyCounts();
  private readonly buckets = new Map<Canoe123MessageType, number[]>();
  private readonly bucketSecond = new Array<number>(WINDOW_S).fill(-1);
  bytes = 0;
  private firstAt: number | null = null;

  count(type: Canoe123MessageType, nowMs: number): void {
    this.firstAt ??= nowMs;
    this.totals[type]++;
    const second = Math.floor(nowMs / 1000);
    const slot = second % WINDOW_S;
    if (this.bucketSecond[slot] !== second) {
      this.bucketSecond[slot] = second;
      for (const b of this.buckets.values()) b[slot] = 0;
    }
    let b = this.buckets.get(type);
    if (!b) this.buckets.set(type, (b = new Array<number>(WINDOW_S).fill(0)));
    b[slot]++;
  }

  messages(): Record<Canoe123MessageType, number> {
    return { ...this.totals };
  }

  /** Messages a second by type over the last 10 s, or since the first message if that is shorter (rounded to a tenth). */
  perSecond(nowMs: number): Record<Canoe123MessageType, number> {
    const out = emptyCounts();
    if (this.firstAt === null) return out;
    const second = Math.floor(nowMs / 1000);
    const window = Math.min(WINDOW_S, second - Math.floor(this.firstAt / 1000) + 1);
    for (const [type, b] of this.buckets) {
      let n = 0;
      for (let i = 0; i < WINDOW_S; i++) if (second - this.bucketSecond[i] < WINDOW_S && this.bucketSecond[i] <= second) n += b[i];
      out[type] = Math.round((n / window) * 10) / 10;
    }
    return out;
  }
}

function emptyCounts(): Record<Canoe123MessageType, number> {
  return Object.fromEntries(canoe123MessageTypes.map((t) => [t, 0])) as Record<Canoe123MessageType, number>;
}
