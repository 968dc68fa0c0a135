import { describe, expect, it } from 'vitest';
import { timeToBeat } from '../../../../../src-renderer/shared/ui/time-to-beat.ts';

// Rows as the real capture has them (K1M_ST_BR2_6, the leader J. KREJČÍ on 78.99).
const running = { time: 7200, pen: 5200, completed: false, dtFinish: null };

describe('timeToBeat', () => {
  it('takes the station’s time when Canoe123 sends the name alone, and works out the running gap', () => {
    expect(timeToBeat({ ...running, ttbDiff: null, ttbName: 'J. KREJČÍ', ttbTime: 7899 })).toEqual({
      time: 7899,
      name: 'J. KREJČÍ',
      gap: 4501,
      measured: false,
    });
    // Still ahead of it: a negative gap.
    expect(timeToBeat({ time: 1700, pen: 0, completed: false, dtFinish: null, ttbDiff: null, ttbName: 'J. KREJČÍ', ttbTime: 7899 })!.gap).toBe(-6199);
  });

  it('reads an unsigned TTBDiff as the time to beat itself', () => {
    expect(timeToBeat({ ...running, ttbDiff: '78.99', ttbName: 'J. KREJČÍ', ttbTime: 7899 })).toMatchObject({ time: 7899, gap: 4501, measured: false });
    expect(timeToBeat({ ...running, ttbDiff: '25.00', ttbName: 'S. ROUČA', ttbTime: 2500 })).toMatchObject({ time: 2500 });
  });

  it('reads a signed TTBDiff as the gap Canoe123 measured (split or finish)', () => {
    const done = { time: 5120, pen: 5200, completed: true, dtFinish: '10:35:11.325' };
    expect(timeToBeat({ ...done, ttbDiff: '+12.79', ttbName: 'J. KREJČÍ', ttbTime: 7899 })).toEqual({
      time: 7899,
      name: 'J. KREJČÍ',
      gap: 1279,
      measured: true,
    });
    expect(timeToBeat({ ...done, ttbDiff: '-2.00', ttbName: 'T. KNEBLOVÁ', ttbTime: null })).toEqual({
      time: null,
      name: 'T. KNEBLOVÁ',
      gap: -200,
      measured: true,
    });
  });

  it('has no running gap before the start, after the finish, or without a time to beat', () => {
    expect(timeToBeat({ ...running, time: null, ttbDiff: null, ttbName: 'J. KREJČÍ', ttbTime: 7899 })!.gap).toBeNull();
    expect(timeToBeat({ ...running, completed: true, ttbDiff: '78.99', ttbName: 'J. KREJČÍ', ttbTime: 7899 })!.gap).toBeNull();
    expect(timeToBeat({ ...running, ttbDiff: null, ttbName: 'J. KREJČÍ', ttbTime: null })).toEqual({
      time: null,
      name: 'J. KREJČÍ',
      gap: null,
      measured: false,
    });
    expect(timeToBeat({ ...running, ttbDiff: null, ttbName: null, ttbTime: null })).toBeNull();
    expect(timeToBeat({ ...running, ttbDiff: 'junk', ttbName: null, ttbTime: null })).toBeNull();
  });
});
