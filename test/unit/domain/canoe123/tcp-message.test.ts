/**
 * The reader of Canoe123's TCP messages and their mapping to the ingest API's rows (issue 12,
 * item 1): every message of the real recording reads, each family's fields land in station units,
 * padded bibs are trimmed, best-of-both BR2 values are never stored as the run's, and anything
 * that is not a Canoe123 message is refused with a sentence.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTcpMessage, type TcpMessage } from '../../../../src-main/domain/canoe123/tcp-message.ts';
import { readTcpElements } from '../../../../src-main/domain/canoe123/tcp-elements.ts';
import { resultInputsOf, type TcpResults } from '../../../../src-main/domain/canoe123/tcp-results.ts';
import { onCourseInputOf, type TcpOnCourse } from '../../../../src-main/domain/canoe123/tcp-oncourse.ts';
import { eventStatusOfSchedule, statusFromSchedule } from '../../../../src-main/domain/canoe123/tcp-schedule.ts';
import { parseCanoe123Xml } from '../../../../src-main/domain/canoe123/xml-export.ts';
import { decideXmlImport } from '../../../../src-main/domain/xml-import.ts';
import { decideResultsIngest } from '../../../../src-main/domain/live-ingest.ts';
import { effectiveRun } from '../../../../src-main/domain/result-merge.ts';
import { newEvent } from '../../../../src-main/domain/event-admin.ts';
import type { EventState, OnCourseEntry } from '../../../../src-main/domain/model.ts';
import { readRecording } from '../../../../src-main/sources/canoe123/recording.ts';
import { realRecordingPath, realXmlPath } from '../../../fixtures/real-data.ts';

const recording = readRecording(readFileSync(realRecordingPath, 'utf8'));
if (!recording.ok) throw new Error(recording.message);

function imported(): EventState {
  const parsed = parseCanoe123Xml(readFileSync(realXmlPath, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  const meta = { eventId: 'e', mainTitle: 'E', subTitle: null, location: null, facility: null, startDate: null, endDate: null, discipline: null };
  const d = decideXmlImport(newEvent(meta, 'k', 'xml-structure-live-results', 't'), parsed.export, 't');
  if (!d.ok) throw new Error('import');
  return d.state;
}
const state = imported();

const one = (text: string): TcpMessage => {
  const read = readTcpMessage(text);
  if (!read.ok) throw new Error(read.message);
  expect(read.messages).toHaveLength(1);
  return read.messages[0];
};
const wrap = (inner: string) => `<Canoe123 System="Main">${inner}</Canoe123>`;

describe('Canoe123 TCP messages', () => {
  it('reads every message of the real recording, of every type it holds', () => {
    const counts: Record<string, number> = {};
    for (const m of recording.messages) {
      const read = readTcpMessage(m.data);
      expect(read.ok, m.data.slice(0, 80)).toBe(true);
      if (read.ok) for (const x of read.messages) counts[x.type] = (counts[x.type] ?? 0) + 1;
    }
    expect(counts).toEqual({ OnCourse: 756, TimeOfDay: 247, Results: 16, RaceConfig: 13, Schedule: 7, TVS: 12 });
  });

  it('reads an on-course rider in station units: cs times, gates in seconds, times of day', () => {
    const m = one(
      wrap(
        '<OnCourse Total="2" Position="1"><Participant StartOrder="9" Bib="9" Id="30034.K1M_ST" Name="KOPEČEK Michal" Club="VS Tábor" Nat="" Race="K1m" RaceId="K1M_ST_BR2_6" Warning="" />' +
          '<Result Type="C" Gates="0,0,0,2,0,0,50,,," Completed="N" dtStart="10:34:20.123" dtSplit1="" dtSplit2="" dtFinish="10:35:11.325" />' +
          '<Result Type="T" Pen="52" Time="51.20" Total="103.20" TTBDiff="+12.79" TTBName="J. KREJČÍ" Rank="8" /></OnCourse>',
      ),
    );
    expect(m.type).toBe('OnCourse');
    const data = (m as { data: TcpOnCourse }).data;
    expect(data).toMatchObject({ total: 2, position: 1 });
    expect(data.rider).toMatchObject({
      bib: 9,
      participantId: '30034.K1M_ST',
      raceId: 'K1M_ST_BR2_6',
      gates: [0, 0, 0, 2, 0, 0, 50, null, null, null],
      dtStart: '10:34:20.123',
      dtFinish: '10:35:11.325',
      time: 5120,
      pen: 5200,
      total: 10320,
      ttbDiff: '+12.79',
      ttbName: 'J. KREJČÍ',
      rank: 8,
    });
    expect(onCourseInputOf(state, data)).toMatchObject({
      participantId: '30034.K1M_ST',
      bib: 9,
      time: 5120,
      pen: 5200,
      total: 10320,
      position: 1,
      dtSplit1: null,
    });
  });

  it('reads a rider still running ("15   ") and one at the start (no time: no total, not 0)', () => {
    const running = one(
      wrap(
        '<OnCourse Total="1" Position="1"><Participant Bib="2" Id="9172.K1M_ST" RaceId="K1M_ST_BR2_6" /><Result Type="C" Gates="" /><Result Type="T" Pen="0" Time="15   " Total="15" Rank="0" /></OnCourse>',
      ),
    );
    expect((running as { data: TcpOnCourse }).data.rider).toMatchObject({ time: 1500, gates: [], rank: 0 });
    const waiting = one(
      wrap(
        '<OnCourse Total="1" Position="1"><Participant Bib="2" Id="9172.K1M_ST" RaceId="K1M_ST_BR2_6" /><Result Type="T" Pen="0" Time="" Total="0.00" /></OnCourse>',
      ),
    );
    expect(onCourseInputOf(state, (waiting as { data: TcpOnCourse }).data)).toMatchObject({ time: null, total: null, rank: null });
  });

  it('reads an empty course as no rider', () => {
    const m = one(wrap('<OnCourse Total="0" Position="0" />'));
    expect((m as { data: TcpOnCourse }).data).toEqual({ total: 0, position: 0, rider: null });
    expect(onCourseInputOf(state, (m as { data: TcpOnCourse }).data)).toBeNull();
  });

  it("finds the participant by bib in the race's class when the Id is unknown", () => {
    const m = one(wrap('<OnCourse Total="1" Position="1"><Participant Bib="9" Id="" RaceId="K1M_ST_BR2_6" /><Result Type="T" Time="" /></OnCourse>'));
    expect(onCourseInputOf(state, (m as { data: TcpOnCourse }).data)?.participantId).toBe('30034.K1M_ST');
  });

  it('reads Results with padded bibs, fixed-width gates (leading blanks kept), IRM and the Current flag', () => {
    const m = one(
      wrap(
        '<Results RaceId="K1M_ST_BR1_6" ClassId="K1M_ST" Current="N"><Row Number="1"><Participant Bib="   1" Id="12054.K1M_ST" />' +
          '<Result Type="T" IRM="" Pen="2" Gates="        2  0" Time="76.99" Total="78.99" Rank="1" PP="" /></Row>' +
          '<Row Number="2"><Participant Bib="  19" Id="23006.K1M_ST" /><Result Type="T" IRM="DNS" Pen="0" Gates="" Time="" Total="" Rank="" /></Row>' +
          '<Row Number="3"><Participant Bib="  14" Id="119045.K1M_ST" /><Result Type="T" IRM="" Pen="" Time="" Total="" /></Row></Results>',
      ),
    );
    const r = (m as { data: TcpResults }).data;
    expect(r).toMatchObject({ raceId: 'K1M_ST_BR1_6', current: false });
    expect(r.rows[0]).toMatchObject({ bib: 1, gates: [null, null, 2, 0], time: 7699, pen: 200, total: 7899, status: null });
    expect(r.rows[1]).toMatchObject({ bib: 19, status: 'DNS', time: null });
    // A standard run's values are taken as they are; a row with no time and no status (not run yet) is left out.
    expect(resultInputsOf(state, r)).toEqual([
      { raceId: 'K1M_ST_BR1_6', participantId: '12054.K1M_ST', bib: 1, rnk: 1, status: null, time: 7699, pen: 200, total: 7899, gates: [null, null, 2, 0] },
      { raceId: 'K1M_ST_BR1_6', participantId: '23006.K1M_ST', bib: 19, rnk: null, status: 'DNS', time: null, pen: 0, total: null, gates: null },
    ]);
  });

  describe("best-of-two-runs (BR2): TCP Pen/Total are best-of-both and never stored as the run's", () => {
    const br2 = (result: string, bib = 1, id = '12054.K1M_ST') =>
      (
        one(
          wrap(
            `<Results RaceId="K1M_ST_BR2_6" ClassId="K1M_ST" Current="Y"><Row Number="1"><Participant Bib="  ${bib}" Id="${id}" />${result}</Row></Results>`,
          ),
        ) as { data: TcpResults }
      ).data;
    const all24 = (pens: number[]) => pens.map((p) => String(p).padStart(3)).join('');
    const only = (s: EventState, r: TcpResults) => {
      const rows = resultInputsOf(s, r);
      expect(rows).toHaveLength(1);
      return { pen: rows[0].pen, total: rows[0].total, time: rows[0].time };
    };
    /** The row after the station decided on it (the same decision as for the ingest API). */
    const decided = (s: EventState, r: TcpResults, participantId: string) => {
      const d = decideResultsIngest(s, resultInputsOf(s, r));
      if (!d.ok) throw new Error(d.error);
      return d.state.results.get('K1M_ST_BR2_6')!.get(participantId)!;
    };
    const stored = (s: EventState, r: TcpResults, participantId: string) => effectiveRun(decided(s, r, participantId));
    const liveOf = (s: EventState, r: TcpResults, participantId: string) => decided(s, r, participantId).live;

    it("takes the pen from the run's own gates when they cover the course (real bib 1: 79.99 + 6 s)", () => {
      const gates = all24([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0]);
      expect(only(state, br2(`<Result Type="T" IRM="" Pen="2" Gates="${gates}      " Time="79.99" Total="78.99" />`))).toEqual({
        time: 7999,
        pen: 600,
        total: 8599,
      });
    });

    it('prefers the gates even when Time + Pen is within a hundredth of Total by chance (real K1M_HO bib 125)', () => {
      const gates = all24([0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(only(state, br2(`<Result Type="T" IRM="" Pen="0" Gates="${gates}" Time="82.11" Total="82.12" />`))).toEqual({ time: 8211, pen: 200, total: 8411 });
    });

    it('takes Pen and Total as they are when they add up and no whole course of gates came', () => {
      expect(only(state, br2('<Result Type="T" IRM="" Pen="0" Gates="" Time="130.00" Total="130.00" />'))).toEqual({ time: 13000, pen: 0, total: 13000 });
    });

    it("leaves Pen/Total without the course's gates to the station's one best-run repair: the rider on course with the same time", () => {
      const entry: OnCourseEntry = {
        participantId: '30034.K1M_ST',
        raceId: 'K1M_ST_BR2_6',
        bib: 9,
        name: 'K',
        club: null,
        position: 1,
        gates: [],
        dtStart: '10:34:20.123',
        dtFinish: '10:35:11.325',
        time: 5120,
        pen: 5200,
        total: 10320,
        rank: 8,
        ttbDiff: null,
        ttbName: null,
        lastSeen: 0,
      };
      const withRider = { ...state, onCourse: new Map([['K1M_ST_BR2_6|9', entry]]) };
      const row = br2('<Result Type="T" IRM="" Pen="4" Gates="  0  0  0  2" Time="51.20" Total="91.78" />', 9, '30034.K1M_ST');
      // As sent (4 of 24 gates tell nothing)…
      expect(only(withRider, row)).toEqual({ time: 5120, pen: 400, total: 9178 });
      // …and repaired where every live 2nd-run row is: never stored as the run's.
      expect(stored(withRider, row, '30034.K1M_ST')).toMatchObject({ time: 5120, pen: 5200, total: 10320 });
      const other = { ...state, onCourse: new Map([['K1M_ST_BR2_6|9', { ...entry, time: 5121 }]]) };
      expect(stored(other, row, '30034.K1M_ST')).toMatchObject({ time: 5120, pen: 5600, total: 14635 });
      expect(liveOf(other, row, '30034.K1M_ST')).toEqual({ time: 5120, status: null, gates: [0, 0, 0, 2] });
    });

    it('…the pen already held for the same time, else leaves pen and total out of the live values', () => {
      // The export holds bib 3's 2nd run as 88.80 + 6 s.
      const bib3 = br2('<Result Type="T" IRM="" Pen="4" Gates="" Time="88.80" Total="85.67" />', 3, '119094.K1M_ST');
      expect(stored(state, bib3, '119094.K1M_ST')).toMatchObject({ time: 8880, pen: 600, total: 9480 });
      // Bib 8: 11 of 24 gates, best-of-both Pen/Total, and the export's row is another time.
      const bib8 = br2('<Result Type="T" IRM="" Pen="0" Gates="  0  0  0  0  0  0  0  0  0  0  2" Time="99.00" Total="86.84" />', 8, '9050.K1M_ST');
      expect(liveOf(state, bib8, '9050.K1M_ST')).toEqual({ time: 9900, status: null, gates: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2] });
    });

    it('gives a run with a status no total, and the pen its gates so far add up to', () => {
      const dnf = br2('<Result Type="T" IRM="DNF" Pen="160" Gates="  2  0  0  0 50  2  2  2  2" Time="" Total="381.10" />');
      expect(resultInputsOf(state, dnf)[0]).toMatchObject({ status: 'DNF', time: null, pen: 6000, total: null });
      const dns = br2('<Result Type="T" IRM="DNS" Pen="0" Gates="" Time="" Total="" />');
      expect(resultInputsOf(state, dns)[0]).toMatchObject({ status: 'DNS', time: null, pen: 0, total: null });
    });

    it('never stores a total that is not time + pen, over every BR2 row of the real recording', () => {
      let s = state;
      let rows = 0;
      for (const m of recording.messages) {
        const read = readTcpMessage(m.data);
        if (!read.ok) continue;
        for (const x of read.messages) {
          if (x.type !== 'Results' || !x.data.raceId.includes('_BR2_')) continue;
          const inputs = resultInputsOf(s, x.data);
          rows += inputs.length;
          const d = decideResultsIngest(s, inputs);
          if (!d.ok) throw new Error(d.error);
          s = d.state;
        }
      }
      expect(rows).toBeGreaterThan(500);
      let checked = 0;
      for (const race of s.results.values()) {
        for (const row of race.values()) {
          const live = row.live;
          if (!live || live.total === undefined || live.total === null) continue;
          checked++;
          expect(live.total, `${row.raceId} ${row.participantId}`).toBe((live.time ?? effectiveRun(row).time ?? NaN) + (live.pen ?? NaN));
        }
      }
      // (Most rows the stream sends equal the export's and change nothing.)
      expect(checked).toBeGreaterThan(10);
    });
  });

  it('reads RaceConfig, Schedule and TimeOfDay; TVS and unknown elements are typed, not refused', () => {
    expect(one(wrap('<RaceConfig NrSplits="0" NrGates="24" GateConfig="NNRN" GateCaptions="1,2,3,4" />'))).toEqual({
      type: 'RaceConfig',
      data: { nrSplits: 0, nrGates: 24, gateConfig: 'NNRN', gateCaptions: ['1', '2', '3', '4'] },
    });
    expect(one(wrap('<TimeOfDay>10:34:11</TimeOfDay>'))).toEqual({ type: 'TimeOfDay', data: { time: '10:34:11' } });
    expect(
      one(
        wrap(
          '<Schedule><Race Order="101" RaceId="K1M_ST_BR1_6" RaceStatus="5"><StartTime /></Race><Race Order="104" RaceId="K1M_ST_BR2_6" RaceStatus="3"><StartTime /></Race></Schedule>',
        ),
      ),
    ).toEqual({
      type: 'Schedule',
      data: [
        { raceId: 'K1M_ST_BR1_6', order: 101, raceStatus: 5 },
        { raceId: 'K1M_ST_BR2_6', order: 104, raceStatus: 3 },
      ],
    });
    expect(one(wrap('<TVS Odd_Bib="9" />'))).toEqual({ type: 'TVS' });
    expect(one(wrap('<Scoreboard Mode="2" />'))).toEqual({ type: 'unknown', name: 'Scoreboard' });
  });

  it('decodes entities in attributes and keeps their whitespace', () => {
    const read = readTcpElements('<Canoe123><Participant Name="O&apos;Neil &amp; Co" Gates="  2  0" /></Canoe123>');
    expect(read.ok && read.root.children[0].attrs).toEqual({ Name: "O'Neil & Co", Gates: '  2  0' });
  });

  it('refuses, with a sentence, what is not one Canoe123 message', () => {
    const refusals: [string, RegExp][] = [
      ['garbage \u0000\u0001', /text outside the <Canoe123> element/],
      ['<Other/>', /not <Canoe123>/],
      ['<Canoe123><TimeOfDay>10:00:00</TimeOfDay>', /never closed/],
      ['<Canoe123><TimeOfDay>10:00:00</OnCourse></Canoe123>', /does not close/],
      ['<Canoe123></Canoe123><Canoe123></Canoe123>', /two messages without a "\|"/],
      ['<!DOCTYPE x [<!ENTITY a "b">]><Canoe123/>', /never sends/],
      ['<Canoe123><!-- hi --></Canoe123>', /never sends/],
      ['<Canoe123><OnCourse Total=2 /></Canoe123>', /not quoted/],
      ['<Canoe123><OnCourse Total="1" Total="2" /></Canoe123>', /twice/],
      [`<Canoe123>${'<a>'.repeat(20)}${'</a>'.repeat(20)}</Canoe123>`, /nested more than/],
      ['<Canoe123><TimeOfDay>soon</TimeOfDay></Canoe123>', /not a time of day/],
      ['<Canoe123><Results ClassId="K1M" /></Canoe123>', /no RaceId/],
      ['<Canoe123 System="Main" />', /carries nothing/],
      ['', /holds no element/],
    ];
    for (const [text, why] of refusals) {
      const read = readTcpMessage(text);
      expect(read.ok, text).toBe(false);
      if (!read.ok) expect(read.message, text).toMatch(why);
      if (!read.ok) expect(read.message).toMatch(/^Not a Canoe123 message: /);
    }
  });
});

