/**
 * The uplink's pure rules: what a committed decision queues, what a new target's first sync
 * queues, which request goes next (the status walk, the rows), and the bodies per kind of target.
 */
import { describe, expect, it } from 'vitest';
import type { EventStatus } from '../../../../src-main/wire/api.ts';
import type { Change } from '../../../../src-main/domain/decision.ts';
import type { EventState, ResultRow, RunFields } from '../../../../src-main/domain/model.ts';
import { newEvent } from '../../../../src-main/domain/event-admin.ts';
import { initialItems, itemsForCommit } from '../../../../src-main/outlets/uplink/outbox-items.ts';
import { nextJob, statusPath, type PlanContext } from '../../../../src-main/outlets/uplink/next-job.ts';
import { onCourseInputs, resultInput } from '../../../../src-main/outlets/uplink/payloads.ts';
import { rowKey, type OutboxItem } from '../../../../src-main/outlets/uplink/outbox.ts';
import { onCourseSplits } from '../../../../src-main/domain/canoe123/on-course-splits.ts';

const run: RunFields = { status: null, dtStart: '10:00:00.000', dtFinish: '10:01:30.000', time: 9000, pen: 200, total: 9200, gates: [0, 2, null, 50] };
const row = (participantId: string, live: Partial<RunFields> | null, raceId = 'K1M_BR1'): ResultRow => ({
  raceId,
  participantId,
  bib: 7,
  startOrder: 1,
  startTime: null,
  heatNr: null,
  roundNr: null,
  qualified: null,
  xml: run,
  live,
  c123: null,
});

function event(status: EventStatus, rows: ResultRow[] = []): EventState {
  const s = newEvent(
    { eventId: 'e', mainTitle: 'E', subTitle: null, location: null, facility: null, startDate: null, endDate: null, discipline: null },
    'k',
    'xml-structure-live-results',
    't',
  );
  const results = new Map<string, Map<string, ResultRow>>();
  for (const r of rows) {
    if (!results.has(r.raceId)) results.set(r.raceId, new Map());
    results.get(r.raceId)!.set(r.participantId, r);
  }
  return { ...s, status, hasXml: true, results };
}

let seq = 0;
const queued = (items: { kind: OutboxItem['kind']; key: string; payload?: string | null }[]): OutboxItem[] =>
  items.map((i) => ({ ...i, payload: i.payload ?? null, seq: ++seq, rev: 0, createdAt: 0 }));

const ctx = (state: EventState, over: Partial<PlanContext> = {}): PlanContext => ({
  state,
  remoteStatus: 'running',
  dialect: 'raceside',
  liveRows: new Set(),
  batchRows: 500,
  xml: () => '<Canoe123Data/>',
  ...over,
});

