/**
 * The direct Canoe123 source's benchmark (issue 12, item 7), `npm run bench -- canoe123`:
 *
 * 1. TCP message in → spectator diff out: a station in its own process with two events of the
 *    real export, 1,000 spectators on each (4 worker threads): one reads a fake Canoe123 (in this
 *    process) over loopback TCP, the other takes c123-server's pushes to the ingest API (an event
 *    reads one source at a time). 50 single-row Results messages written to the TCP socket,
 *    interleaved with 50 single-row pushes to the ingest API, 100 ms apart, each with a unique run
 *    time; latency from the write/POST to each client's receipt of the diff, p50/p99 for both, in
 *    the same run under the same load. Goal: TCP p99 within 1.2× of the ingest API's.
 * 2. The full real recording at 50×: every message received and applied (none refused), every
 *    live message to a spectator in sequence (no gap), and the same final public results as a
 *    replay at 5× in another station.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import WebSocket from 'ws';
import { readFileSync } from 'node:fs';
import { realXmlPath } from '../test/fixtures/real-data.ts';
import { FakeCanoe123 } from '../src-main/sources/canoe123/fake-canoe123.ts';
import { line, median, ms, percentile } from './stats.ts';
import { BENCH_SECRET, ROOMY, startStationProcess } from './station-process.ts';

const clientsWorker = new URL('../test/hardening/lib/hostile-worker.ts', import.meta.url);
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const now = () => performance.timeOrigin + performance.now();

/** A station process with the bench's JSON helper (operator secret unless other headers are given). */
async function startStation(dataDir: string) {
  const station = await startStationProcess({ dataDir, args: ROOMY });
  const json = async (method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: `Bearer ${BENCH_SECRET}` }) => {
    const res = await fetch(station.url + path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.json() as Promise<any>;
  };
  return { ...station, json };
}

function workerCall<T>(w: Worker, cmd: object, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (msg: { type: string }) => {
      if (msg.type === reply) {
        w.off('message', on);
        resolve(msg as T);
      }
    };
    w.on('message', on);
    w.postMessage(cmd);
  });
}

const tcpResults = (cs: number) =>
  `<Canoe123 System="Main"><Results RaceId="K1M_ST_BR2_6" ClassId="K1M_ST" Current="Y"><Row Number="1">` +
  `<Participant Bib="   1" Id="12054.K1M_ST" /><Result Type="T" HeatNr="0" Q="" IRM="" Pen="0" Gates="" Time="${(cs / 100).toFixed(2)}" ` +
  `Total="${(cs / 100).toFixed(2)}" Rank="1" RankOrder="1" Behind="" PP="" /></Row></Results></Canoe123>`;

export async function canoe123Bench(): Promise<void> {
  process.stdout.write('\nDirect Canoe123 (station in its own process, fake Canoe123 and clients on the same 2 cores)\n');
  await latency(Number(process.env.CANOE123_CLIENTS ?? 1000));
  await fullRecording(Number(process.env.CANOE123_SPEED ?? 50));
}

