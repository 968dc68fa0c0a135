/**
 * On-course from Canoe123 directly (issue 12, item 1): one rider per message, merged per bib; a
 * rider leaves 10 s after the last sighting (the expiry, or the venue clock's leave) or at once
 * when finished and the race shows the result. The c123-server path's whole-list replace is
 * unchanged (its own tests).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decideOnCourseIngest,
  decideOnCourseLeft,
  decideOnCourseSightings,
  decideResultsIngest,
  dropFinishedWithResults,
  expireOnCourse,
} from '../../../src-main/domain/live-ingest.ts';
import type { OnCourseInput } from '../../../src-main/wire/ingest.ts';
import { parseCanoe123Xml } from '../../../src-main/domain/canoe123/xml-export.ts';
import { decideXmlImport } from '../../../src-main/domain/xml-import.ts';
import { newEvent } from '../../../src-main/domain/event-admin.ts';
import type { Decision } from '../../../src-main/domain/decision.ts';
import type { EventState } from '../../../src-main/domain/model.ts';
import { realXmlPath } from '../../fixtures/real-data.ts';

const parsed = parseCanoe123Xml(readFileSync(realXmlPath, 'utf8'));
if (!parsed.ok) throw new Error(parsed.message);
const meta = { eventId: 'e', mainTitle: 'E', subTitle: null, location: null, facility: null, startDate: null, endDate: null, discipline: null };
const base = (decideXmlImport(newEvent(meta, 'k', 'xml-structure-live-results', 't'), parsed.export, 't') as Extract<Decision<unknown>, { ok: true }>).state;

const rider = (bib: number, participantId: string, extra: Partial<OnCourseInput> = {}): OnCourseInput => ({
  participantId,
  raceId: 'K1M_ST_BR2_6',
  bib,
  name: `R${bib}`,
  club: null,
  position: 1,
  gates: [0],
  dtStart: '10:00:00.000',
  dtFinish: null,
  time: 1500,
  pen: 0,
  total: 1500,
  rank: null,
  ttbDiff: null,
  ttbName: null,
  ...extra,
});
const ok = <R>(d: Decision<R>) => {
  if (!d.ok) throw new Error(d.error);
  return d;
};
const keys = (s: EventState) => [...s.onCourse.keys()].sort();

describe('on-course sightings from Canoe123 directly', () => {
  it('merges one rider per message by bib, keeping the others', () => {
    let s = ok(decideOnCourseSightings(base, [rider(9, '30034.K1M_ST')], 1000)).state;
    s = ok(decideOnCourseSightings(s, [rider(10, '36019.K1M_ST')], 1200)).state;
    const d = ok(decideOnCourseSightings(s, [rider(9, '30034.K1M_ST', { time: 1600, total: 1600 })], 1400));
    expect(keys(d.state)).toEqual(['K1M_ST_BR2_6|10', 'K1M_ST_BR2_6|9']);
    expect(d.state.onCourse.get('K1M_ST_BR2_6|9')).toMatchObject({ time: 1600, lastSeen: 1400 });
    expect(d.state.onCourse.get('K1M_ST_BR2_6|10')?.lastSeen).toBe(1200);
    expect(d.changes).toEqual([{ type: 'onCourseChanged' }]);
    // The c123-server path replaces the whole list: the same push there would leave bib 9 alone.
    expect(keys(ok(decideOnCourseIngest(s, [rider(9, '30034.K1M_ST')], { nowMs: 1400, timingNowMs: null, outageMs: 60_000 })).state)).toEqual([
      'K1M_ST_BR2_6|9',
    ]);
  });

  it('refreshes only when it was seen unchanged (memory only, nothing published)', () => {
    const s = ok(decideOnCourseSightings(base, [rider(9, '30034.K1M_ST')], 1000)).state;
    const d = ok(decideOnCourseSightings(s, [rider(9, '30034.K1M_ST')], 5000));
    expect(d.changes).toEqual([{ type: 'onCourseSeen' }]);
    expect(d.state.onCourse.get('K1M_ST_BR2_6|9')?.lastSeen).toBe(5000);
    // …so the expiry counts 10 s from the last sighting, not from the last change.
    expect(keys(ok(expireOnCourse(d.state, 14_000, 10_000)).state)).toEqual(['K1M_ST_BR2_6|9']);
    expect(keys(ok(expireOnCourse(d.state, 15_000, 10_000)).state)).toEqual([]);
  });

  it('moves a bib seen in another race there', () => {
    const s = ok(decideOnCourseSightings(base, [rider(9, '30034.K1M_ST')], 1000)).state;
    const other = { ...rider(9, '30034.K1M_ST'), raceId: 'K1M_ST_BR1_6' };
    expect(keys(ok(decideOnCourseSightings(s, [other], 2000)).state)).toEqual(['K1M_ST_BR1_6|9']);
  });

  it("lets riders leave by key (the venue clock's 10 s)", () => {
    let s = ok(decideOnCourseSightings(base, [rider(9, '30034.K1M_ST')], 1000)).state;
    s = ok(decideOnCourseSightings(s, [rider(10, '36019.K1M_ST')], 1000)).state;
    const d = ok(decideOnCourseLeft(s, ['K1M_ST_BR2_6|9', 'K1M_ST_BR2_6|77']));
    expect(keys(d.state)).toEqual(['K1M_ST_BR2_6|10']);
    expect(ok(decideOnCourseLeft(d.state, ['K1M_ST_BR2_6|9'])).changes).toEqual([]);
  });

  it('lets a finished rider leave at once when the race shows the result, and not come back', () => {
    const finished = rider(9, '30034.K1M_ST', { dtFinish: '10:35:11.325', time: 5120, pen: 5200, total: 10320 });
    let s = ok(decideOnCourseSightings(base, [finished, rider(10, '36019.K1M_ST')], 1000)).state;
    expect(keys(s)).toEqual(['K1M_ST_BR2_6|10', 'K1M_ST_BR2_6|9']);
    // Finished but the result is not there yet (the export holds another time): stays.
    expect(ok(dropFinishedWithResults(s)).changes).toEqual([]);
    s = ok(
      decideResultsIngest(s, [{ raceId: 'K1M_ST_BR2_6', participantId: '30034.K1M_ST', bib: 9, time: 5120, pen: 5200, total: 10320, status: null }]),
    ).state;
    const left = ok(dropFinishedWithResults(s));
    expect(keys(left.state)).toEqual(['K1M_ST_BR2_6|10']);
    expect(left.changes).toEqual([{ type: 'onCourseChanged' }]);
    // Canoe123 keeps sending the finished rider for a while: they stay gone.
    const again = ok(decideOnCourseSightings(left.state, [finished], 2000));
    expect(keys(again.state)).toEqual(['K1M_ST_BR2_6|10']);
  });

  it('keeps the split times Canoe123 sends, from the start', () => {
    const d = ok(decideOnCourseSightings(base, [{ ...rider(9, '30034.K1M_ST'), dtStart: '10:34:20.123', dtSplit1: '10:34:45.623', dtSplit2: null }], 1000));
    expect(d.state.onCourse.get('K1M_ST_BR2_6|9')?.splits).toEqual([2550]);
  });

  it('skips riders of races the event does not know', () => {
    const d = ok(decideOnCourseSightings(base, [{ ...rider(9, '30034.K1M_ST'), raceId: 'NOPE' }], 1000));
    expect(d.changes).toEqual([]);
    expect(d.state.onCourse.size).toBe(0);
  });
});
