/**
 * The station learns Canoe123's clock as an offset from its own (whatever the laptop's clock and
 * time zone), keeps it across restarts, and writes it only when it really moves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/store/database.ts';
import { EventStore } from '../../src-main/store/event-store.ts';
import { TimingClock } from '../../src-main/timing-clock.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const hms = (h: number, m: number, s = 0) => ((h * 60 + m) * 60 + s) * 1000;

describe('TimingClock', () => {
  it("knows nothing at first, then Canoe123's time from an offset, kept across a restart", () => {
    const dir = mkdtempSync(join(tmpdir(), 'raceside-tclock-'));
    dirs.push(dir);
    const store = new EventStore(openDatabase(dir));
    const clock = new TimingClock(store);
    // The laptop says 12:00:00 local; Canoe123's riders say 10:34:35 (another zone, or just wrong).
    const now = new Date(2026, 10, 27, 12, 0, 0).getTime();
    expect(clock.timingNow('e', now)).toBeNull();
    clock.learn('e', now, hms(10, 34, 35));
    expect(clock.timingNow('e', now + 45 * 60_000)).toBe(hms(11, 19, 35));
    expect(clock.timingNow('other', now)).toBeNull();
    store.close();
    const again = new TimingClock(new EventStore(openDatabase(dir)));
    expect(again.timingNow('e', now + 60_000)).toBe(hms(10, 35, 35));
  });

  it('writes when first learned, then only when it moved by more than 2 s, at most once a minute; wraps at midnight', () => {
    const writes: string[] = [];
    const store = { getSetting: () => null, putSetting: (_k: string, v: string) => writes.push(v) } as unknown as EventStore;
    const clock = new TimingClock(store);
    const now = new Date(2026, 10, 27, 23, 59, 0).getTime();
    clock.learn('e', now, hms(0, 0, 30)); // the timing PC is 90 s ahead, past its midnight
    expect(clock.timingNow('e', now)).toBe(hms(0, 0, 30));
    expect(writes).toHaveLength(1);
    // A rider's running clock read every second wobbles a little: nothing to write.
    for (let i = 0; i < 50; i++) clock.learn('e', now + i * 1000, hms(0, 0, 30) + i * 1000 + (i % 3) * 400);
    expect(writes).toHaveLength(1);
    // A replay at 20×: the offset moves with every push, in memory at once, on disk once a minute.
    for (let i = 1; i <= 600; i++) clock.learn('e', now + i * 100, hms(0, 0, 30) + i * 2000);
    expect(clock.timingNow('e', now + 60_000)).toBe(hms(0, 0, 30) + 600 * 2000);
    expect(writes).toHaveLength(2);
  });
});
