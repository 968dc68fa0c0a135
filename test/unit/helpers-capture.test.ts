/** The test helper that replays the real capture "now" moves start times by the right amount. */
import { describe, expect, it } from 'vitest';
import { asLive, loadCapture } from '../helpers/capture.ts';

describe('asLive', () => {
  it('moves a rider\'s start so that the request\'s moment in the capture is now', () => {
    const r = loadCapture().find((x) => x.url.endsWith('/oncourse') && x.body.oncourse.some((e: { dtStart: string | null }) => e.dtStart === '2026-11-27T10:34:20.123Z'))!;
    // The capture's moment of this request is 10:34:06 + t; "now" is 11:00:00.000 the same day.
    const now = new Date(2026, 10, 27, 11, 0, 0).getTime();
    const moved = (asLive(r, now) as { oncourse: { bib: number; dtStart: string | null }[] }).oncourse.find((e) => e.bib === 9)!;
    const expectedMs = (10 * 3600 + 34 * 60 + 20) * 1000 + 123 + (11 * 3600_000 - ((10 * 3600 + 34 * 60 + 6) * 1000 + r.t));
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    const hhmmss = `${p(Math.floor(expectedMs / 3600_000))}:${p(Math.floor(expectedMs / 60_000) % 60)}:${p(Math.floor(expectedMs / 1000) % 60)}.${p(expectedMs % 1000, 3)}`;
    expect(moved.dtStart).toBe(`2026-11-27T${hhmmss}Z`);
    expect(asLive({ ...r, url: '/api/v1/ingest/results' }, now)).toBe(r.body);
  });
});
