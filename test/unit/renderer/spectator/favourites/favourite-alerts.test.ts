import { describe, expect, it } from 'vitest';
import type { PublicOnCourseEntry, PublicRace } from '@wire/api.ts';
import { detectAlerts, type AlertSnapshot } from '../../../../../src-renderer/spectator/favourites/favourite-alerts.ts';

const races: PublicRace[] = [{
  raceId: 'K1M_ST_BR2_6', classId: 'K1M_ST', raceType: 'best-run-2', raceOrder: 104, startTime: null, raceStatus: 3,
  officialAt: null, pairedRaceId: 'K1M_ST_BR1_6', courseNr: 1,
}];
function oc(bib: number, over: Partial<PublicOnCourseEntry> = {}): PublicOnCourseEntry {
  return {
    raceId: 'K1M_ST_BR2_6', bib, name: `RIDER ${bib}`, club: null, position: 1, gates: [], completed: false,
    dtStart: null, dtFinish: null, time: null, pen: 0, total: null, rank: null, ttbDiff: null, ttbName: null, ...over,
  };
}
const favs = new Set(['K1M_ST:9']);
const snap = (oncourse: PublicOnCourseEntry[], r = races): AlertSnapshot => ({ oncourse, races: r });

describe('detectAlerts', () => {
  it('announces a favourite starting and finishing, once each, and ignores others', () => {
    const seen = new Set<string>();
    const s0 = snap([oc(9), oc(10)]);
    expect(detectAlerts(null, s0, favs, seen)).toEqual([]);
    const s1 = snap([oc(9, { dtStart: '10:34:20.123', time: 300 }), oc(10, { dtStart: '10:35:00.000' })]);
    expect(detectAlerts(s0, s1, favs, seen).map((a) => a.kind)).toEqual(['start']);
    const s2 = snap([oc(9, { dtStart: '10:34:20.123', time: 500 })]);
    expect(detectAlerts(s1, s2, favs, seen)).toEqual([]);
    const s3 = snap([oc(9, { dtStart: '10:34:20.123', dtFinish: '10:35:31.4', completed: true, time: 5120, pen: 5200, total: 10320, rank: 8 })]);
    expect(detectAlerts(s2, s3, favs, seen)).toEqual([
      { id: 'finish|K1M_ST_BR2_6|9|10:34:20.123', kind: 'finish', name: 'RIDER 9', raceId: 'K1M_ST_BR2_6', total: 10320, rank: 8 },
    ]);
    expect(detectAlerts(s3, s3, favs, seen)).toEqual([]);
  });

  it('does not announce what was already true when the page opened', () => {
    const seen = new Set<string>();
    const s = snap([oc(9, { dtStart: 'a', dtFinish: 'b', completed: true })]);
    expect(detectAlerts(null, s, favs, seen)).toEqual([]);
    expect(detectAlerts(s, s, favs, seen)).toEqual([]);
  });

  it('announces a race with a favourite becoming official', () => {
    const seen = new Set<string>();
    const s0 = snap([]);
    detectAlerts(null, s0, favs, seen);
    const official = [{ ...races[0], raceStatus: 5 }];
    expect(detectAlerts(s0, snap([], official), favs, seen).map((a) => a.kind)).toEqual(['official']);
    expect(detectAlerts(s0, snap([], official), new Set(['C1W_ST:1']), new Set(['x'])).length).toBe(0);
  });
});
