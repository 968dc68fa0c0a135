/**
 * The writer and the relays when Redis is not there, or not for long enough (issue 14), with real
 * processes on loopback:
 *
 * - Redis down when the writer starts, and again during ingest: ingest answers as fast as with
 *   Redis up (the writer never waits for it), the writer's own phones are served, and once Redis
 *   is back the relay is caught up: its answers are the writer's and its phones are current.
 * - A relay held back (SIGSTOP) while fewer messages than the stream keeps went by resumes message
 *   by message; held back while the stream was trimmed past its position, its phones get a
 *   `refresh` and end current. No phone ever sees a gap that is not a `full` or a `refresh`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { api, createEvent, ingest, startTestStation, type TestStation } from '../helpers/station.ts';
import { realXml } from '../helpers/capture.ts';
import { freePort, haveRedisServer, startTestRedis, type TestRedis } from '../helpers/redis.ts';
import { differentAnswers, startTestRelay, type TestRelay } from '../helpers/relay.ts';
import { Phone, unannouncedGaps, until } from '../helpers/phones.ts';

const suite = haveRedisServer() || process.env.CI ? describe : describe.skip;
const ROOMY = ['--max-connections-per-address', '2000'];

async function liveEvent(station: TestStation, eventId: string): Promise<string> {
  const { apiKey } = await createEvent(station, eventId);
  expect((await ingest(station, apiKey, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
  expect((await ingest(station, apiKey, `/api/v1/admin/events/${eventId}/status`, { status: 'running' })).status).toBe(200);
  return apiKey;
}

/** `count` single-result pushes, each changing a run time; their answer times in ms. */
async function pushResults(station: TestStation, apiKey: string, count: number, base: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const time = base + i;
    const t0 = performance.now();
    const res = await ingest(station, apiKey, '/api/v1/ingest/results', {
      results: [{ raceId: 'K1M_ST_BR2_6', participantId: '12054.K1M_ST', bib: 1, time, pen: 0, total: time, status: null }],
    });
    out.push(performance.now() - t0);
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 10));
  }
  return out;
}

