/** The Timing source panel's message counters: totals, and the rate over the last 10 s (or less, at the start). */
import { describe, expect, it } from 'vitest';
import { MessageStats } from '../../../src-main/sources/canoe123/message-stats.ts';

describe('MessageStats', () => {
  it('counts by type and gives the rate over the last 10 s', () => {
    const s = new MessageStats();
    for (let ms = 0; ms < 20_000; ms += 250) {
      s.count('OnCourse', 1_000_000 + ms);
      if (ms % 1000 === 0) s.count('TimeOfDay', 1_000_000 + ms);
    }
    expect(s.messages()).toMatchObject({ OnCourse: 80, TimeOfDay: 20, Results: 0 });
    expect(s.perSecond(1_019_999)).toMatchObject({ OnCourse: 4, TimeOfDay: 1, Results: 0 });
    // Quiet for 5 s: half the window is empty.
    expect(s.perSecond(1_024_999)).toMatchObject({ OnCourse: 2, TimeOfDay: 0.5 });
    expect(s.perSecond(1_040_000)).toMatchObject({ OnCourse: 0, TimeOfDay: 0 });
  });

  it('does not under-report in the first seconds', () => {
    const s = new MessageStats();
    for (let ms = 0; ms < 2000; ms += 100) s.count('OnCourse', 5_000_000 + ms);
    expect(s.perSecond(5_001_999).OnCourse).toBe(10);
  });
});
