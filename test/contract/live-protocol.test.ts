/**
 * Live protocol versions over real WebSocket clients against a started station (issue 17): the
 * real c123-server capture replayed over HTTP while a protocol 2 phone (`?v=2`, what the app asks
 * for) and a protocol 1 phone (no version: an app from before, c123-live-mini's clients) follow
 * the K1M final with the spectator app's own merge. After every results push both lists equal the
 * REST answer; protocol 2's diffs are the compact ones and never sent to the protocol 1 phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, ingest, startInProcessStation } from '../helpers/station.ts';
import { captureFor, realXml } from '../helpers/capture.ts';
import { connectUrl, wsUrl, type TestSocket } from '../helpers/ws-client.ts';
import type { PublicResult } from '../../src-main/wire/api.ts';
import type { WsMessage } from '../../src-main/wire/live.ts';
import { applyResultsDiff, sortResults } from '../../src-renderer/shared/results/results-merge.ts';

type Station = Awaited<ReturnType<typeof startInProcessStation>>;

const EVENT = 'protocol';
const view = { raceIds: ['K1M_ST_BR1_6', 'K1M_ST_BR2_6'], catId: null };
let station: Station;
let apiKey: string;
const sockets: TestSocket[] = [];

async function rest(): Promise<PublicResult[]> {
  const res = await api(station, 'GET', `/api/v1/events/${EVENT}/results/K1M_ST_BR2_6`);
  return res.body.results as PublicResult[];
}

const byId = (rows: readonly PublicResult[]) =>
  Object.fromEntries(
    rows.map((r) => [
      r.participantId,
      Object.fromEntries(
        Object.entries(r).filter(([k]) => !['dtStart', 'dtFinish', 'gates', 'courseGateCount', 'prevDtStart', 'prevDtFinish', 'prevGates'].includes(k)),
      ),
    ]),
  );

beforeAll(async () => {
  station = await startInProcessStation();
  const created = await api(station, 'POST', '/api/v1/admin/events', {
    headers: { 'x-master-key': station.adminSecret },
    body: { eventId: EVENT, mainTitle: 'Protocol' },
  });
  apiKey = created.body.apiKey;
  expect((await ingest(station, apiKey, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
  expect((await ingest(station, apiKey, `/api/v1/admin/events/${EVENT}/status`, { status: 'running' })).status).toBe(200);
});
afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  await station?.cleanup();
});

async function follow(query: string) {
  const s = await connectUrl(`${wsUrl(station, EVENT)}${query}`);
  sockets.push(s);
  await s.next((m) => m.type === 'full');
  return { socket: s, rows: sortResults(await rest()), seen: 0 };
}

describe('live protocol versions', () => {
  it('keeps a protocol 2 and a protocol 1 phone equal to REST through the real capture', async () => {
    const v2 = await follow('?v=2');
    const v1 = await follow('');
    const results = captureFor(EVENT).filter((r) => r.url.endsWith('/ingest/results') || r.url.endsWith('/ingest/oncourse'));
    let compact = 0;
    for (const r of results) {
      const marker = await ingest(station, apiKey, r.url, r.body);
      expect(marker.status).toBe(200);
      if (!r.url.endsWith('/results')) continue;
      // Let the diffs of this push arrive (one on-course push after it flushes the socket).
      await ingest(station, apiKey, '/api/v1/ingest/oncourse', { oncourse: [] });
      await Promise.all([v2, v1].map((c) => c.socket.next((m) => m.type === 'diff' && 'oncourse' in m.data && m.data.oncourse!.length === 0, 10_000)));
      const now = await rest();
      for (const c of [v2, v1]) {
        const fresh = c.socket.messages.slice(c.seen);
        c.seen = c.socket.messages.length;
        for (const m of fresh) {
          if (m.type !== 'diff') continue;
          if (c === v2 && m.data.check !== undefined) compact++;
          if (c === v1) expect(m.data.changed ?? m.data.moves ?? m.data.check).toBeUndefined();
          const out = applyResultsDiff(c.rows, m.data, view);
          if (!out) continue;
          expect(out.refetch).toBe(false);
          c.rows = out.rows;
        }
        expect(byId(c.rows)).toEqual(byId(now));
      }
    }
    expect(compact).toBeGreaterThan(0);
  });

  it('gives a newer version than it knows its newest, and anything unreadable protocol 1', async () => {
    const future = await follow('?v=9');
    const junk = await follow('?v=two');
    await ingest(station, apiKey, '/api/v1/ingest/results', {
      results: [{ raceId: 'K1M_ST_BR2_6', participantId: '12054.K1M_ST', bib: 1, time: 6100, pen: 0, total: 6100, status: null }],
    });
    const isResults = (m: WsMessage) => m.type === 'diff' && m.data.raceId === 'K1M_ST_BR2_6';
    const [a, b] = await Promise.all([future.socket.next(isResults), junk.socket.next(isResults)]);
    expect(a.type === 'diff' && a.data.check).toEqual(expect.any(Number));
    expect(b.type === 'diff' && b.data.results?.length).toBe(1);
    expect(b.type === 'diff' && (b.data.check ?? b.data.changed ?? b.data.moves)).toBeUndefined();
  });
});
