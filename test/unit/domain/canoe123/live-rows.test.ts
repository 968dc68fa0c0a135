import { describe, expect, it } from 'vitest';
import { detectLiveUnit, liveRunFields, onCourseEntry, timeOfDay, trimBib } from '../../../../src-main/domain/canoe123/live-rows.ts';

describe('c123-server live rows', () => {
  it('trims padded bibs everywhere', () => {
    expect(trimBib('  44')).toBe(44);
    expect(trimBib(44)).toBe(44);
    expect(trimBib('A1')).toBeNull();
  });

  it('keeps Canoe123 time of day and drops the made-up date and Z', () => {
    expect(timeOfDay('2026-11-27T10:34:20.123Z')).toBe('10:34:20.123');
    expect(timeOfDay('9:05:01.5')).toBe('09:05:01.5');
    expect(timeOfDay('')).toBeNull();
  });

  it('detects the unit: centiseconds by contract, milliseconds only on overwhelming evidence', () => {
    expect(detectLiveUnit([{ time: 7999, total: 8599 }])).toBe('cs');
    expect(detectLiveUnit([])).toBe('cs');
    const ms = [
      { time: 79990, pen: 6000, total: 85990 },
      { time: 85670, pen: 0, total: 85670 },
      { time: 94800, pen: 2000, total: 96800 },
    ];
    expect(detectLiveUnit(ms)).toBe('ms');
    // One row is not enough evidence, whatever it looks like.
    expect(detectLiveUnit([{ time: 79990, total: 85990 }])).toBe('cs');
    // A WildWater classic in centiseconds (over 10 minutes, no penalties) stays centiseconds.
    expect(
      detectLiveUnit([
        { time: 120030, pen: 0, total: 120030 },
        { time: 118450, pen: 0, total: 118450 },
        { time: 125670, pen: 0, total: 125671 },
      ]),
    ).toBe('cs');
    // Penalties of 2 s in centiseconds (200) are not milliseconds.
    expect(detectLiveUnit(ms.map((r) => ({ ...r, pen: r.pen ? 200 : 0 })))).toBe('cs');
  });

  it('carries only the fields the row had', () => {
    expect(liveRunFields({ raceId: 'R', participantId: 'P', bib: 1, time: 7999 }, 'cs')).toEqual({ time: 7999 });
    expect(liveRunFields({ raceId: 'R', participantId: 'P', bib: 1, status: 'dns', time: null }, 'cs')).toEqual({ status: 'DNS', time: null });
    expect(liveRunFields({ raceId: 'R', participantId: 'P', bib: 1, status: '*' }, 'cs')).toEqual({ status: null });
    expect(
      liveRunFields(
        {
          raceId: 'R',
          participantId: 'P',
          bib: 1,
          gates: [
            { gate: 2, pen: 2 },
            { gate: 4, pen: 50 },
          ],
        },
        'cs',
      ),
    ).toEqual({ gates: [null, 2, null, 50] });
    expect(liveRunFields({ raceId: 'R', participantId: 'P', bib: 1, time: 79990, total: 85990 }, 'ms')).toEqual({ time: 7999, total: 8599 });
  });

  it('reads an on-course rider from the real capture', () => {
    const e = onCourseEntry(
      {
        participantId: '30034.K1M_ST',
        raceId: 'K1M_ST_BR2_6',
        bib: 9,
        name: 'KOPEČEK Michal',
        club: 'VS Tábor',
        position: 1,
        gates: [0, 0, 0, 2, 0, 0, 50],
        dtStart: '2026-11-27T10:34:20.123Z',
        dtFinish: '2026-11-27T10:35:11.325Z',
        time: 5120,
        pen: 5200,
        total: 10320,
        rank: 8,
        ttbDiff: '+12.79',
        ttbName: 'J. KREJČÍ',
      },
      'cs',
      1000,
    )!;
    expect(e).toMatchObject({ bib: 9, dtStart: '10:34:20.123', dtFinish: '10:35:11.325', time: 5120, pen: 5200, rank: 8, lastSeen: 1000 });
  });
});
