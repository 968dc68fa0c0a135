/**
 * A relay keeps the station's public contract (README "Wire contract", docs/LIVE-PIPELINE.md),
 * over real HTTP and WebSocket against a relay process behind a (pretend) load balancer on
 * loopback (`--trust-proxy loopback`: X-Forwarded-For names the phone):
 *
 * - refusals before the upgrade: 404 unknown or draft, 410 official, 503 room full, 503 too many
 *   sockets from one address (counted per forwarded address), each with Retry-After: 5;
 * - the heartbeat terminates a socket that never answers a ping; a socket that stops reading is
 *   cut off with 4008 while the others keep receiving;
 * - rooms close as the station's do: 1000 after the grace when the event becomes official, 1000
 *   when it is deleted or goes back to draft;
 * - the public REST budget per address (429 with Retry-After), per forwarded address;
 * - venue screens are venue-side: their pages, `/api/v1/live-event` and their control socket are
 *   404 on a relay, and an event socket tagged `?screen=` takes no slot past the room's limit.
 */
import net from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createEvent, ingest, startTestStation, type TestStation } from '../helpers/station.ts';
import { realXml } from '../helpers/capture.ts';
import { haveRedisServer, startTestRedis, type TestRedis } from '../helpers/redis.ts';
import { startTestRelay, type TestRelay } from '../helpers/relay.ts';
import { connect, connectUrl, wsUrl, type TestSocket } from '../helpers/ws-client.ts';
import { until } from '../helpers/phones.ts';

const suite = haveRedisServer() || process.env.CI ? describe : describe.skip;
const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

