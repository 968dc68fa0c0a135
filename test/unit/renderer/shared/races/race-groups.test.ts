import { describe, expect, it } from 'vitest';
import type { PublicRace } from '@wire/api.ts';
import { buildRounds, defaultRound, findRound, groupByDay, preferredRound } from '../../../../../src-renderer/shared/races/race-groups.ts';

function race(raceId: string, raceOrder: number, startTime: string, raceStatus = 1, pairedRaceId: string | null = null): PublicRace {
  const m = /^(.+)_(BR[12]|FIN|SEM|QUA)_/.exec(raceId);
  const dis = m?.[2];
  const raceType = dis === 'BR1' ? 'best-run-1' : dis === 'BR2' ? 'best-run-2' : dis === 'FIN' ? 'final' : dis === 'SEM' ? 'semifinal' : 'qualification';
  return { raceId, classId: m?.[1] ?? raceId, raceType, raceOrder, startTime, raceStatus, officialAt: null, pairedRaceId, courseNr: 1 };
}

// A slice of the real schedule (c123-xml-export_xboardtest02_jarni_v1.xml), two days.
const races: PublicRace[] = [
  race('K1M_ST_BR1_6', 101, '2024-04-06T08:30:00+02:00', 5, 'K1M_ST_BR2_6'),
  race('C1W_ST_BR1_6', 102, '2024-04-06T09:49:30+02:00', 5, 'C1W_ST_BR2_6'),
  race('K1M_ST_BR2_6', 104, '2024-04-06T10:06:45+02:00', 3, 'K1M_ST_BR1_6'),
  race('C1W_ST_BR2_6', 105, '2024-04-06T11:26:15+02:00', 3, 'C1W_ST_BR1_6'),
  race('K1M_ST_BR1_7', 301, '2024-04-07T08:30:00+02:00', 5, 'K1M_ST_BR2_7'),
  race('K1M_ST_BR2_7', 304, '2024-04-07T09:54:00+02:00', 5, 'K1M_ST_BR1_7'),
  race('C1W_ST_BR1_7', 302, '2024-04-07T09:39:20+02:00', 5, null),
];

describe('buildRounds: a best-run pair is one round', () => {
  const rounds = buildRounds(races);
  it('pairs BR1 and BR2 by pairedRaceId, BR1 first, keyed by BR2', () => {
    expect(rounds.map((r) => [r.key, r.races.map((x) => x.raceId)])).toEqual([
      ['K1M_ST_BR2_6', ['K1M_ST_BR1_6', 'K1M_ST_BR2_6']],
      ['C1W_ST_BR2_6', ['C1W_ST_BR1_6', 'C1W_ST_BR2_6']],
      ['K1M_ST_BR2_7', ['K1M_ST_BR1_7', 'K1M_ST_BR2_7']],
      ['C1W_ST_BR1_7', ['C1W_ST_BR1_7']],
    ]);
    expect(rounds.every((r) => r.bestRun)).toBe(true);
    expect(rounds[0]).toMatchObject({ day: '2024-04-06', order: 101, state: 'running' });
  });
  it('finds a round by either run id', () => {
    expect(findRound(rounds, 'K1M_ST_BR1_6')?.key).toBe('K1M_ST_BR2_6');
    expect(findRound(rounds, 'K1M_ST_BR2_6')?.key).toBe('K1M_ST_BR2_6');
    expect(findRound(rounds, 'nope')).toBeUndefined();
  });
  it('keeps other rounds apart', () => {
    const r = buildRounds([
      race('K1M_QUA_1', 1, '2024-04-06T09:00:00+02:00'),
      race('K1M_SEM_1', 2, '2024-04-06T11:00:00+02:00'),
      race('K1M_FIN_1', 3, '2024-04-06T13:00:00+02:00'),
    ]);
    expect(r.map((x) => [x.key, x.bestRun])).toEqual([
      ['K1M_QUA_1', false],
      ['K1M_SEM_1', false],
      ['K1M_FIN_1', false],
    ]);
  });
  it('a BR2 without its partner stands alone', () => {
    expect(buildRounds([race('X_BR2_1', 2, '2024-04-06T10:00:00+02:00', 1, 'missing')]).map((r) => r.races.length)).toEqual([1]);
  });
});

describe('groupByDay', () => {
  it('groups by venue day, classes by their first round that day', () => {
    const days = groupByDay(buildRounds(races));
    expect(days.map((d) => [d.day, d.classes.map((c) => c.classId)])).toEqual([
      ['2024-04-06', ['K1M_ST', 'C1W_ST']],
      ['2024-04-07', ['K1M_ST', 'C1W_ST']],
    ]);
  });
  it('puts undated races last', () => {
    const days = groupByDay(buildRounds([race('A_FIN_1', 1, ''), race('B_FIN_1', 2, '2024-04-06T10:00:00+02:00')]));
    expect(days.map((d) => d.day)).toEqual(['2024-04-06', null]);
  });
});

describe('defaultRound', () => {
  const rounds = buildRounds(races);
  it('opens today when the event races today', () => {
    expect(defaultRound(rounds, '2024-04-07')?.key).toBe('C1W_ST_BR1_7'); // nothing running: the latest with results
  });
  it('else the day with a running round, and the first running round on it', () => {
    expect(defaultRound(rounds, '2026-01-01')?.key).toBe('K1M_ST_BR2_6');
  });
  it('prefers running, then the latest with results, then the first', () => {
    const r = buildRounds([
      race('A_FIN_1', 1, '2024-04-06T09:00:00+02:00', 5),
      race('B_FIN_1', 2, '2024-04-06T10:00:00+02:00', 4),
      race('C_FIN_1', 3, '2024-04-06T11:00:00+02:00', 1),
    ]);
    expect(preferredRound(r)?.key).toBe('B_FIN_1');
    expect(preferredRound(r.slice(2))?.key).toBe('C_FIN_1');
    expect(defaultRound([], '2024-04-06')).toBeUndefined();
  });
});
