import { describe, expect, it } from 'vitest';
import { onCourseSplits } from '../../../../src-main/domain/canoe123/on-course-splits.ts';

describe('onCourseSplits', () => {
  it('is the time from the start to each split, in centiseconds', () => {
    expect(onCourseSplits({ dtStart: '10:34:40.123', dtSplit1: '10:35:12.453', dtSplit2: '10:35:41.000' })).toEqual([3233, 6088]);
  });

  it("reads c123-server's made-up dates the same way as Canoe123's times of day", () => {
    expect(onCourseSplits({ dtStart: '2026-11-27T10:34:40.123Z', dtSplit1: '2026-11-27T10:35:12.453Z' })).toEqual([3233]);
  });

  it('has nothing for splits not passed yet, or without a start', () => {
    expect(onCourseSplits({ dtStart: '10:34:40.123', dtSplit1: '', dtSplit2: null })).toEqual([]);
    expect(onCourseSplits({ dtStart: '10:34:40.123', dtSplit1: null, dtSplit2: '10:35:41.000' })).toEqual([null, 6088]);
    expect(onCourseSplits({ dtStart: null, dtSplit1: '10:35:12.453' })).toEqual([]);
    expect(onCourseSplits({})).toEqual([]);
  });

  it('counts on past midnight', () => {
    expect(onCourseSplits({ dtStart: '23:59:50.00', dtSplit1: '00:00:20.5' })).toEqual([3050]);
  });
});