/** A different on-course list each time: every push is a message. */
async function pushOnCourse(station: TestStation, apiKey: string, count: number, base: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const res = await ingest(station, apiKey, '/api/v1/ingest/oncourse', {
      oncourse: [
        {
          participantId: '12054.K1M_ST',
          raceId: 'K1M_ST_BR2_6',
          bib: 1,
          name: 'X',
          club: 'Y',
          position: 1,
          gates: [0, 2],
          dtStart: null,
          dtFinish: null,
          time: base + i,
          pen: 2,
          total: base + i + 200,
        },
      ],
    });
    expect(res.status).toBe(200);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const publishStatus = async (station: TestStation) =>
  (await api(station, 'GET', '/api/v1/admin/station', { headers: { authorization: `Bearer ${station.adminSecret}` } })).body.publish;

suite('the writer while Redis is away', () => {
  let redis: TestRedis | null = null;
  let writer: TestStation;
  let relay: TestRelay | null = null;
  afterAll(async () => {
    await relay?.cleanup();
    await writer?.cleanup();
    await redis?.cleanup();
  });

  it('ingest is not slowed by a Redis that is down at start or goes down, and Redis is caught up after', async () => {
    const port = await freePort();
    writer = await startTestStation({ args: ['--publish', `redis://127.0.0.1:${port}`] });
    const apiKey = await liveEvent(writer, 'outage');
    const own = new Phone('outage');
    await own.connect(writer);
    expect(await publishStatus(writer)).toMatchObject({ connected: false, current: false });

    await pushResults(writer, apiKey, 10, 7000); // warm-up, not counted
    const downAtStart = await pushResults(writer, apiKey, 40, 8000);
    expect((await publishStatus(writer)).pendingMessages).toBeGreaterThan(0);
    redis = await startTestRedis([], { port });
    await until(async () => (await publishStatus(writer)).current, 15_000, 'writer caught Redis up');
    relay = await startTestRelay(redis.url, { args: ROOMY });
    const phone = new Phone('outage');
    await phone.connect(relay);
    const up = await pushResults(writer, apiKey, 40, 9000);
    await until(() => phone.last?.seq === own.last?.seq, 10_000, 'relay phone current');

    await redis.kill();
    const downDuring = await pushResults(writer, apiKey, 40, 10_000);
    expect(own.last!.raw).toContain('"time":10039');
    await redis.restart();
    await until(async () => (await publishStatus(writer)).current, 15_000, 'writer caught Redis up again');
    await until(() => phone.last?.seq === own.last?.seq && phone.last?.bootId === own.last?.bootId, 15_000, 'relay phone current again');

    console.log(
      `relay: ingest median ${median(downAtStart).toFixed(1)} ms with Redis down at start, ${median(up).toFixed(1)} ms with Redis up, ` +
        `${median(downDuring).toFixed(1)} ms with Redis killed; max ${Math.max(...downAtStart).toFixed(1)} / ${Math.max(...up).toFixed(1)} / ${Math.max(...downDuring).toFixed(1)} ms`,
    );
    // Waiting for Redis would cost its connect timeout or retry pauses (≥ 100 ms) per request.
    for (const down of [downAtStart, downDuring]) expect(median(down)).toBeLessThanOrEqual(2 * median(up) + 2);
    expect(unannouncedGaps(phone.received)).toEqual([]);
    expect(unannouncedGaps(own.received)).toEqual([]);
    const base = '/api/v1/events/outage';
    const paths = [
      '/api/v1/events',
      base,
      `${base}/categories`,
      `${base}/oncourse`,
      `${base}/results/K1M_ST_BR2_6?detailed=true`,
      `${base}/results/K1M_ST_BR1_6`,
      `${base}/startlist/K1M_ST_BR2_6`,
    ];
    expect(await differentAnswers(writer, relay, paths)).toEqual([]);
    phone.close();
    own.close();
  }, 120_000);
});

suite('a relay held back', () => {
  let redis: TestRedis;
  let writer: TestStation;
  let relay: TestRelay;
  let apiKey: string;
  afterAll(async () => {
    await relay?.cleanup();
    await writer?.cleanup();
    await redis?.cleanup();
  });

  it('resumes message by message, or after the stream was trimmed past it tells its phones to reload', async () => {
    // A short stream (20 entries, trimmed in nodes of 4) so a short pause outruns it.
    redis = await startTestRedis(['--stream-node-max-entries', '4']);
    writer = await startTestStation({ args: ['--publish', redis.url, '--publish-stream-length', '20'] });
    apiKey = await liveEvent(writer, 'held');
    relay = await startTestRelay(redis.url);
    const own = new Phone('held');
    const phone = new Phone('held');
    await Promise.all([own.connect(writer), phone.connect(relay)]);

    // Held back for fewer messages than the stream keeps: every one arrives, no reload.
    relay.pause();
    await pushOnCourse(writer, apiKey, 5, 100);
    relay.resume();
    await until(() => phone.last?.seq === own.last?.seq, 10_000, 'relay phone current after a short pause');
    expect(phone.received.map((m) => m.type)).not.toContain('refresh');
    expect(phone.received.slice(1).map((m) => m.raw)).toEqual(own.received.slice(1).map((m) => m.raw));

    // Held back while the stream moved past it: a refresh, then on as before.
    relay.pause();
    await pushOnCourse(writer, apiKey, 60, 200);
    const stream = await redis.client().xlen('raceside:e:held:stream');
    relay.resume();
    await until(() => phone.last?.seq === own.last?.seq, 10_000, 'relay phone current after the stream was trimmed past it');
    await pushOnCourse(writer, apiKey, 3, 300);
    await until(() => phone.last?.seq === own.last?.seq, 10_000, 'relay phone current after');
    const refresh = phone.received.findIndex((m) => m.type === 'refresh');
    console.log(
      `relay: held back over 60 messages with ${stream} kept in the stream; its phone got a refresh at seq ${phone.received[refresh]?.seq} after seq ${phone.received[refresh - 1]?.seq}`,
    );
    expect(stream).toBeLessThan(60);
    expect(refresh).toBeGreaterThan(0);
    expect(phone.received[refresh].seq).toBeGreaterThan(phone.received[refresh - 1].seq + 1);
    expect(unannouncedGaps(phone.received)).toEqual([]);
    // After the refresh, message by message again.
    expect(phone.received.slice(-3).map((m) => m.raw)).toEqual(own.received.slice(-3).map((m) => m.raw));
    phone.close();
    own.close();
  }, 120_000);
});
