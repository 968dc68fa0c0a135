/**
 * An internet audience on relays (issue 14), all real parts on loopback: a redis-server, a writer
 * station (`--publish`) fed the real c123-server capture, and two relay processes, with spectator
 * phones on both.
 *
 * - Phones on both relays receive exactly the message sequence the writer's own phones get, byte
 *   for byte, and every public answer of every race is the writer's, byte for byte.
 * - `kill -9` of a relay mid-race: its phones reconnect (as the app does, to where the balancer
 *   sends them: the other relay) and are current within 3 s.
 * - `kill -9` of Redis mid-race, restarted empty: every relay's phones end current, and no phone
 *   ever saw a gap in the sequence that was not a fresh `full` or `refresh`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createEvent, ingest, startTestStation, type TestStation } from '../helpers/station.ts';
import { captureFor, realXml } from '../helpers/capture.ts';
import { haveRedisServer, startTestRedis, type TestRedis } from '../helpers/redis.ts';
import { differentAnswers, publicPaths, startTestRelay, type TestRelay } from '../helpers/relay.ts';
import { Phone, unannouncedGaps, until } from '../helpers/phones.ts';

const haveRedis = haveRedisServer();
if (!haveRedis && !process.env.CI) console.warn('[relay tests skipped] no redis-server on PATH (apt-get install redis-server)');
const suite = haveRedis || process.env.CI ? describe : describe.skip;

const EVENT = 'world-cup';
/** Plenty of REST budget and sockets for the test's own address (the caps are tested apart). */
const ROOMY = ['--max-connections-per-address', '2000'];

