import { describe, expect, it } from 'vitest';
import type { PublicRace } from '@wire/api.ts';
import { raceChoices, roundTitle } from '../../../../../src-renderer/spectator/events/race-choices.ts';
import { buildRounds } from '../../../../../src-renderer/shared/races/race-groups.ts';
import { en } from '../../../../../src-renderer/shared/i18n/messages-en.ts';
import { cs } from '../../../../../src-renderer/shared/i18n/messages-cs.ts';

const race = (
  raceId: string,
  classId: string,
  raceType: PublicRace['raceType'],
  raceOrder: number,
  startTime: string,
  raceStatus: number,
  pairedRaceId: string | null = null,
): PublicRace => ({ raceId, classId, raceType, raceOrder, startTime, raceStatus, officialAt: null, pairedRaceId, courseNr: 1 });
const races = [
  race('K1M_ST_BR1_6', 'K1M_ST', 'best-run-1', 101, '2024-04-06T08:30:00+02:00', 5, 'K1M_ST_BR2_6'),
  race('K1M_ST_BR2_6', 'K1M_ST', 'best-run-2', 104, '2024-04-06T10:06:45+02:00', 3, 'K1M_ST_BR1_6'),
  race('C1W_QUA_6', 'C1W', 'qualification', 105, '2024-04-06T11:00:00+02:00', 5),
  race('C1W_FIN_7', 'C1W', 'final', 201, '2024-04-07T09:00:00+02:00', 1),
  race('C1W_FIN2_7', 'C1W', 'final', 202, '2024-04-07T10:30:00+02:00', 0),
];
const names = new Map([
  ['K1M_ST', 'K1m - střední trať'],
  ['C1W', 'C1ž'],
]);
const t = (lang: Record<string, string>) => ((key: string) => lang[key] ?? key) as never;

describe('race titles and choices', () => {
  const rounds = buildRounds(races);
  it('names a best-run pair by its class alone, never "· Race"', () => {
    expect(roundTitle(rounds[0], 'K1m - střední trať', t(en))).toBe('K1m - střední trať');
    expect(roundTitle(rounds[1], 'C1ž', t(cs))).toBe('C1ž · Kvalifikace');
  });

  it('groups the choices by day, marks the race under way, and tells same-named rounds apart by time', () => {
    const days = raceChoices(rounds, names, t(en), 'en-GB');
    expect(days.map((d) => [d.day, d.label])).toEqual([
      ['2024-04-06', 'Sat 6 Apr'],
      ['2024-04-07', 'Sun 7 Apr'],
    ]);
    expect(days[0].choices.map((c) => [c.label, c.live])).toEqual([
      ['K1m - střední trať', true],
      ['C1ž · Qualification', false],
    ]);
    expect(days[1].choices.map((c) => c.label)).toEqual(['C1ž · Final · 09:00', 'C1ž · Final · 10:30']);
    expect(days.flatMap((d) => d.choices).some((c) => / · Race$/.test(c.label))).toBe(false);
  });
});
