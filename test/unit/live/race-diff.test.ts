/**
 * The compact results diff (live protocol 2, issue 17): a single finish on the real K1M final is
 * its row's changed fields and a few operations, small enough for a phone on a busy Wi-Fi; what
 * operations cannot say exactly is listed row by row; and a list that cannot take a diff exactly
 * (unknown operation, wrong starting point) is told to reload instead of showing wrong places.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PublicResult } from '../../../src-main/wire/api.ts';
import type { WsDiffPayload } from '../../../src-main/wire/live.ts';
import { applyRaceDiff, placesCheck } from '../../../src-main/wire/results-diff.ts';
import { diffRace, legacyDiffRace } from '../../../src-main/live/race-diff.ts';
import { liveMessages } from '../../../src-main/live/live-messages.ts';
import { newEvent } from '../../../src-main/domain/event-admin.ts';
import { decideXmlImport } from '../../../src-main/domain/xml-import.ts';
import { decideResultsIngest } from '../../../src-main/domain/live-ingest.ts';
import { decideStatusChange } from '../../../src-main/domain/event-lifecycle.ts';
import { parseCanoe123Xml } from '../../../src-main/domain/canoe123/xml-export.ts';
import { raceResults } from '../../../src-main/domain/public-view.ts';
import type { EventState } from '../../../src-main/domain/model.ts';
import { realXmlPath } from '../../helpers/station.ts';

function runningEvent(): EventState {
  const parsed = parseCanoe123Xml(readFileSync(realXmlPath, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  const meta = { eventId: 'e', mainTitle: 'E', subTitle: null, location: null, facility: null, startDate: null, endDate: null, discipline: null };
  const imported = decideXmlImport(newEvent(meta, 'k', 'xml-structure-live-results', 'T0'), parsed.export, 'T0');
  if (!imported.ok) throw new Error('import');
  const running = decideStatusChange(imported.state, 'running', 'ingest', 'T1');
  if (!running.ok) throw new Error('status');
  return running.state;
}

const RACE = 'K1M_ST_BR2_6';
const state = runningEvent();
/** The envelope the hub puts around `data` (a real boot id is a UUID). */
const envelope = (data: string) => `{"type":"diff","seq":123456,"bootId":"6f1c2a4e-3b7d-4e8a-9c1f-2d5e7a9b0c3d","data":${data}}`;

function push(time: number, participantId = '12054.K1M_ST') {
  const d = decideResultsIngest(state, [{ raceId: RACE, participantId, bib: 1, time, pen: 0, total: time, status: null }]);
  if (!d.ok) throw new Error(d.message);
  const [m] = liveMessages(state, d.state, d.changes, { listening: true, legacy: true });
  return { after: d.state, data: JSON.parse(m.data!) as WsDiffPayload, text: m.data!, legacy: m.legacyData! };
}

describe('compact results diff', () => {
  it('sends a single finish on the real K1M final in ≤ 600 bytes, places below it as one shift', () => {
    // 129002 goes to 75.00 in run 2 (the leader had 78.99): 1st of 105, everyone else a place down.
    const { after, data, text, legacy } = push(7500, '129002.K1M_ST');
    expect(data.changed).toHaveLength(1);
    expect(data.moves).toContainEqual({ op: 'shift', field: 'rnk', from: 1, to: expect.any(Number), by: 1 });
    expect(data.moves?.some((m) => m.op === 'gap' && m.field === 'totalBehind')).toBe(true);
    expect(data.ranks).toBeUndefined();
    const bytes = Buffer.byteLength(envelope(text));
    const legacyBytes = Buffer.byteLength(envelope(legacy));
    console.log(`single finish, new leader of the K1M final: ${bytes} B (protocol 1: ${legacyBytes} B)`);
    expect(bytes).toBeLessThanOrEqual(600);
    // And it is exact: the list before, with the diff, is the list after.
    const rest = raceResults(after, RACE)!;
    const applied = applyRaceDiff(raceResults(state, RACE)!, data)!;
    expect(sortById(applied)).toEqual(sortById(rest));
  });

  it("sends the bench's single result (a second run that does not count) as its changed fields only", () => {
    const { text } = push(9000);
    expect(Buffer.byteLength(envelope(text))).toBeLessThanOrEqual(600);
  });

  it('lists the rows its operations cannot place (a tie split apart), and stays exact', () => {
    const row = (id: string, rnk: number | null, total: number | null): PublicResult => ({
      rnk,
      bib: null,
      athleteId: null,
      name: id,
      club: null,
      noc: null,
      catId: null,
      catRnk: rnk,
      time: total,
      pen: 0,
      total,
      totalBehind: rnk === null ? null : '0.00',
      catTotalBehind: rnk === null ? null : '0.00',
      status: null,
      participantId: id,
      startOrder: null,
      year: null,
    });
    const before = [row('a', 1, 100), row('b', 2, 200), row('c', 2, 200), row('d', 4, 300)];
    // Not something one finish does, but a diff must stay exact whatever the lists: b and c were
    // tied at 2; after, only c moves down (and d with it).
    const after = [row('a', 1, 100), row('b', 2, 200), row('c', 3, 200), row('d', 5, 300)];
    const d = diffRace(before, after);
    const data: WsDiffPayload = { ...d, raceId: 'r' };
    expect(sortById(applyRaceDiff(before, data)!)).toEqual(sortById(after));
    // "places 2…4 move down by one" would take b along: b is listed with its place.
    expect(d.moves).toContainEqual({ op: 'shift', field: 'rnk', from: 2, to: 4, by: 1 });
    expect(d.ranks.map((r) => r.participantId)).toEqual(['b']);
    expect(legacyDiffRace(before, after).ranks.map((r) => r.participantId)).toEqual(['c', 'd']);
  });

  it('tells a list that cannot take a diff to reload: unknown operation, or the check does not come out', () => {
    const { data } = push(7500, '129002.K1M_ST');
    const rows = raceResults(state, RACE)!;
    const future = { ...data, moves: [...data.moves!, { op: 'swap', a: 1, b: 2 } as never] };
    expect(applyRaceDiff(rows, future)).toBeNull();
    expect(applyRaceDiff(rows, { ...data, check: (data.check! + 1) >>> 0 })).toBeNull();
    // A list from some other moment (here: one row's place already off) cannot take it either.
    const off = rows.map((r, i) => (i === 50 ? { ...r, rnk: (r.rnk ?? 0) + 7 } : r));
    expect(applyRaceDiff(off, data)).toBeNull();
    // A patch for a row the list does not hold.
    expect(
      applyRaceDiff(
        rows.filter((r) => r.participantId !== '129002.K1M_ST'),
        data,
      ),
    ).toBeNull();
  });

  it('does not move places twice when the list already holds the diff (REST answer taken after it)', () => {
    const { after, data } = push(7500, '129002.K1M_ST');
    const rest = raceResults(after, RACE)!;
    const again = applyRaceDiff(rest, data)!;
    expect(sortById(again)).toEqual(sortById(rest));
    expect(placesCheck(again)).toBe(data.check);
  });
});

function sortById(rows: readonly PublicResult[]) {
  return [...rows].sort((a, b) => a.participantId.localeCompare(b.participantId));
}
