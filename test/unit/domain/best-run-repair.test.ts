/** Repairing c123-server's best-of-both 2nd-run rows with what is known about the run itself. */
import { describe, expect, it } from 'vitest';
import { repairSecondRun, totalDisagrees } from '../../../src-main/domain/best-run-repair.ts';
import type { RunFields } from '../../../src-main/domain/model.ts';

const run = (time: number | null, pen: number | null, total: number | null = time !== null && pen !== null ? time + pen : null): RunFields => ({
  status: null,
  dtStart: null,
  dtFinish: null,
  time,
  pen,
  total,
  gates: null,
});
// Bib 10 of K1M_ST_BR2_6 in the real capture: run 2 in 75.09 s + 52 s; run 1 102.54 s (6 s).
const polluted = { time: 7509, pen: 600, total: 10254 };
const nothing = { earlier: null, onCourse: null, xml: null };

describe('2nd-run repair', () => {
  it('takes a consistent row as it came', () => {
    const pushed = { time: 7509, pen: 5200, total: 12709 };
    expect(repairSecondRun(pushed, nothing)).toEqual({ fields: pushed, unknown: [], source: null });
    // 2 cs of rounding is not pollution; rows without a total are not judged.
    expect(totalDisagrees({ time: 9144, pen: 200, total: 9346 })).toBe(false);
    expect(totalDisagrees({ time: 9144, pen: 200, total: null })).toBe(false);
  });

  it("keeps the run's own earlier penalty (an earlier push for the same run time)", () => {
    const r = repairSecondRun(polluted, { ...nothing, earlier: run(7509, 5200) });
    expect(r).toEqual({ fields: { time: 7509, pen: 5200, total: 12709 }, unknown: [], source: 'earlier' });
  });

  it('then the on-course entry of the rider who just finished (sum of its gates)', () => {
    const gates = [0, 0, 2, 0, 0, 0, 0, 0, 0, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const r = repairSecondRun(polluted, { ...nothing, earlier: run(null, null), onCourse: { time: 7509, pen: 5200, gates } });
    expect(r).toEqual({ fields: { time: 7509, pen: 5200, total: 12709 }, unknown: [], source: 'oncourse' });
    // Another run on course (another time) says nothing about this one.
    expect(repairSecondRun(polluted, { ...nothing, onCourse: { time: 8000, pen: 0, gates: [] } }).source).toBe('unknown');
  });

  it('then the XML row for the same run time', () => {
    // Bib 1 (reference §9.3): TCP Pen 2 Time 79.99 Total 78.99; the XML's BR2 row says Pen 6.
    const r = repairSecondRun({ time: 7999, pen: 200, total: 7899 }, { ...nothing, xml: run(7999, 600) });
    expect(r).toEqual({ fields: { time: 7999, pen: 600, total: 8599 }, unknown: [], source: 'xml' });
    // An XML of another run time is not this run.
    expect(repairSecondRun({ time: 7999, pen: 200, total: 7899 }, { ...nothing, xml: run(8100, 600) }).source).toBe('unknown');
  });

  it('an earlier value that was itself inconsistent is not evidence', () => {
    const r = repairSecondRun(polluted, { ...nothing, earlier: run(7509, 600, 10254), xml: run(7509, 5200) });
    expect(r.source).toBe('xml');
  });

  it('blank only when nothing is known: penalty and total leave the overlay, the time stays', () => {
    const r = repairSecondRun({ ...polluted, status: null }, { ...nothing, earlier: run(null, null) });
    expect(r).toEqual({ fields: { time: 7509, status: null }, unknown: ['pen', 'total'], source: 'unknown' });
  });
});