describe('Canoe123 Schedule → event status', () => {
  const races = (...statuses: number[]) => statuses.map((raceStatus, i) => ({ raceId: `R${i}`, order: i, raceStatus }));

  it('derives as c123-server does', () => {
    expect(eventStatusOfSchedule([])).toBeNull();
    expect(eventStatusOfSchedule(races(7, 12, 13))).toBeNull();
    expect(eventStatusOfSchedule(races(5, 3, 0))).toBe('running');
    expect(eventStatusOfSchedule(races(5, 4))).toBe('running');
    expect(eventStatusOfSchedule(races(5, 6, 7))).toBe('official');
    expect(eventStatusOfSchedule(races(0, 1))).toBe('startlist');
    expect(eventStatusOfSchedule(races(0, 2))).toBe('startlist');
    expect(eventStatusOfSchedule(races(0, 0))).toBe('draft');
  });

  it('moves the event forward only, and never to official', () => {
    expect(statusFromSchedule('draft', races(5, 3))).toBe('running');
    expect(statusFromSchedule('startlist', races(1))).toBeNull();
    expect(statusFromSchedule('finished', races(3))).toBeNull();
    expect(statusFromSchedule('running', races(0, 0))).toBeNull();
    expect(statusFromSchedule('running', races(5, 5))).toBeNull();
    expect(statusFromSchedule('finished', races(5, 6))).toBeNull();
  });

  it('moves the real event to running: K1M_ST_BR2_6 is in progress in every Schedule of the recording', () => {
    for (const m of recording.messages.filter((x) => x.data.includes('<Schedule>'))) {
      const read = readTcpMessage(m.data);
      if (!read.ok || read.messages[0].type !== 'Schedule') throw new Error('schedule');
      expect(statusFromSchedule('startlist', read.messages[0].data)).toBe('running');
    }
  });
});

