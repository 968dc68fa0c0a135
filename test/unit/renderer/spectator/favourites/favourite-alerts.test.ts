import { describe, expect, it } from 'vitest';
import type { PublicOnCourseEntry, PublicRace } from '@wire/api.ts';
import {
  ALERT_COOLDOWN_MS,
  detectAlerts,
  newAlertMemory,
  VANISH_MAX_GAP_MS,
  type AlertSnapshot,
} from '../../../../../src-renderer/spectator/favourites/favourite-alerts.ts';

const races: PublicRace[] = [
  {
    raceId: 'K1M_ST_BR2_6',
    classId: 'K1M_ST',
    raceType: 'best-run-2',
    raceOrder: 104,
    startTime: null,
    raceStatus: 3,
    officialAt: null,
    pairedRaceId: 'K1M_ST_BR1_6',
    courseNr: 1,
  },
];
function oc(bib: number, over: Partial<PublicOnCourseEntry> = {}): PublicOnCourseEntry {
  return {
    raceId: 'K1M_ST_BR2_6',
    bib,
    name: `RIDER ${bib}`,
    club: null,
    position: 1,
    gates: [],
    completed: false,
    dtStart: null,
    dtFinish: null,
    time: null,
    pen: 0,
    total: null,
    rank: null,
    ttbDiff: null,
    ttbName: null,
    ttbTime: null,
    splits: [],
    ...over,
  };
}
const favs = new Set(['K1M_ST:9']);
const snap = (oncourse: PublicOnCourseEntry[], at = 0, r = races): AlertSnapshot => ({ oncourse, races: r, at });
/** Runs a sequence of snapshots through one memory, as the page does; returns the kinds announced at each step. */
function run(steps: AlertSnapshot[], f: ReadonlySet<string> = favs): string[][] {
  const memory = newAlertMemory();
  let prev: AlertSnapshot | null = null;
  return steps.map((s) => {
    const out = detectAlerts(prev, s, f, memory, s.at);
    prev = s;
    return out.map((a) => a.kind);
  });
}
const riding = (bib: number, time = 300) => oc(bib, { dtStart: '10:34:20.123', time });

describe('detectAlerts', () => {
  it('announces a favourite starting and finishing, once each, and ignores others', () => {
    const memory = newAlertMemory();
    const s0 = snap([oc(9), oc(10)]);
    expect(detectAlerts(null, s0, favs, memory, 0)).toEqual([]);
    const s1 = snap([oc(9, { dtStart: '10:34:20.123', time: 300 }), oc(10, { dtStart: '10:35:00.000' })], 1000);
    expect(detectAlerts(s0, s1, favs, memory, 1000).map((a) => a.kind)).toEqual(['start']);
    const s2 = snap([oc(9, { dtStart: '10:34:20.123', time: 500 })], 2000);
    expect(detectAlerts(s1, s2, favs, memory, 2000)).toEqual([]);
    const s3 = snap([oc(9, { dtStart: '10:34:20.123', dtFinish: '10:35:31.4', completed: true, time: 5120, pen: 5200, total: 10320, rank: 8 })], 60_000);
    expect(detectAlerts(s2, s3, favs, memory, 60_000)).toEqual([
      { id: 'finish|K1M_ST_BR2_6|9|10:34:20.123', kind: 'finish', name: 'RIDER 9', raceId: 'K1M_ST_BR2_6', total: 10320, rank: 8 },
    ]);
    expect(detectAlerts(s3, s3, favs, memory, 61_000)).toEqual([]);
  });

  it('does not announce what was already true when the page opened', () => {
    const s = snap([oc(9, { dtStart: 'a', dtFinish: 'b', completed: true })]);
    expect(run([s, s])).toEqual([[], []]);
  });

  it('announces a race with a favourite becoming official', () => {
    const memory = newAlertMemory();
    const s0 = snap([]);
    detectAlerts(null, s0, favs, memory, 0);
    const official = [{ ...races[0], raceStatus: 5 }];
    expect(detectAlerts(s0, snap([], 0, official), favs, memory, 0).map((a) => a.kind)).toEqual(['official']);
    expect(detectAlerts(s0, snap([], 0, official), new Set(['C1W_ST:1']), newAlertMemory(), 0).length).toBe(0);
  });

  it('announces a favourite who vanishes from the course without finishing', () => {
    const memory = newAlertMemory();
    const s0 = snap([riding(9), riding(10)], 0);
    detectAlerts(null, s0, favs, memory, 0);
    const s1 = snap([riding(10)], 1000);
    const out = detectAlerts(s0, s1, favs, memory, 1000);
    expect(out).toEqual([{ id: 'vanish|K1M_ST_BR2_6|9|10:34:20.123|1000', kind: 'vanish', name: 'RIDER 9', raceId: 'K1M_ST_BR2_6' }]);
    // Others vanishing, or a favourite who left after finishing, or before starting: nothing.
    expect(run([snap([riding(9), riding(10)]), snap([riding(9)], 1000)])).toEqual([[], []]);
    expect(run([snap([oc(9, { dtStart: 'a', dtFinish: 'b' })]), snap([], 1000)])).toEqual([[], []]);
    expect(run([snap([oc(9)]), snap([], 1000)])).toEqual([[], []]);
  });

  it('does not take the station expiring a quiet feed, or the event going official, for a vanish', () => {
    expect(run([snap([riding(9)], 0), snap([], VANISH_MAX_GAP_MS + 2000)])).toEqual([[], []]);
    expect(run([snap([riding(9)], 0), snap([], VANISH_MAX_GAP_MS)])).toEqual([[], ['vanish']]);
    expect(run([snap([riding(9)], 0), { ...snap([], 500), official: true }])).toEqual([[], []]);
  });

  it('never repeats the same alert for a favourite within the cooldown', () => {
    // A shaky feed: rider 9 drops out, comes back, drops out again, every second.
    const steps: AlertSnapshot[] = [];
    for (let i = 0; i < 10; i++) steps.push(snap(i % 2 ? [] : [riding(9, 300 + i)], i * 1000));
    const kinds = run(steps).flat();
    expect(kinds).toEqual(['vanish']);
    // After the cooldown, a new vanish is announced again.
    const later = run([...steps, snap([riding(9, 999)], ALERT_COOLDOWN_MS + 1000), snap([], ALERT_COOLDOWN_MS + 2000)]).flat();
    expect(later).toEqual(['vanish', 'vanish']);
  });

  it('keeps a start alert from repeating when the timing re-stamps a start within the cooldown', () => {
    const steps = [
      snap([oc(9)], 0),
      snap([oc(9, { dtStart: '10:34:20.123' })], 1000),
      snap([oc(9, { dtStart: '10:34:20.120' })], 2000), // the same start, stamped again
    ];
    expect(run(steps)).toEqual([[], ['start'], []]);
  });
});
