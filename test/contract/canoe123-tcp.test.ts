/**
 * The direct source's TCP client over real sockets (issue 12, items 1 and 6): a fake Canoe123 on
 * loopback feeds a station in this process (short reconnect and silence settings so the test
 * runs in seconds). Bad input — garbage bytes, a 20 MB fragment without a delimiter, a reset in
 * mid-message, a message cut short, unknown message types — leaves the station up, drops and
 * retries the connection (unknown types excepted: they are ignored), applies nothing of a broken
 * message, and writes one clear activity-log line. Reconnects back off (doubling, capped,
 * jittered) and a connection with no TimeOfDay is detected as dead.
 */
import { createServer, type Server } from 'node:net';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, operator, startInProcessStation } from '../helpers/station.ts';
import { FakeCanoe123 } from '../../src-main/sources/canoe123/fake-canoe123.ts';
import { Canoe123Client, type ClientProblem } from '../../src-main/sources/canoe123/tcp-client.ts';
import { realXmlPath } from '../fixtures/real-data.ts';

type InProcess = Awaited<ReturnType<typeof startInProcessStation>>;

const EVENT = 'tcp-event';
const SETTINGS = { canoe123ReconnectMs: 40, canoe123ReconnectMaxMs: 200, canoe123SilentMs: 1500, canoe123ConnectTimeoutMs: 1000 };

async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 5000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const msg = (inner: string) => `<Canoe123 System="Main">${inner}</Canoe123>`;
const tod = (t = '10:34:11') => msg(`<TimeOfDay>${t}</TimeOfDay>`);
/** One row of K1M_ST_BR1_6 (a standard run: its Pen/Total are its own). */
const results = (time: string) =>
  msg(
    `<Results RaceId="K1M_ST_BR1_6" ClassId="K1M_ST" Current="Y"><Row Number="1"><Participant Bib="   1" Id="12054.K1M_ST" />` +
      `<Result Type="T" IRM="" Pen="0" Gates="" Time="${time}" Total="${time}" Rank="1" PP="" /></Row></Results>`,
  );

