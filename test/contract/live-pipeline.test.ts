/**
 * The live pipeline (docs/LIVE-PIPELINE.md) over real WebSocket clients against a started station:
 * every row of its broadcast and rejection tables, the heartbeat, the official close, room isolation,
 * reconnects, and a stalled phone cut off while the others keep receiving.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { api, ingest, startInProcessStation } from '../helpers/station.ts';
import { connect, type TestSocket } from '../helpers/ws-client.ts';
import { realXml } from '../helpers/capture.ts';
import { defaultSettings } from '../../src-main/settings.ts';
import type { WsMessage } from '../../src-main/wire/live.ts';

type Station = Awaited<ReturnType<typeof startInProcessStation>>;

const isDiff = (key: string) => (m: WsMessage) => m.type === 'diff' && key in m.data;

async function newEvent(station: Station, eventId: string, status = 'running') {
  const created = await api(station, 'POST', '/api/v1/admin/events', {
    headers: { 'x-master-key': station.adminSecret },
    body: { eventId, mainTitle: `Event ${eventId}` },
  });
  const apiKey = created.body.apiKey as string;
  expect((await ingest(station, apiKey, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
  if (status !== 'draft') expect((await ingest(station, apiKey, `/api/v1/admin/events/${eventId}/status`, { status })).status).toBe(200);
  return apiKey;
}

const op = (station: Station) => ({ authorization: `Bearer ${station.adminSecret}` });

describe('live pipeline', () => {
  let station: Station;
  let key: string;
  const sockets: TestSocket[] = [];
  const open = async (eventId: string) => {
    const s = await connect(station, eventId);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    station = await startInProcessStation({ heartbeatMs: 300, heartbeatTimeoutMs: 300, officialGraceMs: 400, maxSocketBufferBytes: 64 * 1024 });
    key = await newEvent(station, 'live');
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await station?.cleanup();
  });

  it('sends full at once on connect, with the structure and a seq', async () => {
    const s = await open('live');
    const full = await s.next();
    expect(full.type).toBe('full');
    if (full.type !== 'full') return;
    expect(full.data.event.eventId).toBe('live');
    expect(full.data.races).toHaveLength(44);
    expect(full.data.classes).toHaveLength(15);
    expect(full.data.categories.length).toBeGreaterThan(0);
    expect(typeof full.seq).toBe('number');
    s.close();
  });

  it('results ingest → diff with only the changed rows, seq without gaps', async () => {
    const s = await open('live');
    const full = await s.next();
    const res = await ingest(station, key, '/api/v1/ingest/results', {
      results: [{ raceId: 'K1M_ST_BR2_6', participantId: '12054.K1M_ST', bib: 1, time: 7000, pen: 0, total: 7000, status: null }],
    });
    expect(res.body).toEqual({ updated: 1 });
    const diff = await s.next(isDiff('results'));
    if (diff.type !== 'diff') throw new Error('expected diff');
    expect(diff.seq).toBe(full.seq + 1);
    expect(diff.data.raceId).toBe('K1M_ST_BR2_6');
    expect(diff.data.results!.map((r) => r.participantId)).toEqual(['12054.K1M_ST']);
    expect(diff.data.results![0]).toMatchObject({ time: 7000, total: 7000, totalTotal: 7000, betterRunNr: 2, rnk: 1 });
    expect(diff.data.results![0].gates).toBeDefined(); // diffs carry the run detail
    // The new leader moved the gaps of the others: rank-only updates, not whole rows.
    expect(diff.data.ranks!.length).toBeGreaterThan(0);
    // The same push again changes nothing and sends nothing.
    await ingest(station, key, '/api/v1/ingest/results', {
      results: [{ raceId: 'K1M_ST_BR2_6', participantId: '12054.K1M_ST', bib: 1, time: 7000, pen: 0, total: 7000, status: null }],
    });
    await ingest(station, key, '/api/v1/ingest/oncourse', {
      oncourse: [
        { participantId: '30034.K1M_ST', raceId: 'K1M_ST_BR2_6', bib: 9, name: 'KOPEČEK Michal', position: 1, gates: [], time: 100, pen: 0, total: 100 },
      ],
    });
    const next = await s.next();
    expect(next.type === 'diff' && 'oncourse' in next.data).toBe(true);
    expect(next.seq).toBe(diff.seq + 1);
    await ingest(station, key, '/api/v1/ingest/oncourse', { oncourse: [] });
    expect((await s.next()).seq).toBe(diff.seq + 2);
    s.close();
  });

  it('a single-result diff is at least 80% smaller than the race list (real data)', async () => {
    const s = await open('live');
    await s.next();
    await ingest(station, key, '/api/v1/ingest/results', {
      results: [{ raceId: 'K1M_ST_BR2_6', participantId: '9172.K1M_ST', bib: 2, time: 8400, pen: 200, total: 8600, status: null }],
    });
    const diff = await s.next(isDiff('results'));
    const list = await api(station, 'GET', '/api/v1/events/live/results/K1M_ST_BR2_6?detailed=true');
    const diffBytes = Buffer.byteLength(JSON.stringify(diff));
    const listBytes = Buffer.byteLength(JSON.stringify(list.body));
    const saving = 1 - diffBytes / listBytes;
    console.log(`single-result diff ${diffBytes} B vs race list ${listBytes} B: ${(saving * 100).toFixed(1)}% smaller`);
    expect(saving).toBeGreaterThanOrEqual(0.8);
    s.close();
  });

  it('on-course ingest and expiry → diff { oncourse }', async () => {
    const s = await open('live');
    await s.next();
    await ingest(station, key, '/api/v1/ingest/oncourse', {
      oncourse: [
        {
          participantId: '30034.K1M_ST',
          raceId: 'K1M_ST_BR2_6',
          bib: 9,
          name: 'KOPEČEK Michal',
          club: 'VS Tábor',
          position: 1,
          gates: [0, 2, null],
          dtStart: '2026-11-27T10:34:20.123Z',
          dtFinish: null,
          time: 1500,
          pen: 200,
          total: 1700,
          rank: null,
          ttbDiff: null,
          ttbName: null,
        },
      ],
    });
    const d = await s.next(isDiff('oncourse'));
    if (d.type !== 'diff') throw new Error();
    expect(d.data.oncourse).toHaveLength(1);
    expect(d.data.oncourse![0]).toMatchObject({
      bib: 9,
      completed: false,
      dtStart: '10:34:20.123',
      gates: [
        { number: 1, type: 'normal', penalty: 0 },
        { number: 2, type: 'normal', penalty: 2 },
        { number: 3, type: 'reverse', penalty: null },
      ],
    });
    s.close();
  });

  it('XML import → full when the structure changed, diffs when only results changed', async () => {
    const s = await open('live');
    await s.next();
    const xml = realXml();
    // Same structure, one result changed in the export.
    const changed = xml.replace('<Time>76990</Time>', '<Time>76000</Time>').replace('<Total>78990</Total>', '<Total>78000</Total>');
    await ingest(station, key, '/api/v1/ingest/xml', { xml: changed });
    const d = await s.next((m) => m.type !== 'full' && !(m.type === 'diff' && 'oncourse' in m.data));
    expect(d.type).toBe('diff');
    if (d.type === 'diff') expect(d.data.raceId).toMatch(/K1M_ST_BR[12]_6/);
    // A participant renamed: structure changed → full.
    await ingest(station, key, '/api/v1/ingest/xml', { xml: xml.replace('<FamilyName>MERENUS</FamilyName>', '<FamilyName>MERENUSS</FamilyName>') });
    const f = await s.next((m) => m.type === 'full');
    expect(f.type).toBe('full');
    s.close();
  });

  it('merge strategy changed → refresh', async () => {
    const s = await open('live');
    await s.next();
    const res = await api(station, 'PATCH', '/api/v1/admin/events/live', { headers: op(station), body: { mergeStrategy: 'xml-authoritative' } });
    expect(res.status).toBe(200);
    expect((await s.next((m) => m.type === 'refresh')).type).toBe('refresh');
    await api(station, 'PATCH', '/api/v1/admin/events/live', { headers: op(station), body: { mergeStrategy: 'xml-structure-live-results' } });
    s.close();
  });

  it('race made official → diff { races }', async () => {
    const s = await open('live');
    await s.next();
    const res = await api(station, 'PUT', '/api/v1/admin/events/live/races/K1W_ST_BR1_6/official', { headers: op(station), body: { official: true } });
    expect(res.status).toBe(200);
    const d = await s.next(isDiff('races'));
    if (d.type === 'diff') expect(d.data.races![0]).toMatchObject({ raceId: 'K1W_ST_BR1_6', officialAt: res.body.officialAt });
    s.close();
  });

  it('rejects before the upgrade: 404 unknown and draft, 503 full room, 410 official', async () => {
    await expect(connect(station, 'nope')).rejects.toMatchObject({ status: 404, body: { error: 'EventNotFound' } });
    await newEvent(station, 'drafty', 'draft');
    await expect(connect(station, 'drafty')).rejects.toMatchObject({ status: 404, body: { error: 'EventNotFound' } });
  });

  it('a full room refuses the next client with 503 (the default room holds 5,000)', async () => {
    expect(defaultSettings.maxConnectionsPerEvent).toBe(5000);
    const big = await startInProcessStation({ maxConnectionsPerEvent: 60, maxConnectionsPerAddress: 1000 });
    try {
      await newEvent(big as Station, 'crowd');
      const clients: TestSocket[] = [];
      for (let i = 0; i < 60; i++) clients.push(await connect(big, 'crowd'));
      const refused = connect(big, 'crowd');
      await expect(refused).rejects.toMatchObject({
        status: 503,
        body: { error: 'ConnectionLimitReached', maxConnections: 60 },
      });
      expect((await refused.catch((e) => e)).headers['retry-after']).toBe('5');
      const counts = await api(big, 'GET', '/api/v1/admin/connections', { headers: { authorization: `Bearer ${big.adminSecret}` } });
      expect(counts.body).toMatchObject({ connections: { crowd: 60 }, maxConnectionsPerEvent: 60 });
      for (const c of clients) c.ws.terminate();
    } finally {
      await big.cleanup();
    }
  }, 60_000);

  it('one address holds at most 32 sockets by default (all events together); another address is not held back', async () => {
    const crowded = await startInProcessStation();
    const clients: TestSocket[] = [];
    try {
      await newEvent(crowded as Station, 'one');
      await newEvent(crowded as Station, 'two');
      for (let i = 0; i < 20; i++) clients.push(await connect(crowded, 'one'));
      for (let i = 0; i < 12; i++) clients.push(await connect(crowded, 'two'));
      for (const eventId of ['one', 'two']) {
        const refused = await connect(crowded, eventId).catch((e) => e);
        expect(refused).toMatchObject({ status: 503, body: { error: 'TooManyConnections', maxConnectionsPerAddress: 32 } });
        expect(refused.body.message).toContain('127.0.0.1');
        expect(refused.headers['retry-after']).toBe('5');
      }
      // A phone on another address gets in (127.0.0.0/8 is all this machine).
      clients.push(await connect(crowded, 'one', { localAddress: '127.0.0.2' }));
      const counts = await api(crowded, 'GET', '/api/v1/admin/connections', { headers: { authorization: `Bearer ${crowded.adminSecret}` } });
      expect(counts.body).toMatchObject({
        connections: { one: 21, two: 12 },
        maxConnectionsPerEvent: 5000,
        maxConnectionsPerAddress: 32,
        topAddresses: [
          { address: '127.0.0.1', sockets: 32 },
          { address: '127.0.0.2', sockets: 1 },
        ],
      });
      // One leaves: its slot is free again.
      const leaving = clients.shift()!;
      leaving.ws.close();
      await leaving.closed;
      await new Promise((r) => setTimeout(r, 50));
      clients.push(await connect(crowded, 'two'));
      // The operator raises the cap (a NAT'd Wi-Fi): more sockets from the same address get in.
      expect(
        (
          await api(crowded, 'PATCH', '/api/v1/admin/settings', {
            headers: { authorization: `Bearer ${crowded.adminSecret}` },
            body: { maxConnectionsPerAddress: 40 },
          })
        ).status,
      ).toBe(200);
      for (let i = 0; i < 8; i++) clients.push(await connect(crowded, 'two'));
      await expect(connect(crowded, 'two')).rejects.toMatchObject({ status: 503, body: { maxConnectionsPerAddress: 40 } });
    } finally {
      for (const c of clients) c.ws.terminate();
      await crowded.cleanup();
    }
  }, 60_000);

  it("no message reaches another event's room", async () => {
    const otherKey = await newEvent(station, 'other');
    const a = await open('live');
    const b = await open('other');
    await a.next();
    await b.next();
    await ingest(station, otherKey, '/api/v1/ingest/results', {
      results: [{ raceId: 'K1M_ST_BR2_6', participantId: '12054.K1M_ST', bib: 1, time: 6000, pen: 0, total: 6000, status: null }],
    });
    await b.next(isDiff('results'));
    await new Promise((r) => setTimeout(r, 100));
    expect(a.messages.filter((m) => m.type !== 'full')).toEqual([]);
    a.close();
    b.close();
  });

  it('terminates a client that never answers pings', async () => {
    const silent = await connect(station, 'live', { autoPong: false });
    sockets.push(silent);
    const healthy = await open('live');
    const closed = await Promise.race([silent.closed, new Promise((r) => setTimeout(() => r('timeout'), 3000))]);
    expect(closed).toMatchObject({ code: 1006 });
    expect(healthy.ws.readyState).toBe(1);
    healthy.close();
  });

  it('cuts off a stalled client (4008) while the others keep receiving', async () => {
    // Its own station with the default heartbeat: a stalled phone never answers pings either, and
    // the shared station's 300 ms heartbeat would end it before its buffer fills on a slow machine.
    // This test is about the buffer bound.
    const station = await startInProcessStation({ maxSocketBufferBytes: 64 * 1024 });
    onTestFinished(() => station.cleanup());
    const key = await newEvent(station, 'live');
    const healthy = await connect(station, 'live');
    sockets.push(healthy);
    await healthy.next();
    // A phone that never reads: upgrade by hand, then stop reading.
    const stalled = net.connect(station.port, '127.0.0.1');
    await new Promise((r) => stalled.once('connect', r));
    stalled.write(
      `GET /api/v1/events/live/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    await new Promise((r) => stalled.once('data', r));
    stalled.pause();
    const before = station.hub.connections('live');
    // Big on-course lists (~100 KB a message) fill the kernel's socket buffers, then ours.
    const riders = (round: number) =>
      Array.from({ length: 300 }, (_, i) => ({
        participantId: `p${i}`,
        raceId: 'K1M_ST_BR2_6',
        bib: i + 1,
        name: `RIDER ${i} Someone`,
        club: 'A club with a long name',
        position: 1,
        gates: Array.from({ length: 24 }, () => 0),
        dtStart: null,
        dtFinish: null,
        time: round,
        pen: 0,
        total: round,
      }));
    let sent = 0;
    for (let round = 1; round <= 200 && station.hub.connections('live') === before; round++) {
      await ingest(station, key, '/api/v1/ingest/oncourse', { oncourse: riders(round) });
      sent = round;
    }
    console.log(`stalled client cut off after ${sent} on-course messages of ~100 KB`);
    expect(station.hub.connections('live')).toBe(before - 1);
    // The operator sees the cut-off in the event's admin detail.
    const detail = await api(station, 'GET', '/api/v1/admin/events/live', { headers: op(station) });
    expect(detail.body.spectatorsCutOff).toBe(1);
    // The healthy client got every message, the last one included.
    await healthy.next((m) => m.type === 'diff' && m.data.oncourse?.[0]?.time === sent, 10_000);
    await ingest(station, key, '/api/v1/ingest/oncourse', { oncourse: [] });
    stalled.destroy();
    healthy.close();
  });

  it('reports connected-client counts live on the admin route', async () => {
    await newEvent(station, 'counted');
    const counted = async () => {
      const res = await api(station, 'GET', '/api/v1/admin/connections', { headers: op(station) });
      return (res.body.connections.counted ?? 0) as number;
    };
    /** The count once the station has seen the sockets come or go (a close takes a moment). */
    const settled = async (expected: number) => {
      for (let i = 0; i < 100 && (await counted()) !== expected; i++) await new Promise((r) => setTimeout(r, 20));
      return counted();
    };
    const a = await open('counted');
    expect(await counted()).toBe(1);
    const b = await open('counted');
    expect(await counted()).toBe(2);
    a.close();
    await a.closed;
    expect(await settled(1)).toBe(1);
    b.close();
    await b.closed;
    expect(await settled(0)).toBe(0);
  });

  it('reconnect gets a fresh full', async () => {
    const s = await open('live');
    await s.next();
    s.close();
    await s.closed;
    const again = await open('live');
    expect((await again.next()).type).toBe('full');
    again.close();
  });

  it('official → status diff, then every socket closed with 1000 after the grace; later 410', async () => {
    const eventKey = await newEvent(station, 'finale');
    const s = await open('finale');
    await s.next();
    await ingest(station, eventKey, '/api/v1/admin/events/finale/status', { status: 'finished' });
    expect(((await s.next(isDiff('status'))) as any).data.status).toBe('finished');
    const t0 = Date.now();
    const res = await api(station, 'PATCH', '/api/v1/admin/events/finale/status', { headers: op(station), body: { status: 'official' } });
    expect(res.status).toBe(200);
    const d = await s.next(isDiff('status'));
    expect((d as any).data.status).toBe('official');
    const closed = await s.closed;
    expect(closed.code).toBe(1000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(350);
    await expect(connect(station, 'finale')).rejects.toMatchObject({ status: 410, body: { error: 'EventOfficial' } });
    // Official results stay readable over REST.
    expect((await api(station, 'GET', '/api/v1/events/finale/results/K1M_ST_BR2_6')).status).toBe(200);
  });

  it('closes every socket with 1001 on shutdown', async () => {
    const other = await startInProcessStation();
    await newEvent(other as Station, 'bye');
    const s = await connect(other, 'bye');
    await other.cleanup();
    expect((await s.closed).code).toBe(1001);
  });
});
