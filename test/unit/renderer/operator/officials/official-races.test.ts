/** The officials' race list: by day and class, named in words, one state per race. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PublicClass, PublicRace } from '@wire/api.ts';
import { dayHeading, groupRaces, officialAction, officialState } from '../../../../../src-renderer/shared/staff/officials/official-races.ts';
import { parseCanoe123Xml } from '../../../../../src-main/domain/canoe123/xml-export.ts';
import { publicClasses, publicRaces } from '../../../../../src-main/domain/public-view.ts';
import { realXmlPath } from '../../../../fixtures/real-data.ts';

describe('officials race list', () => {
  it("groups the real export's 44 races by day, then class in running order, then run", () => {
    const parsed = parseCanoe123Xml(readFileSync(realXmlPath, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    const state = { structure: parsed.export.structure, officialRaces: new Map() } as never;
    const races: PublicRace[] = publicRaces(state);
    const classes: PublicClass[] = publicClasses(state);
    const days = groupRaces(races, classes);
    expect(days.map((d) => d.day)).toEqual(['2024-04-06', '2024-04-07']);
    expect(days.flatMap((d) => d.classes.flatMap((c) => c.races)).length).toBe(44);
    // Saturday starts with K1m on the middle course, its two runs together, named not numbered.
    const sat = days[0].classes;
    expect(sat[0]).toMatchObject({ classId: 'K1M_ST', name: 'K1m - střední trať' });
    expect(sat[0].races.map((r) => r.raceType)).toEqual(['best-run-1', 'best-run-2']);
    expect(sat.map((c) => c.classId)).toEqual(['K1M_ST', 'C1W_ST', 'C2M_ST', 'C1M_ST', 'K1W_ST', 'FR_HO', 'K1M_HO', 'C1W_HO', 'C1M_HO', 'K1W_HO', 'C2W_HO']);
  });

  it("merges Canoe123's state and the officials' mark into one state, with what can be done", () => {
    const s = (raceStatus: number, at: string | null = null) => officialState({ raceStatus }, at);
    expect([s(5), s(6), s(4), s(3), s(1), s(0), s(7)]).toEqual([
      'canoe123Official',
      'canoe123Official',
      'awaiting',
      'running',
      'notStarted',
      'notStarted',
      'cancelled',
    ]);
    // The officials' mark wins, whatever Canoe123 says.
    expect([s(5, '2024-04-06T12:00:00Z'), s(3, '2024-04-06T12:00:00Z')]).toEqual(['confirmed', 'confirmed']);
    expect((['confirmed', 'canoe123Official', 'awaiting', 'running', 'notStarted', 'cancelled'] as const).map(officialAction)).toEqual([
      'withdraw',
      'mark',
      'mark',
      'mark',
      null,
      null,
    ]);
  });

  it('heads each day in words', () => {
    expect(dayHeading('2024-04-06', 'en-GB')).toBe('Saturday, 6 April 2024');
    expect(dayHeading('2024-04-07', 'cs-CZ')).toBe('neděle 7. dubna 2024');
  });
});