describe('direct Canoe123 over a real TCP socket', () => {
  let station: InProcess;
  let fake: FakeCanoe123;
  let port: number;
  // Canoe123's clock, as the real one sends it; paused while a test writes raw pieces, which a
  // message in between would cut.
  let ticking = true;
  let ticker: NodeJS.Timeout;
  let clockSecond = 0;
  const nextTod = () => {
    clockSecond++;
    return tod(`11:${String(Math.floor(clockSecond / 60) % 60).padStart(2, '0')}:${String(clockSecond % 60).padStart(2, '0')}`);
  };
  const raw = async (work: () => Promise<void>) => {
    ticking = false;
    try {
      await work();
    } finally {
      ticking = true;
    }
  };

  /** Bib 1's 1st run (the best-of-two list shows it as `prev…` beside the 2nd run). */
  const bib1 = async () => {
    const res = await api(station, 'GET', `/api/v1/events/${EVENT}/results/K1M_ST_BR1_6`);
    const row = (res.body.results as any[]).find((r) => r.bib === 1);
    return row && { time: row.prevTime as number };
  };
  const log = () => station.core.activity.recent(500).map((e) => e.message);
  const connection = async () => (await api(station, 'GET', `/api/v1/admin/events/${EVENT}/source`, { headers: operator(station as never) })).body.connection;
  /** Waits for the client to be connected again and delivering (a time of day sent after the reconnect arrives). */
  const reconnected = async (before: number) => {
    await waitFor('a reconnect', async () => (await connection()).reconnects > before);
    await waitFor('delivering again', async () => {
      const probe = nextTod();
      fake.send(probe);
      await new Promise((r) => setTimeout(r, 30));
      const c = await connection();
      return c.state === 'connected' && c.reconnects > before && probe.includes(`>${c.venueClock}<`);
    });
  };

  beforeAll(async () => {
    station = await startInProcessStation(SETTINGS);
    station.core.createEvent({
      eventId: EVENT,
      mainTitle: 'TCP',
      subTitle: null,
      location: null,
      facility: null,
      startDate: null,
      endDate: null,
      discipline: null,
    });
    await station.core.ingestXml(EVENT, readFileSync(realXmlPath, 'utf8'), 'operator');
    station.core.changeStatus(EVENT, 'startlist', 'operator');
    station.core.changeStatus(EVENT, 'running', 'operator');
    fake = new FakeCanoe123();
    ({ port } = await fake.listen());
    const put = await api(station, 'PUT', `/api/v1/admin/events/${EVENT}/source`, {
      headers: operator(station as never),
      body: { kind: 'canoe123', host: '127.0.0.1', port, xmlPath: null },
    });
    expect(put.status).toBe(200);
    await fake.waitForClient();
    ticker = setInterval(() => ticking && fake.send(nextTod()), 250);
    fake.send(results('80.01'));
    await waitFor('the first result', async () => (await bib1())?.time === 8001);
  });
  afterAll(async () => {
    clearInterval(ticker);
    await fake?.close();
    await station?.cleanup();
  });

  it('applies messages split anywhere across reads, in order', async () => {
    await raw(async () => {
      const text = `${tod('10:34:12')}|${results('80.02')}|${results('80.03')}|`;
      for (let i = 0; i < text.length; i += 7) fake.sendRaw(text.slice(i, i + 7));
      await waitFor('80.03', async () => (await bib1())?.time === 8003);
      expect((await connection()).venueClock).toBe('10:34:12');
    });
  });

  it('drops the connection on garbage bytes, logs it, reconnects, and applies nothing of it', async () => {
    const before = (await connection()).reconnects;
    await raw(async () => {
      fake.sendRaw(
        Buffer.concat([
          Buffer.from([0x00, 0x01, 0x7c]),
          Buffer.from(
            '<Canoe123><Results RaceId="K1M_ST_BR1_6"><Row><Participant Bib="1" Id="12054.K1M_ST"/><Result Type="T" Time="1.00" Total="1.00"/></Row></Results></Canoe123>|',
          ),
        ]),
      );
      await waitFor('the drop', async () => (await connection()).reconnects > before);
    });
    await reconnected(before);
    expect(log().some((m) => /sent something that is not a Canoe123 message; the connection was dropped/.test(m))).toBe(true);
    expect((await bib1()).time).toBe(8003);
    expect((await api(station, 'GET', '/health')).status).toBe(200);
  });

  it('drops a 20 MB fragment without a delimiter once past 4 MiB, never buffering it all', async () => {
    const before = (await connection()).reconnects;
    const heapBefore = process.memoryUsage().arrayBuffers;
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    await raw(async () => {
      for (let i = 0; i < 20; i++) fake.sendRaw(chunk);
      await waitFor('the drop', async () => (await connection()).reconnects > before);
    });
    await reconnected(before);
    const problems = log().filter((m) => /too large to be Canoe123's/.test(m));
    expect(problems.length).toBeGreaterThan(0);
    const bytes = Number(/\((\d+) bytes without a "\|"\)/.exec(problems[0])?.[1]);
    expect(bytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(bytes).toBeLessThan(6 * 1024 * 1024);
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(16 * 1024 * 1024);
    fake.send(results('80.04'));
    await waitFor('80.04 after the reconnect', async () => (await bib1())?.time === 8004);
  });

  it('drops the unfinished message when the connection is reset in mid-message', async () => {
    const before = (await connection()).reconnects;
    const half = results('70.00');
    await raw(async () => {
      // In one write with a whole TimeOfDay: once that is read, so is the half message behind it
      // (a reset discards what the client has not read yet).
      fake.sendRaw(`${tod('10:40:00')}|${half.slice(0, half.length / 2)}`);
      await waitFor('the half message read', async () => (await connection()).venueClock === '10:40:00');
      fake.resetClients();
      await waitFor('the drop', async () => (await connection()).reconnects > before);
    });
    await reconnected(before);
    expect(log().some((m) => /The connection to Canoe123 at 127\.0\.0\.1:\d+ broke \(\d+ bytes of an unfinished message dropped\)/.test(m))).toBe(true);
    expect((await bib1()).time).toBe(8004);
  });

  it('refuses a message cut short before its "|" as a whole (nothing half-applied)', async () => {
    const before = (await connection()).reconnects;
    const full = results('70.00');
    await raw(async () => {
      fake.sendRaw(`${full.slice(0, full.indexOf('</Row>'))}|`);
      await waitFor('the drop', async () => (await connection()).reconnects > before);
    });
    await reconnected(before);
    expect((await bib1()).time).toBe(8004);
  });

  it('ignores message types it does not know, once logged, without dropping the connection', async () => {
    const before = await connection();
    fake.send(msg('<Scoreboard Mode="2" />'));
    fake.send(msg('<Scoreboard Mode="3" />'));
    fake.send(results('80.05'));
    await waitFor('80.05', async () => (await bib1())?.time === 8005);
    const after = await connection();
    expect(after.reconnects).toBe(before.reconnects);
    expect(after.messages.unknown).toBe(before.messages.unknown + 2);
    expect(log().filter((m) => /sent a <Scoreboard> message, which Raceside does not read; ignored/.test(m))).toHaveLength(1);
  });

  it('detects a dead connection (no TimeOfDay for the silence limit) and reconnects', async () => {
    const before = (await connection()).reconnects;
    // A last TimeOfDay, then OnCourse keeps coming but no TimeOfDay: Canoe123's clock stopped.
    let t0 = 0;
    await raw(async () => {
      fake.send(tod('10:41:00'));
      t0 = Date.now();
      await waitFor('the last time of day', async () => (await connection()).venueClock === '10:41:00');
      const stop = setInterval(() => fake.send(msg('<OnCourse Total="0" Position="0" />')), 50);
      try {
        await waitFor('the silence detected', async () => (await connection()).reconnects > before, 5000);
      } finally {
        clearInterval(stop);
      }
    });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(SETTINGS.canoe123SilentMs - 50);
    expect(log().some((m) => /sent no time of day for 1\.5 s — the connection is dead/.test(m))).toBe(true);
    await reconnected(before);
  });

  it('says "refused the connection" when nothing listens, and keeps retrying', async () => {
    await fake.close();
    await waitFor('the refusal', () =>
      log().some((m) => /Canoe123 at 127\.0\.0\.1:\d+ refused the connection — is Canoe123 running and its port open\?/.test(m)),
    );
    const c = await connection();
    expect(c.problem.code).toBe('refused');
    const n = c.reconnects;
    await waitFor('more attempts', async () => (await connection()).reconnects >= n + 2);
    // A Canoe123 coming back on the same port is picked up.
    fake = new FakeCanoe123();
    await fake.listen(port);
    await fake.waitForClient(3000);
    fake.send(results('80.06'));
    await waitFor('80.06', async () => (await bib1())?.time === 8006);
    expect(log().some((m) => /connected again after \d+ failed attempts?/.test(m))).toBe(true);
  });
});

describe('reconnect back-off', () => {
  const delays = async (random: () => number, count: number, server?: Server): Promise<{ delays: number[]; problems: ClientProblem[] }> => {
    const port = server ? (server.address() as { port: number }).port : await freePort();
    const client = new Canoe123Client({
      host: '127.0.0.1',
      port,
      initialDelayMs: 10,
      maxDelayMs: 100,
      silentAfterMs: 5000,
      connectTimeoutMs: 1000,
      maxMessageBytes: 1024,
      random,
    });
    const out: number[] = [];
    const problems: ClientProblem[] = [];
    client.on('retry', (d) => out.push(d));
    client.on('problem', (p) => problems.push(p));
    client.start();
    await waitFor('retries', () => out.length >= count, 5000);
    client.stop();
    return { delays: out.slice(0, count), problems };
  };

  it('starts at the first delay and doubles up to the cap (no jitter at the middle)', async () => {
    const { delays: d, problems } = await delays(() => 0.5, 6);
    expect(d).toEqual([10, 20, 40, 80, 100, 100]);
    expect(problems[0].code).toBe('refused');
  });

  it('jitters each delay by ±20 %, never past the cap', async () => {
    expect((await delays(() => 0, 5)).delays).toEqual([8, 16, 32, 64, 80]);
    expect((await delays(() => 0.999999, 5)).delays).toEqual([12, 24, 48, 96, 100]);
  });

  it('starts over once a connection delivered a readable message, not merely on connect', async () => {
    // A server that accepts and closes at once: the back-off keeps growing.
    const rude = createServer((s) => s.destroy());
    rude.listen(0, '127.0.0.1');
    await once(rude, 'listening');
    expect((await delays(() => 0.5, 5, rude)).delays).toEqual([10, 20, 40, 80, 100]);
    rude.close();
    // One that sends a TimeOfDay and then closes: every retry is the first delay again.
    const brief = createServer((s) => s.end(`${tod()}|`));
    brief.listen(0, '127.0.0.1');
    await once(brief, 'listening');
    expect((await delays(() => 0.5, 4, brief)).delays).toEqual([10, 10, 10, 10]);
    brief.close();
  });
});

async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as { port: number }).port;
  s.close();
  await once(s, 'close');
  return port;
}
