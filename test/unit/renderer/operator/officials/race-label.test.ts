/** Race names and order on the official-marks lists. */
import { describe, expect, it } from 'vitest';
import type { PublicClass, PublicRace } from '@wire/api.ts';
import { operatorText } from '../../../../../src-renderer/shared/staff/i18n/operator-text.ts';
import { raceLabel, sortRaces, timingStateLabel } from '../../../../../src-renderer/shared/staff/officials/race-label.ts';

const en = operatorText('en');
const cs = operatorText('cs');

const race = (raceId: string, raceOrder: number | null, extra: Partial<PublicRace> = {}): PublicRace => ({
  raceId,
  classId: 'K1M_ST',
  raceType: 'best-run-2',
  raceOrder,
  startTime: null,
  raceStatus: 3,
  officialAt: null,
  pairedRaceId: null,
  courseNr: 1,
  ...extra,
});
const classes: PublicClass[] = [{ classId: 'K1M_ST', name: 'K1m - střední trať', longTitle: null, categories: [] }];

describe('race labels', () => {
  it('class name and run', () => {
    expect(raceLabel(race('K1M_ST_BR2_6', 1), classes, en)).toBe('K1m - střední trať · 2nd run');
    expect(raceLabel(race('X', 1, { classId: 'NA', raceType: 'final' }), classes, en)).toBe('NA · Final');
    expect(raceLabel(race('K1M_ST_BR2_6', 1), classes, cs)).toBe('K1m - střední trať · 2. jízda');
    // A race type newer than this build shows as it came.
    expect(raceLabel(race('Y', 1, { raceType: 'slalom-sprint' as PublicRace['raceType'] }), classes, en)).toBe('K1m - střední trať · slalom-sprint');
  });
  it('Canoe123 state ignores the station mark', () => {
    expect(timingStateLabel(race('a', 1, { raceStatus: 4, officialAt: '2024-04-06T10:00:00Z' }), en)).toBe('Unofficial');
    expect(timingStateLabel(race('a', 1, { raceStatus: 3 }), cs)).toBe('Probíhá');
  });
  it('sorts by running order, unnumbered races last', () => {
    expect(sortRaces([race('c', null), race('b', 2), race('a', 1)]).map((r) => r.raceId)).toEqual(['a', 'b', 'c']);
  });
});
