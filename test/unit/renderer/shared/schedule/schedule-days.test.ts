import { describe, expect, it } from 'vitest';
import type { PublicEvent, PublicRace } from '@wire/api.ts';
import { scheduleDays } from '../../../../../src-renderer/shared/schedule/schedule-days.ts';
import { groupEvents } from '../../../../../src-renderer/spectator/events/group-events.ts';

const r = (raceId: string, startTime: string | null, raceOrder: number): PublicRace => ({
  raceId,
  classId: 'X',
  raceType: 'final',
  raceOrder,
  startTime,
  raceStatus: 1,
  officialAt: null,
  pairedRaceId: null,
  courseNr: null,
});

describe('scheduleDays', () => {
  it('groups by venue day and sorts by start time', () => {
    const days = scheduleDays([
      r('b', '2024-04-06T10:00:00+02:00', 2),
      r('c', '2024-04-07T08:30:00+02:00', 3),
      r('a', '2024-04-06T08:30:00+02:00', 9),
      r('z', null, 1),
    ]);
    expect(days.map((d) => [d.day, d.races.map((x) => x.raceId)])).toEqual([
      ['2024-04-06', ['a', 'b']],
      ['2024-04-07', ['c']],
      [null, ['z']],
    ]);
  });
});

describe('groupEvents', () => {
  const ev = (eventId: string, status: PublicEvent['status'], startDate: string): PublicEvent => ({
    eventId,
    status,
    startDate,
    mainTitle: eventId,
    subTitle: null,
    location: null,
    endDate: null,
    discipline: null,
    imageUrl: null,
    statusChangedAt: null,
  });
  it('sorts events into live, upcoming (soonest first) and finished', () => {
    const g = groupEvents([
      ev('a', 'official', '2024-01-01'),
      ev('b', 'running', '2024-04-06'),
      ev('c', 'startlist', '2024-06-01'),
      ev('d', 'startlist', '2024-05-01'),
      ev('e', 'finished', '2024-03-01'),
    ]);
    expect([g.live, g.upcoming, g.finished].map((l) => l.map((x) => x.eventId))).toEqual([['b'], ['d', 'c'], ['a', 'e']]);
  });
});