/** Pushes the capture's live requests in a loop (a race going on) until stopped. */
function race(station: TestStation, apiKey: string, pauseMs = 20) {
  const live = captureFor(EVENT).filter((r) => r.url.endsWith('/ingest/results') || r.url.endsWith('/ingest/oncourse'));
  let running = true;
  const latencies: number[] = [];
  const done = (async () => {
    for (let i = 0; running; i++) {
      const r = live[i % live.length];
      const t0 = performance.now();
      const res = await ingest(station, apiKey, r.url, r.body);
      latencies.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${r.url} → ${res.status}`);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    latencies,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

suite('relays on Redis', () => {
  let redis: TestRedis;
  let writer: TestStation;
  let relays: TestRelay[] = [];
  let apiKey: string;
  const extra: TestRelay[] = [];

  /** A phone on the writer itself, the reference for what is current (protocol 2, as the app). */
  let reference: Phone;
  /** A phone of an older app (protocol 1) on the writer. */
  let reference1: Phone;

  beforeAll(async () => {
    redis = await startTestRedis();
    writer = await startTestStation({ args: ['--publish', redis.url, ...ROOMY] });
    ({ apiKey } = await createEvent(writer, EVENT, 'Světový pohár'));
    expect((await ingest(writer, apiKey, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
    expect((await ingest(writer, apiKey, `/api/v1/admin/events/${EVENT}/status`, { status: 'running' })).status).toBe(200);
    relays = await Promise.all([startTestRelay(redis.url, { args: ROOMY }), startTestRelay(redis.url, { args: ROOMY })]);
    reference = new Phone(EVENT);
    await reference.connect(writer);
    reference1 = new Phone(EVENT, 1);
    await reference1.connect(writer);
  }, 60_000);

  afterAll(async () => {
    reference?.close();
    reference1?.close();
    for (const r of [...relays, ...extra]) await r.cleanup();
    await writer?.cleanup();
    await redis?.cleanup();
  });

  /** Every phone's last message is the reference's last (same boot, same seq). */
  const current = (phones: Phone[]) => phones.every((p) => p.last?.seq === reference.last?.seq && p.last?.bootId === reference.last?.bootId);

  it("phones on both relays get exactly the writer's messages, in either protocol, and every answer is the writer's", async () => {
    // On each relay 6 phones of the app (protocol 2) and 4 of an older app (protocol 1).
    const phones = [0, 1].flatMap((r) => Array.from({ length: 10 }, (_, i) => ({ relay: r, phone: new Phone(EVENT, i < 6 ? 2 : 1) })));
    await Promise.all(phones.map(({ relay, phone }) => phone.connect(relays[relay])));
    const requests = captureFor(EVENT);
    for (const r of requests) {
      const res = await ingest(writer, apiKey, r.url, r.body);
      expect(res.status, r.url).toBe(200);
    }
    await until(() => current(phones.map((p) => p.phone)), 10_000, 'relay phones current');
    const messages = reference.received.length;
    expect(messages).toBeGreaterThan(300);
    // The same bytes, from the same seq on, for every phone on either relay, as the writer's phone
    // of the same protocol got them.
    const fromSeq = (list: readonly { raw: string; seq: number }[], seq: number) => list.filter((m) => m.seq >= seq).map((m) => m.raw);
    const first = phones[0].phone.received[0];
    expect(first.type).toBe('full');
    const expected = { 2: fromSeq(reference.received, first.seq + 1), 1: fromSeq(reference1.received, first.seq + 1) };
    // The protocols differ (compact results diffs in 2), so the check is not of one form against itself.
    expect(expected[1]).not.toEqual(expected[2]);
    expect(expected[1].length).toBe(expected[2].length);
    for (const { phone } of phones) {
      expect(phone.received[0].raw).toBe(first.raw);
      expect(fromSeq(phone.received, first.seq + 1)).toEqual(expected[phone.protocol as 1 | 2]);
      expect(unannouncedGaps(phone.received)).toEqual([]);
    }
    // The writer's full at the same seq is the relays' full, byte for byte.
    const atStart = reference.received.find((m) => m.seq === first.seq);
    if (atStart?.type === 'full') expect(first.raw).toBe(atStart.raw);
    console.log(`relay: ${phones.length} phones on 2 relays (12 protocol 2, 8 protocol 1), ${expected[2].length} messages each, identical to the writer's`);

    const paths = await publicPaths(writer, EVENT);
    expect(paths.length).toBeGreaterThan(300);
    for (const relay of relays) expect(await differentAnswers(writer, relay, paths)).toEqual([]);
    console.log(`relay: ${paths.length} public answers identical on the writer and both relays`);
    for (const { phone } of phones) phone.close();
  }, 120_000);

  it('kill -9 of a relay mid-race: its phones reconnect to the other and are current within 3 s', async () => {
    const [doomed, survivor] = relays;
    const phones = Array.from({ length: 30 }, () => new Phone(EVENT));
    await Promise.all(phones.map((p) => p.connect(doomed)));
    const watchers = Array.from({ length: 10 }, () => new Phone(EVENT));
    await Promise.all(watchers.map((p) => p.connect(survivor)));
    const going = race(writer, apiKey);
    await new Promise((r) => setTimeout(r, 1000));
    for (const p of phones) p.reconnectTo = survivor;
    const killedAt = performance.now();
    const seqAtKill = reference.last!.seq;
    await doomed.kill();
    // Current: holding what the writer had when the relay died, or later.
    await until(() => phones.every((p) => p.received.some((m) => m.at > killedAt && m.seq >= seqAtKill)), 10_000, 'phones back');
    const took = phones.map((p) => p.received.find((m) => m.at > killedAt && m.seq >= seqAtKill)!.at - killedAt);
    const worst = Math.max(...took);
    await going.stop();
    await until(() => current([...phones, ...watchers]), 10_000, 'phones current after the race');
    console.log(
      `relay: kill -9 with 30 phones on it; all current again after ${Math.round(worst)} ms (median ${Math.round(took.sort((a, b) => a - b)[15])} ms)`,
    );
    expect(worst).toBeLessThanOrEqual(3000);
    for (const p of [...phones, ...watchers]) {
      expect(unannouncedGaps(p.received)).toEqual([]);
      p.close();
    }
    relays = [survivor, await startTestRelay(redis.url, { args: ROOMY })];
  }, 120_000);

  it("kill -9 of Redis mid-race, restarted empty: every relay's phones end current", async () => {
    const phones = relays.flatMap((relay) => Array.from({ length: 10 }, () => ({ relay, phone: new Phone(EVENT) })));
    await Promise.all(phones.map(({ relay, phone }) => phone.connect(relay)));
    const going = race(writer, apiKey);
    await new Promise((r) => setTimeout(r, 1000));
    const before = going.latencies.length;
    await redis.kill();
    await new Promise((r) => setTimeout(r, 2000));
    // The writer's own phones were served all along.
    expect(reference.last!.at).toBeGreaterThan(performance.now() - 1000);
    const during = going.latencies.slice(before);
    await redis.restart();
    await new Promise((r) => setTimeout(r, 1500));
    await going.stop();
    await until(() => current(phones.map((p) => p.phone)), 15_000, 'relay phones current after Redis came back');
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `relay: Redis killed and restarted empty mid-race; ingest median ${median(going.latencies.slice(0, before)).toFixed(1)} ms before, ` +
        `${median(during).toFixed(1)} ms while Redis was down; ${phones.length} relay phones current again`,
    );
    for (const { phone } of phones) {
      expect(unannouncedGaps(phone.received)).toEqual([]);
      // They were told to reload: a `full` or `refresh` at the jump.
      expect(phone.received.slice(1).some((m) => m.type === 'refresh' || m.type === 'full')).toBe(true);
    }
    const paths = (await publicPaths(writer, EVENT)).filter((p) => p.includes('BR2_6') || !p.includes('/results/'));
    for (const relay of relays) expect(await differentAnswers(writer, relay, paths)).toEqual([]);
    for (const { phone } of phones) phone.close();
  }, 120_000);

  it('a relay never takes a write: every admin and ingest route is 404 there', async () => {
    const relay = relays[0];
    const { declaredRoutes } = await import('../hardening/lib/routes.ts');
    const writes = declaredRoutes().filter((r) => !r.public);
    expect(writes.length).toBeGreaterThan(20);
    const fill = (path: string) =>
      path
        .replace(/:eventId/g, EVENT)
        .replace(/:raceId/g, 'K1M_ST_BR2_6')
        .replace(/:[A-Za-z]+/g, '1');
    const statuses = new Map<string, number>();
    for (const r of writes) {
      const credentials: Record<string, string>[] = [
        { 'x-master-key': writer.adminSecret },
        { 'x-api-key': apiKey },
        { authorization: `Bearer ${writer.adminSecret}` },
      ];
      for (const headers of credentials) {
        const res = await api(relay, r.method, fill(r.path), {
          headers,
          ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { body: { status: 'official' } }),
        });
        statuses.set(`${r.method} ${r.path}`, res.status);
        expect([404, 405], `${r.method} ${r.path}`).toContain(res.status);
      }
    }
    // Nor any other method on a public path, nor the dashboard or the officials' page.
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const path of ['/api/v1/events', `/api/v1/events/${EVENT}`, `/api/v1/events/${EVENT}/results/K1M_ST_BR2_6`]) {
        expect([404, 405], `${method} ${path}`).toContain((await api(relay, method, path, { body: {} })).status);
      }
    }
    for (const path of ['/operator/', '/operator', '/officials', '/officials/']) {
      expect((await fetch(relay.url + path, { headers: { accept: 'text/html' } })).status, path).toBe(404);
    }
    // The spectator app is there, and the event is unchanged everywhere.
    expect((await fetch(relay.url, { headers: { accept: 'text/html' } })).status).toBe(200);
    expect((await api(writer, 'GET', `/api/v1/events/${EVENT}`)).body.event.status).toBe('running');
    console.log(`relay: ${statuses.size} admin and ingest routes, each with 3 credentials: all ${[...new Set(statuses.values())].join('/')}`);
  }, 60_000);

  it('/health says whether the relay is connected to Redis and current', async () => {
    const res = await api(relays[0], 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', redis: 'connected', current: true, events: 1 });
    expect(res.body.writer.lastSeenMs).toBeLessThan(10_000);
    expect(typeof res.body.spectators).toBe('number');
  });
});