describe('what a commit queues', () => {
  it('queues the export for an import that changed something, first', () => {
    const s = event('startlist');
    expect(itemsForCommit(s, [{ type: 'metaChanged', meta: s.meta }], { xmlImported: true, liveRows: new Set() })).toEqual([{ kind: 'xml', key: '' }]);
    expect(itemsForCommit(s, [], { xmlImported: true, liveRows: new Set() })).toEqual([]);
  });

  it('queues every status step of a chain, in order, with unique keys', () => {
    const s = {
      ...event('running'),
      history: [
        { from: 'draft', to: 'startlist', at: 't', by: 'ingest' },
        { from: 'startlist', to: 'running', at: 't', by: 'ingest' },
      ],
    } as EventState;
    const change: Change = { type: 'statusChanged', change: { from: 'draft', to: 'running', at: 't', by: 'ingest' }, steps: s.history };
    expect(itemsForCommit(s, [change], { xmlImported: false, liveRows: new Set() })).toEqual([
      { kind: 'status', key: '0', payload: JSON.stringify({ from: 'draft', to: 'startlist' }) },
      { kind: 'status', key: '1', payload: JSON.stringify({ from: 'startlist', to: 'running' }) },
    ]);
  });

  it('queues a changed row only while results are taken, and only if the target needs it from us', () => {
    const live = row('A', { time: 8900 });
    const xmlOnly = row('B', null);
    const heldThere = row('C', null);
    const change: Change = { type: 'rowsUpserted', rows: [live, xmlOnly, heldThere] };
    const liveRows = new Set([rowKey('K1M_BR1', 'C')]);
    for (const status of ['running', 'finished'] as const) {
      expect(itemsForCommit(event(status), [change], { xmlImported: false, liveRows }).map((i) => i.key)).toEqual([
        rowKey('K1M_BR1', 'A'),
        rowKey('K1M_BR1', 'C'),
      ]);
    }
    for (const status of ['draft', 'startlist'] as const) expect(itemsForCommit(event(status), [change], { xmlImported: false, liveRows })).toEqual([]);
  });

  it('syncs a new target: export, status walk, live rows; an official event stops at finished until its rows are up', () => {
    const rows = [row('A', { time: 8900 }), row('B', null)];
    expect(initialItems(event('running', rows)).map((i) => `${i.kind}:${i.payload ?? i.key}`)).toEqual([
      'xml:',
      'status:{"from":null,"to":"running"}',
      `row:${rowKey('K1M_BR1', 'A')}`,
    ]);
    expect(initialItems(event('official', rows)).map((i) => `${i.kind}:${i.payload ?? i.key}`)).toEqual([
      'xml:',
      'status:{"from":null,"to":"finished"}',
      `row:${rowKey('K1M_BR1', 'A')}`,
      'status:{"from":"finished","to":"official"}',
    ]);
    expect(initialItems({ ...event('draft'), hasXml: false }).map((i) => i.kind)).toEqual(['status']);
  });
});

describe('what goes next', () => {
  it('walks the lifecycle one valid step at a time', () => {
    expect(statusPath('draft', 'running')).toEqual(['startlist', 'running']);
    expect(statusPath('draft', 'official')).toEqual(['startlist', 'running', 'finished', 'official']);
    expect(statusPath('finished', 'running')).toEqual(['running']);
    expect(statusPath('running', 'startlist')).toBeNull();
    expect(statusPath('official', 'running')).toBeNull();
    expect(statusPath('running', 'running')).toEqual([]);
  });

  it('sends the first step of the path from where the target is; settles a step the target already made', () => {
    const s = event('running');
    const step = queued([{ kind: 'status', key: 'sync', payload: JSON.stringify({ from: null, to: 'running' }) }]);
    expect(nextJob(step, ctx(s, { remoteStatus: 'draft' }))).toMatchObject({ kind: 'status', send: 'startlist' });
    expect(nextJob(step, ctx(s, { remoteStatus: null }))).toMatchObject({ kind: 'status', send: 'running' });
    expect(nextJob(step, ctx(s, { remoteStatus: 'running' }))).toMatchObject({ kind: 'settle' });
  });

  it('sends the latest export for the XML item, or waits when the station holds none', () => {
    const items = queued([
      { kind: 'xml', key: '' },
      { kind: 'row', key: rowKey('K1M_BR1', 'A') },
    ]);
    expect(nextJob(items, ctx(event('running')))).toMatchObject({ kind: 'xml', xml: '<Canoe123Data/>' });
    expect(nextJob(items, ctx(event('running'), { xml: () => null }))).toEqual({ kind: 'waitXml' });
  });

  it('batches the run of rows up to the next barrier, with their values now; settles rows gone or not needed', () => {
    const s = event('running', [row('A', { time: 8900 }), row('B', null), row('C', { time: 9100 })]);
    const items = queued([
      { kind: 'row', key: rowKey('K1M_BR1', 'A') },
      { kind: 'row', key: rowKey('K1M_BR1', 'B') },
      { kind: 'row', key: rowKey('K1M_BR1', 'gone') },
      { kind: 'status', key: '5', payload: JSON.stringify({ from: 'running', to: 'finished' }) },
      { kind: 'row', key: rowKey('K1M_BR1', 'C') },
    ]);
    const job = nextJob(items, ctx(s));
    expect(job).toMatchObject({ kind: 'results', keys: [rowKey('K1M_BR1', 'A')] });
    expect(job?.kind === 'results' && job.items.map((i) => i.key)).toEqual([rowKey('K1M_BR1', 'A'), rowKey('K1M_BR1', 'B'), rowKey('K1M_BR1', 'gone')]);
    expect(job?.kind === 'results' && job.rows[0].time).toBe(8900);
    expect(nextJob(items.slice(1, 3), ctx(s))).toMatchObject({ kind: 'settle' });
    expect(nextJob(items, ctx(s, { batchRows: 1 }))).toMatchObject({ kind: 'results', items: [items[0]] });
  });
});