describe('Canoe123 recordings', () => {
  it("reads the real recording's TCP lines in time order", () => {
    expect(recording.messages).toHaveLength(1051);
    expect(recording.durationMs).toBeGreaterThan(246_000);
  });

  it('refuses a file that is not a recording, naming the line', () => {
    expect(readRecording('{"_meta":{}}\nnot json')).toEqual({ ok: false, message: 'This is not a Canoe123 recording: line 2 is not JSON' });
    expect(readRecording('{"_meta":{}}\n{"src":"tcp","ts":"x","data":1}')).toMatchObject({ ok: false, message: expect.stringMatching(/line 2 has no "ts"/) });
    expect(readRecording('{"_meta":{}}\n{"src":"ws","ts":1,"data":{}}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no Canoe123 TCP messages/),
    });
  });
});

describe('Canoe123 TCP messages, fuzzed', () => {
  it('never throws on mutated real messages, and what it reads maps without throwing', () => {
    const samples = recording.messages.filter((_, i) => i % 7 === 0).map((m) => m.data);
    let read = 0;
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ maxLength: 4 })), { maxLength: 6 }), (text, edits) => {
        let t = text;
        for (const [at, kind, s] of edits) {
          const i = at % (t.length + 1);
          t =
            kind === 0
              ? t.slice(0, i) + t.slice(i + 1)
              : kind === 1
                ? t.slice(0, i) + s + t.slice(i)
                : kind === 2
                  ? t.slice(0, i)
                  : t.slice(0, i) + s + t.slice(i + s.length);
        }
        const r = readTcpMessage(t);
        if (!r.ok) return r.message.startsWith('Not a Canoe123 message: ');
        read++;
        for (const m of r.messages) {
          if (m.type === 'Results') decideResultsIngest(state, resultInputsOf(state, m.data));
          if (m.type === 'OnCourse') onCourseInputOf(state, m.data);
        }
        return true;
      }),
      { numRuns: 3000, seed: Number(process.env.HARDENING_SEED ?? 12) },
    );
    expect(read).toBeGreaterThan(100);
  });
});