async function latency(clients: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'raceside-c123-bench-'));
  const station = await startStation(dataDir);
  const fake = new FakeCanoe123();
  const workers: Worker[] = [];
  try {
    const xml = readFileSync(realXmlPath, 'utf8');
    const event = async (eventId: string) => {
      const { apiKey } = await station.json('POST', '/api/v1/admin/events', { eventId, mainTitle: eventId });
      await station.json('POST', '/api/v1/ingest/xml', { xml }, { 'x-api-key': apiKey });
      await station.json('PATCH', `/api/v1/admin/events/${eventId}/status`, { status: 'running' }, { 'x-api-key': apiKey });
      return apiKey as string;
    };
    await event('via-tcp');
    const apiKey = await event('via-ingest');
    const { port } = await fake.listen();
    await station.json('PUT', '/api/v1/admin/events/via-tcp/source', { kind: 'canoe123', host: '127.0.0.1', port, xmlPath: null });
    await fake.waitForClient();
    // Canoe123's clock, once a second, as the real one: the station drops a silent connection.
    const clock = setInterval(() => fake.send('<Canoe123 System="Main"><TimeOfDay>10:00:00</TimeOfDay></Canoe123>'), 1000);
    for (const eventId of ['via-tcp', 'via-ingest']) {
      const wsUrl = `${station.url.replace('http', 'ws')}/api/v1/events/${eventId}/ws`;
      workers.push(
        ...[0, 1].map(
          (i) => new Worker(clientsWorker, { workerData: { role: 'healthy', url: wsUrl, count: Math.floor(clients / 2) + (i === 0 ? clients % 2 : 0) } }),
        ),
      );
    }
    const connected = await Promise.all(workers.map((w) => workerCall<{ fulls: number }>(w, { type: 'connect', batch: 250 }, 'connect')));
    await sleep(500);
    const sent = new Map<number, { at: number; via: 'tcp' | 'ingest' }>();
    for (let i = 0; i < 50; i++) {
      const tcp = 30_000 + i;
      sent.set(tcp, { at: now(), via: 'tcp' });
      fake.send(tcpResults(tcp));
      await sleep(100);
      const api = 40_000 + i;
      sent.set(api, { at: now(), via: 'ingest' });
      await station.json(
        'POST',
        '/api/v1/ingest/results',
        {
          results: [{ raceId: 'K1M_ST_BR2_6', participantId: '12054.K1M_ST', bib: 1, time: api, pen: 0, total: api, status: null }],
        },
        { 'x-api-key': apiKey },
      );
      await sleep(100);
    }
    await sleep(1500);
    clearInterval(clock);
    const reports = await Promise.all(workers.map((w) => workerCall<{ receipts: [number, number[]][] }>(w, { type: 'report' }, 'report')));
    const lat = { tcp: [] as number[], ingest: [] as number[] };
    for (const r of reports) {
      for (const [id, times] of r.receipts) {
        const s = sent.get(id);
        if (s) for (const t of times) lat[s.via].push(t - s.at);
      }
    }
    const p99 = { tcp: percentile(lat.tcp, 99), ingest: percentile(lat.ingest, 99) };
    line(
      `${clients} clients an event (held ${connected.reduce((a, c) => a + c.fulls, 0)} in all): diffs TCP / ingest`,
      `${lat.tcp.length} / ${lat.ingest.length}`,
      `${clients * 50} each`,
    );
    line('  TCP message → diff received, p50 / p99', `${ms(median(lat.tcp))} / ${ms(p99.tcp)}`);
    line('  ingest API POST → diff received, p50 / p99', `${ms(median(lat.ingest))} / ${ms(p99.ingest)}`);
    line('  p99 ratio TCP / ingest', `${(p99.tcp / p99.ingest).toFixed(2)}×`, '≤ 1.2×');
  } finally {
    await Promise.all(workers.map((w) => workerCall(w, { type: 'close' }, 'close').then(() => w.terminate())));
    await fake.close();
    await station.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function fullRecording(speed: number): Promise<void> {
  const eventId = 'CZE2.2024040600';
  const dirs = [mkdtempSync(join(tmpdir(), 'raceside-c123-fast-')), mkdtempSync(join(tmpdir(), 'raceside-c123-slow-'))];
  const [fast, slow] = await Promise.all(dirs.map((d) => startStation(d)));
  try {
    const t0 = now();
    const started = await fast.json('POST', '/api/v1/admin/replay', { speed });
    const slowStarted = slow.json('POST', '/api/v1/admin/replay', { speed: 5 });
    // A spectator on the fast replay: every live message must arrive, in sequence.
    const ws = new WebSocket(`${fast.url.replace('http', 'ws')}/api/v1/events/${started.eventId}/ws`);
    let lastSeq = -1;
    let gaps = 0;
    let messages = 0;
    ws.on('message', (d: Buffer) => {
      const m = JSON.parse(d.toString());
      if (lastSeq >= 0 && m.type !== 'full' && m.seq !== lastSeq + 1) gaps++;
      lastSeq = m.seq;
      messages++;
    });
    const finished = async (s: typeof fast) => {
      for (;;) {
        const st = await s.json('GET', `/api/v1/admin/events/${eventId}/source`);
        if (st.replay?.finished && st.connection?.state === 'off') return st;
        await sleep(100);
      }
    };
    const st = await finished(fast);
    const took = now() - t0;
    ws.close();
    await slowStarted;
    await finished(slow);
    const total = Object.values(st.connection.messages as Record<string, number>).reduce((a, b) => a + b, 0);
    const results = await Promise.all(
      [fast, slow].map((s) => fetch(`${s.url}/api/v1/events/${eventId}/results/K1M_ST_BR2_6?detailed=true`).then((r) => r.json())),
    );
    const same = JSON.stringify(results[0]) === JSON.stringify(results[1]);
    line(`full real recording at ${speed}×: messages sent / received`, `${st.replay.sent} / ${total}`, `${st.replay.total} / ${st.replay.total}`);
    line('  not applied (refused) / spectator sequence gaps', `${st.connection.refused} / ${gaps}`, '0 / 0');
    line('  live messages to one spectator, time to play 247 s', `${messages}, ${(took / 1000).toFixed(1)} s`);
    line(`  final K1M_ST_BR2_6 results equal a 5× replay's`, same ? 'yes' : 'NO', 'yes');
  } finally {
    await Promise.all([fast.stop(), slow.stop()]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
