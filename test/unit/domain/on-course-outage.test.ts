/**
 * The first on-course snapshot after an outage may be c123-server's from before it: a rider in it
 * whose start is implausibly old for a run is not shown (domain/live-ingest.ts). Pure: the state
 * holds the real export, time comes in as numbers (the timing's clock as the station knows it).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decideOnCourseIngest, type OnCourseClock } from '../../../src-main/domain/live-ingest.ts';
import { newEvent } from '../../../src-main/domain/event-admin.ts';
import { decideXmlImport } from '../../../src-main/domain/xml-import.ts';
import { parseCanoe123Xml } from '../../../src-main/domain/canoe123/xml-export.ts';
import { effectiveRun } from '../../../src-main/domain/result-merge.ts';
import type { EventState } from '../../../src-main/domain/model.ts';
import type { OnCourseInput } from '../../../src-main/wire/ingest.ts';
import { realXmlPath } from '../../helpers/station.ts';

const RACE = 'K1M_ST_BR2_6';
/** A race of the export without a finished run in it. */
const EMPTY_RACE = 'C1M_ST_BR2_6';

function imported(): EventState {
  const parsed = parseCanoe123Xml(readFileSync(realXmlPath, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  const meta = { eventId: 'e', mainTitle: 'E', subTitle: null, location: null, facility: null, startDate: null, endDate: null, discipline: null };
  const d = decideXmlImport(newEvent(meta, 'k', 'xml-structure-live-results', 'T0'), parsed.export, 'T0');
  if (!d.ok) throw new Error();
  return d.state;
}
const base = imported();

const hms = (h: number, m: number, s = 0) => ((h * 60 + m) * 60 + s) * 1000;
const rider = (bib: number, dtStart: string | null, raceId = RACE): OnCourseInput => ({
  participantId: '30034.K1M_ST',
  raceId,
  bib,
  name: 'KOPEČEK Michal',
  position: 1,
  gates: [],
  dtStart: dtStart && `2026-11-27T${dtStart}Z`,
  time: 1500,
  pen: 0,
  total: 1500,
});
const at = (timingNowMs: number | null, nowMs = 1_000_000_000): OnCourseClock => ({ nowMs, timingNowMs, outageMs: 60_000 });
function push(state: EventState, inputs: OnCourseInput[], clock: OnCourseClock) {
  const d = decideOnCourseIngest(state, inputs, clock);
  if (!d.ok) throw new Error();
  return {
    state: d.state,
    shown: [...d.state.onCourse.values()].map((e) => e.bib),
    hidden: d.result.hidden.map((e) => e.bib),
    changes: d.changes,
    timingNowMs: d.result.timingNowMs,
  };
}

describe('on-course riders after an outage', () => {
  it("the race's slowest finished run sets the limit: three times it (real data)", () => {
    const times = [...base.results.get(RACE)!.values()]
      .map(effectiveRun)
      .filter((r) => r.status === null && r.time !== null)
      .map((r) => r.time!);
    const slowestS = Math.max(...times) / 100;
    expect(slowestS).toBeGreaterThan(90);
    expect(slowestS).toBeLessThan(300);
    // Started 2.9× the slowest run ago: plausible. 3.1×: not, in the first snapshot after a restart.
    const now = hms(12, 0);
    const startAgo = (factor: number) => {
      const t = new Date(now - factor * slowestS * 1000);
      return t.toISOString().slice(11, 23);
    };
    expect(push(base, [rider(9, startAgo(2.9))], at(now)).shown).toEqual([9]);
    expect(push(base, [rider(9, startAgo(3.1))], at(now))).toMatchObject({ shown: [], hidden: [9] });
  });

  it('hides a stale rider of the first snapshot after a restart, and the riders of that snapshot waiting at the start, until they start', () => {
    let s = push(base, [rider(9, '10:34:20.123'), rider(10, null)], at(hms(11, 20), 1000));
    expect(s).toMatchObject({ shown: [], hidden: [9, 10] });
    // c123-server keeps sending its old list: still hidden, not reported again.
    s = push(s.state, [rider(9, '10:34:20.123'), rider(10, null)], at(hms(11, 20, 1), 2000));
    expect(s).toMatchObject({ shown: [], hidden: [] });
    // Rider 10 starts now; rider 9 starts a new run: both are shown.
    s = push(s.state, [rider(9, '11:20:30.000'), rider(10, '11:20:02.000')], at(hms(11, 20, 40), 40_000));
    expect(s.shown.sort((a, b) => a - b)).toEqual([9, 10]);
    expect(s.state.onCourseFeed.stale.size).toBe(0);
  });

  it('shows the riders of a fresh snapshot after a restart, those waiting at the start included', () => {
    expect(push(base, [rider(9, '10:34:20.123'), rider(10, null)], at(hms(10, 35, 30))).shown).toEqual([9, 10]);
  });

  it("c123-server's empty first push does not use up the check: the next one with riders is checked", () => {
    let s = push(base, [], at(hms(11, 20), 1000));
    s = push(s.state, [], at(hms(11, 20, 1), 2000));
    s = push(s.state, [rider(9, '10:34:20.123')], at(hms(11, 20, 2), 3000));
    expect(s).toMatchObject({ shown: [], hidden: [9] });
  });

  it('checks again after a minute without any on-course push, and not while pushes keep coming', () => {
    let s = push(base, [rider(10, '11:00:00.000')], at(hms(11, 0, 5), 0));
    // Pushes every second: no check, even for an old start (the clocks may disagree; a live feed wins).
    s = push(s.state, [rider(10, '11:00:00.000'), rider(9, '10:34:20.123')], at(hms(11, 0, 6), 1000));
    expect(s.shown.sort((a, b) => a - b)).toEqual([9, 10]);
    // Silence for two minutes, then the same old snapshot: rider 9's start is 27 min old, hidden.
    s = push(s.state, [rider(9, '10:34:20.123')], at(hms(11, 2, 6), 121_000));
    expect(s).toMatchObject({ shown: [], hidden: [9], changes: [{ type: 'onCourseChanged' }] });
  });

  it('takes a start that looks a little in the future (clocks apart) as fresh, and wraps at midnight', () => {
    expect(push(base, [rider(9, '11:00:30.000')], at(hms(11, 0))).shown).toEqual([9]);
    expect(push(base, [rider(9, '23:59:00.000')], at(hms(0, 0, 30))).shown).toEqual([9]);
    expect(push(base, [rider(9, '23:00:00.000')], at(hms(0, 30))).hidden).toEqual([9]);
  });

  it("judges nothing while the timing's clock is unknown (a new station), and reads it from the running riders", () => {
    const s = push(base, [rider(9, '10:34:20.123'), rider(10, null)], at(null));
    expect(s).toMatchObject({ shown: [9, 10], hidden: [] });
    // Rider 9 started at 10:34:20.123 and has run 15.00 s: Canoe123's clock reads 10:34:35.123.
    expect(s.timingNowMs).toBe(hms(10, 34, 35) + 123);
    // Finished riders and riders at the start say nothing about the present.
    expect(push(base, [{ ...rider(9, '10:34:20.123'), dtFinish: '2026-11-27T10:35:31.400Z' }, rider(10, null)], at(null)).timingNowMs).toBeNull();
  });

  it('a race without a finished run allows 10 minutes', () => {
    expect([...(base.results.get(EMPTY_RACE)?.values() ?? [])].map(effectiveRun).filter((r) => r.status === null && r.time !== null)).toEqual([]);
    expect(push(base, [rider(9, '11:51:00.000', EMPTY_RACE)], at(hms(12, 0))).shown).toEqual([9]);
    expect(push(base, [rider(9, '11:49:00.000', EMPTY_RACE)], at(hms(12, 0))).hidden).toEqual([9]);
  });
});
