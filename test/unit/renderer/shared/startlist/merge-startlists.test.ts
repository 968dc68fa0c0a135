import { describe, expect, it } from 'vitest';
import type { PublicStartlistEntry } from '@wire/api.ts';
import { mergeStartlists } from '../../../../../src-renderer/shared/startlist/merge-startlists.ts';

const e = (participantId: string, startOrder: number, startTime: string): PublicStartlistEntry => ({
  participantId,
  startOrder,
  startTime,
  bib: startOrder,
  athleteId: null,
  name: participantId,
  club: null,
  noc: null,
  catId: null,
  year: null,
});

describe('mergeStartlists', () => {
  it('gives both runs’ start times, in the 1st run’s order, by participant', () => {
    const br1 = [e('b', 2, '08:30:45'), e('a', 1, '08:30:00')];
    const br2 = [e('a', 1, '10:06:45'), e('c', 3, '10:08:15'), e('b', 2, '10:07:30')];
    expect(mergeStartlists([br1, br2]).map((r) => [r.participantId, ...r.startTimes])).toEqual([
      ['a', '08:30:00', '10:06:45'],
      ['b', '08:30:45', '10:07:30'],
      ['c', null, '10:08:15'],
    ]);
  });
  it('works for a single race', () => {
    expect(mergeStartlists([[e('a', 1, '09:00:00')]]).map((r) => r.startTimes)).toEqual([['09:00:00']]);
  });
});
