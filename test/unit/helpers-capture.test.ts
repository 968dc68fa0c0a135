/** The test helper that replays the real capture "now" moves start times by the right amount. */
import { describe, expect, it } from 'vitest';
import { asLive, loadCapture } from '../helpers/capture.ts';

describe('asLive', () => {
  it('moves every start by one amount: the capture\'s t = 0 (10:34:06) becomes the given moment', () => {
    const starts = loadCapture().filter((x) => x.url.endsWith('/oncourse') && x.body.oncourse.some((e: { bib: number; dtStart: string | null }) => e.bib === 9 && e.dtStart));
    expect(starts.length).toBeGreaterThan(10);
    const zero = new Date(2026, 10, 27, 11, 0, 0).getTime();
    const moved = new Set(starts.map((r) => (asLive(r, zero) as { oncourse: { bib: number; dtStart: string | null }[] }).oncourse.find((e) => e.bib === 9)!.dtStart));
    // Rider 9 started at 10:34:20.123, 14.123 s after the capture's t = 0: now 11:00:14.123, in every push.
    expect([...moved]).toEqual(['2026-11-27T11:00:14.123Z']);
    expect(asLive({ ...starts[0], url: '/api/v1/ingest/results' }, zero)).toBe(starts[0].body);
  });
});