describe('request bodies', () => {
  it('c123-live-mini: no nulls (its schema coerces a null to 0), gates as objects, no pen for a gate not passed', () => {
    const body = resultInput(row('A', { status: 'DNF', time: null, total: null }), 'c123-live-mini');
    expect(body).toEqual({
      raceId: 'K1M_BR1',
      participantId: 'A',
      bib: 7,
      pen: 200,
      status: 'DNF',
      gates: [{ gate: 1, pen: 0 }, { gate: 2, pen: 2 }, { gate: 3 }, { gate: 4, pen: 50 }],
    });
    expect(resultInput(row('A', null), null)).toEqual(resultInput(row('A', null), 'c123-live-mini'));
  });

  it('Raceside: explicit nulls (a cleared time is cleared), times of day, the compact gate list', () => {
    expect(resultInput(row('A', { status: 'DNF', time: null, total: null }), 'raceside')).toEqual({
      raceId: 'K1M_BR1',
      participantId: 'A',
      bib: 7,
      time: null,
      pen: 200,
      total: null,
      status: 'DNF',
      dtStart: '10:00:00.000',
      dtFinish: '10:01:30.000',
      gates: [0, 2, null, 50],
    });
  });

  it('on-course: splits go as times of day, which the station reads back to the same centiseconds', () => {
    const s = event('running');
    const entry = {
      participantId: 'A',
      raceId: 'R',
      bib: 9,
      name: 'X',
      club: null,
      position: 1,
      gates: [],
      dtStart: '23:59:50.120',
      dtFinish: null,
      time: null,
      pen: 0,
      total: null,
      rank: null,
      ttbDiff: null,
      ttbName: null,
      splits: [null, 2345],
      lastSeen: 0,
    };
    s.onCourse = new Map([['R|9', entry]]);
    const [sent] = onCourseInputs(s);
    expect(sent).toMatchObject({ dtStart: '23:59:50.120', dtSplit2: '00:00:13.570' });
    expect(sent.dtSplit1).toBeUndefined();
    expect(onCourseSplits(sent as never)).toEqual([null, 2345]);
  });

  it('on-course: the riders nearest the finish first, nulls left out', () => {
    const s = event('running');
    const entry = {
      participantId: 'A',
      raceId: 'R',
      bib: 9,
      name: 'X',
      club: null,
      position: 2,
      gates: [0, null],
      dtStart: '10:00:00.000',
      dtFinish: null,
      time: 5120,
      pen: 0,
      total: 5120,
      rank: null,
      ttbDiff: null,
      ttbName: null,
      lastSeen: 0,
    };
    s.onCourse = new Map([
      ['R|9', entry],
      ['R|3', { ...entry, bib: 3, position: 1 }],
    ]);
    expect(onCourseInputs(s)).toEqual([
      { participantId: 'A', raceId: 'R', bib: 3, name: 'X', position: 1, gates: [0, null], dtStart: '10:00:00.000', time: 5120, pen: 0, total: 5120 },
      { participantId: 'A', raceId: 'R', bib: 9, name: 'X', position: 2, gates: [0, null], dtStart: '10:00:00.000', time: 5120, pen: 0, total: 5120 },
    ]);
  });
});
