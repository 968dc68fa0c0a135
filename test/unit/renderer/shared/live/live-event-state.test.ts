import { describe, expect, it } from 'vitest';
import type { PublicEventDetail, PublicOnCourseEntry, PublicRace } from '@wire/api.ts';
import { initialLiveEventState, liveEventReducer, upsertRaces, type LiveEventState } from '../../../../../src-renderer/shared/live/live-event-state.ts';

const event: PublicEventDetail = {
  eventId: 'e1',
  mainTitle: 'Jarní slalomy',
  subTitle: null,
  location: null,
  startDate: '2024-04-06',
  endDate: '2024-04-07',
  discipline: 'Slalom',
  status: 'running',
  imageUrl: null,
  statusChangedAt: '2024-04-06T06:00:00Z',
  facility: null,
};
const race = (raceId: string, raceStatus = 3): PublicRace => ({
  raceId,
  classId: 'K1M_ST',
  raceType: 'best-run-2',
  raceOrder: 1,
  startTime: null,
  raceStatus,
  officialAt: null,
  pairedRaceId: null,
  courseNr: 1,
});
const entry = { raceId: 'K1M_ST_BR2_6', bib: 9, name: 'KOPEČEK Michal' } as PublicOnCourseEntry;
const noGap = { gap: false, resumed: false };

function loaded(): LiveEventState {
  return liveEventReducer(initialLiveEventState('e1'), { type: 'structureLoaded', event, classes: [], races: [race('A'), race('B')] });
}

describe('liveEventReducer', () => {
  it('a full replaces the structure, keeps on-course, and asks views to reload (no flicker: nothing is cleared)', () => {
    const s0 = liveEventReducer(loaded(), { type: 'oncourseLoaded', oncourse: [entry] });
    const s1 = liveEventReducer(s0, {
      type: 'messageReceived',
      msg: { type: 'full', seq: 1, bootId: 'b', data: { event, classes: [], races: [race('A', 5)], categories: [] } },
      info: noGap,
    });
    expect(s1.races.map((r) => r.raceStatus)).toEqual([5]);
    expect(s1.oncourse).toEqual([entry]);
    expect(s1.synced).toBe(true);
    expect(s1.reloadToken).toBe(s0.reloadToken + 1);
  });

  it('a full after a watchdog reconnect with an unchanged seq reloads nothing', () => {
    const s0 = liveEventReducer(loaded(), { type: 'reloadRequested' });
    const s1 = liveEventReducer(s0, {
      type: 'messageReceived',
      msg: { type: 'full', seq: 1, bootId: 'b', data: { event, classes: [], races: [], categories: [] } },
      info: { gap: false, resumed: true },
    });
    expect(s1.reloadToken).toBe(s0.reloadToken);
  });

  it('diffs: on-course replaced, races upserted, status with its time', () => {
    let s = loaded();
    s = liveEventReducer(s, { type: 'messageReceived', msg: { type: 'diff', seq: 2, bootId: 'b', data: { oncourse: [entry] } }, info: noGap });
    expect(s.oncourse).toEqual([entry]);
    expect(s.oncourseVersion).toBe(1);
    s = liveEventReducer(s, {
      type: 'messageReceived',
      msg: { type: 'diff', seq: 3, bootId: 'b', data: { races: [{ ...race('B', 5), officialAt: '2024-04-06T12:00:00Z' }, race('C')] } },
      info: noGap,
    });
    expect(s.races.map((r) => [r.raceId, r.raceStatus])).toEqual([
      ['A', 3],
      ['B', 5],
      ['C', 3],
    ]);
    const before = s.reloadToken;
    s = liveEventReducer(s, {
      type: 'messageReceived',
      msg: { type: 'diff', seq: 4, bootId: 'b', data: { status: 'official', statusChangedAt: '2024-04-07T16:00:00Z' } },
      info: noGap,
    });
    expect(s.event).toMatchObject({ status: 'official', statusChangedAt: '2024-04-07T16:00:00Z' });
    expect(s.oncourse).toEqual([]);
    expect(s.reloadToken).toBe(before);
  });

  it('a gap or a refresh bumps the reload token; results diffs alone do not touch the state', () => {
    const s = loaded();
    const withResults = liveEventReducer(s, {
      type: 'messageReceived',
      msg: { type: 'diff', seq: 5, bootId: 'b', data: { raceId: 'A', results: [] } },
      info: noGap,
    });
    expect(withResults).toBe(s);
    const gap = liveEventReducer(s, {
      type: 'messageReceived',
      msg: { type: 'diff', seq: 9, bootId: 'b', data: { raceId: 'A', results: [] } },
      info: { gap: true, resumed: false },
    });
    expect(gap.reloadToken).toBe(s.reloadToken + 1);
    const refresh = liveEventReducer(s, { type: 'messageReceived', msg: { type: 'refresh', seq: 6, bootId: 'b' }, info: noGap });
    expect(refresh.reloadToken).toBe(s.reloadToken + 1);
  });

  it('lets views read over REST as soon as the socket cannot open', () => {
    const s = liveEventReducer(loaded(), { type: 'linkChanged', link: { state: 'retrying', failures: 1, polling: false } });
    expect(s.synced).toBe(true);
    expect(s.reloadToken).toBe(1);
    const again = liveEventReducer(s, { type: 'linkChanged', link: { state: 'retrying', failures: 2, polling: false } });
    expect(again.reloadToken).toBe(1);
  });

  it('upsertRaces keeps order and appends new races', () => {
    expect(upsertRaces([race('A'), race('B')], [race('C'), race('A', 5)]).map((r) => `${r.raceId}${r.raceStatus}`)).toEqual(['A5', 'B3', 'C3']);
  });
});