suite('a relay keeps the public contract', () => {
  let redis: TestRedis;
  let writer: TestStation;
  let relay: TestRelay;
  const keys: Record<string, string> = {};
  const master = () => ({ 'x-master-key': writer.adminSecret });

  beforeAll(async () => {
    redis = await startTestRedis();
    writer = await startTestStation({ args: ['--publish', redis.url] });
    for (const id of ['live', 'hidden', 'closing', 'gone', 'withdrawn']) keys[id] = (await createEvent(writer, id)).apiKey;
    expect((await ingest(writer, keys.live, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
    for (const id of ['live', 'closing', 'gone']) {
      expect((await ingest(writer, keys[id], `/api/v1/admin/events/${id}/status`, { status: 'running' })).status).toBe(200);
    }
    expect((await ingest(writer, keys.withdrawn, '/api/v1/admin/events/withdrawn/status', { status: 'startlist' })).status).toBe(200);
    relay = await startTestRelay(redis.url, {
      args: [
        '--trust-proxy',
        'loopback',
        '--max-connections-per-event',
        '3',
        '--max-connections-per-address',
        '2',
        '--heartbeat-ms',
        '1000',
        '--heartbeat-timeout-ms',
        '500',
        '--official-grace-ms',
        '500',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await relay?.cleanup();
    await writer?.cleanup();
    await redis?.cleanup();
  });

  const refusal = async (eventId: string, address: string) => {
    const err = await connect(relay, eventId, from(address)).then(
      (s) => {
        s.close();
        return null;
      },
      (e) => e as { status: number; headers: Record<string, string>; body: { error: string } },
    );
    return err;
  };

  it('refuses before the upgrade as the station does', async () => {
    expect(await refusal('nope', '10.0.0.9')).toMatchObject({ status: 404, body: { error: 'EventNotFound' } });
    expect(await refusal('hidden', '10.0.0.9')).toMatchObject({ status: 404, body: { error: 'EventNotFound' } });
    expect((await api(relay, 'GET', '/api/v1/events/hidden')).status).toBe(404);
    expect((await api(relay, 'GET', '/api/v1/events')).body.events.map((e: { eventId: string }) => e.eventId).sort()).toEqual([
      'closing',
      'gone',
      'live',
      'withdrawn',
    ]);

    const held: TestSocket[] = [];
    held.push(await connect(relay, 'live', from('10.0.0.1')), await connect(relay, 'live', from('10.0.0.1')));
    const perAddress = await refusal('live', '10.0.0.1');
    expect(perAddress).toMatchObject({ status: 503, body: { error: 'TooManyConnections', maxConnectionsPerAddress: 2 } });
    expect(perAddress!.headers['retry-after']).toBe('5');
    held.push(await connect(relay, 'live', from('10.0.0.2')));
    const full = await refusal('live', '10.0.0.3');
    expect(full).toMatchObject({ status: 503, body: { error: 'ConnectionLimitReached', maxConnections: 3 } });
    expect(full!.headers['retry-after']).toBe('5');
    for (const s of held) s.close();
    await Promise.all(held.map((s) => s.closed));
  });

  it('terminates a socket that never answers pings, keeps one that does', async () => {
    const silent = new WebSocket(wsUrl(relay, 'live'), { autoPong: false, ...from('10.0.1.1') });
    const closed = new Promise<number>((r) => silent.once('close', (code) => r(code)));
    await new Promise((r) => silent.once('open', r));
    const healthy = await connect(relay, 'live', from('10.0.1.2'));
    const t0 = performance.now();
    const code = await closed;
    const took = performance.now() - t0;
    expect(code).toBe(1006);
    expect(took).toBeLessThan(3000);
    expect(healthy.ws.readyState).toBe(WebSocket.OPEN);
    healthy.close();
    await healthy.closed;
  });

  it('cuts off a socket that stopped reading (4008) while the others keep receiving', async () => {
    const healthy = await connect(relay, 'live', from('10.0.2.1'));
    await healthy.next();
    const stalled = net.connect(relay.port, '127.0.0.1');
    await new Promise((r) => stalled.once('connect', r));
    stalled.write(
      'GET /api/v1/events/live/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Forwarded-For: 10.0.2.2\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    await new Promise((r) => stalled.once('data', r));
    stalled.pause();
    const spectators = async () => (await api(relay, 'GET', '/health')).body.spectators as number;
    const before = await spectators();
    expect(before).toBe(2);
    // Big on-course lists (~100 KB a message) fill the kernel's socket buffers, then the relay's.
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
    for (let round = 1; round <= 300 && (await spectators()) === before; round++) {
      await ingest(writer, keys.live, '/api/v1/ingest/oncourse', { oncourse: riders(round) });
      sent = round;
    }
    console.log(`relay: a socket that stopped reading was cut off after ${sent} on-course messages of ~100 KB`);
    expect(await spectators()).toBe(before - 1);
    await healthy.next((m) => m.type === 'diff' && m.data.oncourse?.[0]?.time === sent, 10_000);
    await ingest(writer, keys.live, '/api/v1/ingest/oncourse', { oncourse: [] });
    stalled.destroy();
    healthy.close();
    await healthy.closed;
  }, 120_000);

  it('sends the status diff, then closes with 1000 after the grace when the event becomes official; 410 after', async () => {
    const phone = await connect(relay, 'closing', from('10.0.3.1'));
    await phone.next();
    expect((await ingest(writer, keys.closing, '/api/v1/admin/events/closing/status', { status: 'finished' })).status).toBe(200);
    expect((await api(writer, 'PATCH', '/api/v1/admin/events/closing/status', { headers: master(), body: { status: 'official' } })).status).toBe(200);
    await phone.next((m) => m.type === 'diff' && m.data.status === 'official');
    const t0 = performance.now();
    expect(await phone.closed).toEqual({ code: 1000, reason: 'Event results are official' });
    expect(performance.now() - t0).toBeGreaterThan(300);
    expect(await refusal('closing', '10.0.3.1')).toMatchObject({ status: 410, body: { error: 'EventOfficial' } });
    expect((await api(relay, 'GET', '/api/v1/events/closing')).body.event.status).toBe('official');
  });

  it('closes with 1000 when the event is deleted or withdrawn to draft', async () => {
    const gone = await connect(relay, 'gone', from('10.0.4.1'));
    const withdrawn = await connect(relay, 'withdrawn', from('10.0.4.2'));
    expect((await api(writer, 'DELETE', '/api/v1/admin/events/gone', { headers: master() })).status).toBe(200);
    expect(await gone.closed).toEqual({ code: 1000, reason: 'Event deleted' });
    expect((await api(writer, 'PATCH', '/api/v1/admin/events/withdrawn/status', { headers: master(), body: { status: 'draft' } })).status).toBe(200);
    expect(await withdrawn.closed).toEqual({ code: 1000, reason: 'Event withdrawn' });
    await until(async () => (await api(relay, 'GET', '/api/v1/events')).body.events.length === 2, 5000, 'list without them');
    expect((await api(relay, 'GET', '/api/v1/events/gone')).status).toBe(404);
    expect((await api(relay, 'GET', '/api/v1/events/withdrawn')).status).toBe(404);
    expect(await refusal('gone', '10.0.4.1')).toMatchObject({ status: 404 });
  });

  it('counts the public REST budget per forwarded address', async () => {
    // 2 sockets per address → max(600, 20 × 2) = 600 requests per 10 s.
    let status = 200;
    let n = 0;
    while (status === 200 && n < 700) {
      const batch = await Promise.all(Array.from({ length: 20 }, () => fetch(`${relay.url}/api/v1/events/live/oncourse`, from('10.0.5.1'))));
      n += batch.length;
      status = batch.find((r) => r.status !== 200)?.status ?? 200;
      for (const r of batch) await r.arrayBuffer();
    }
    expect(status).toBe(429);
    expect(n).toBeGreaterThan(600);
    const limited = await fetch(`${relay.url}/api/v1/events/live/oncourse`, from('10.0.5.1'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).error).toBe('TooManyRequests');
    expect((await fetch(`${relay.url}/api/v1/events/live/oncourse`, from('10.0.5.2'))).status).toBe(200);
  });

  it('has no venue screens: their pages, the live event and the screens socket are 404; ?screen= claims no slot', async () => {
    // The writer (a station) serves them: the pages are built.
    expect((await fetch(writer.url + '/board', { headers: { accept: 'text/html' } })).status).toBe(200);
    expect((await api(writer, 'GET', '/api/v1/live-event')).status).toBe(200);
    for (const path of ['/board', '/board/', '/overlay', '/overlay/', '/announcer', '/announcer/?event=live']) {
      expect((await fetch(relay.url + path, { headers: { accept: 'text/html' } })).status, path).toBe(404);
    }
    expect((await api(relay, 'GET', '/api/v1/live-event')).status).toBe(404);
    const screensSocket = await connectUrl(`${relay.url.replace('http', 'ws')}/api/v1/screens/ws?kind=board&id=b1`, from('10.0.6.1')).then(
      (s) => {
        s.close();
        return null;
      },
      (e) => e as { status: number; body: { error: string } },
    );
    expect(screensSocket).toMatchObject({ status: 404, body: { error: 'NotFound' } });

    const held = await Promise.all(['10.0.6.2', '10.0.6.3', '10.0.6.4'].map((a) => connect(relay, 'live', from(a))));
    const tagged = await connectUrl(`${wsUrl(relay, 'live')}?screen=b1`, from('10.0.6.1')).then(
      (s) => {
        s.close();
        return null;
      },
      (e) => e as { status: number; body: { error: string } },
    );
    expect(tagged).toMatchObject({ status: 503, body: { error: 'ConnectionLimitReached' } });
    for (const s of held) s.close();
    await Promise.all(held.map((s) => s.closed));
  });
});
