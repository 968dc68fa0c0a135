import { describe, expect, it } from 'vitest';
import type { PublicRace } from '@wire/api.ts';
import { buildRounds } from '../../../../../src-renderer/shared/races/race-groups.ts';
import {
  eventFocus,
  pickedView,
  roundRoute,
  scheduleRoute,
  scheduleViewRoute,
  spansDays,
  type EventRoute,
} from '../../../../../src-renderer/spectator/events/event-navigation.ts';

function race(raceId: string, classId: string, raceOrder: number, startTime: string, raceStatus: number, pairedRaceId: string | null = null): PublicRace {
  const raceType = raceId.includes('BR1') ? 'best-run-1' : raceId.includes('BR2') ? 'best-run-2' : 'final';
  return { raceId, classId, raceType, raceOrder, startTime, raceStatus, officialAt: null, pairedRaceId, courseNr: 1 };
}

// Day one: K1M's pair official, C1W's pair under way; day two: a K1M final with its startlist only.
const races = [
  race('K1M_BR1', 'K1M', 1, '2024-04-06T08:30:00+02:00', 5, 'K1M_BR2'),
  race('K1M_BR2', 'K1M', 3, '2024-04-06T10:00:00+02:00', 5, 'K1M_BR1'),
  race('C1W_BR1', 'C1W', 2, '2024-04-06T09:00:00+02:00', 5, 'C1W_BR2'),
  race('C1W_BR2', 'C1W', 4, '2024-04-06T11:00:00+02:00', 3, 'C1W_BR1'),
  race('K1M_FIN', 'K1M', 5, '2024-04-07T10:00:00+02:00', 1),
];
const rounds = buildRounds(races);
const at = (over: Partial<EventRoute> = {}): EventRoute => ({ page: 'event', eventId: 'e1', view: null, raceId: null, catId: null, ...over });
const roundOf = (key: string) => rounds.find((r) => r.key === key)!;

describe('eventFocus: what the page shows', () => {
  it('without a race in the link: the round of the moment, its results', () => {
    expect(eventFocus(at(), rounds, '2024-04-06')).toMatchObject({ round: { key: 'C1W_BR2' }, view: 'results', unknownRace: false });
  });
  it('a round without results opens on its startlist unless the link names a view', () => {
    expect(eventFocus(at({ raceId: 'K1M_FIN' }), rounds, '2024-04-06')).toMatchObject({ round: { key: 'K1M_FIN' }, view: 'startlist' });
    expect(eventFocus(at({ raceId: 'K1M_FIN', view: 'results' }), rounds, '2024-04-06').view).toBe('results');
  });
  it('either run of a pair names its round', () => {
    expect(eventFocus(at({ raceId: 'K1M_BR1' }), rounds, '2024-04-06').round?.key).toBe('K1M_BR2');
  });
  it('an unknown race in the link says so and still shows the round of the moment', () => {
    expect(eventFocus(at({ raceId: 'OLD_QR' }), rounds, '2024-04-06')).toMatchObject({ round: { key: 'C1W_BR2' }, unknownRace: true });
    expect(eventFocus(at({ raceId: 'OLD_QR' }), [], '2024-04-06')).toEqual({ round: undefined, view: 'results', unknownRace: false });
  });
});

describe('where the links go', () => {
  it('picking a round keeps the view; from the schedule, results or (before any) its startlist', () => {
    expect(pickedView('startlist', roundOf('K1M_BR2'))).toBe('startlist');
    expect(pickedView('schedule', roundOf('K1M_BR2'))).toBe('results');
    expect(pickedView('schedule', roundOf('K1M_FIN'))).toBe('startlist');
  });
  it('a round of the same class keeps the category filter; another class drops it', () => {
    const route = at({ raceId: 'K1M_BR2', view: 'results', catId: 'ZS' });
    expect(roundRoute(route, roundOf('K1M_BR2'), roundOf('K1M_FIN'), 'startlist')).toEqual(at({ view: 'startlist', raceId: 'K1M_FIN', catId: 'ZS' }));
    expect(roundRoute(route, roundOf('K1M_BR2'), roundOf('C1W_BR2'), 'results')).toEqual(at({ view: 'results', raceId: 'C1W_BR2', catId: null }));
    expect(roundRoute(route, undefined, roundOf('K1M_FIN'), 'results').catId).toBeNull();
  });
  it('the schedule links a race by its round’s key, without a filter', () => {
    expect(scheduleRoute('e1', rounds, 'K1M_BR1', 'results')).toEqual(at({ view: 'results', raceId: 'K1M_BR2' }));
    expect(scheduleRoute('e1', [], 'X', 'startlist')).toEqual(at({ view: 'startlist', raceId: 'X' }));
    expect(scheduleViewRoute('e1')).toEqual(at({ view: 'schedule' }));
  });
});

describe('spansDays', () => {
  it('is true only with two or more dated days', () => {
    expect(spansDays(rounds)).toBe(true);
    expect(spansDays(rounds.filter((r) => r.day === '2024-04-06'))).toBe(false);
    expect(spansDays(buildRounds([race('A', 'A', 1, null as never, 1), race('B', 'B', 2, '2024-04-06T08:30:00+02:00', 1)]))).toBe(false);
  });
});
