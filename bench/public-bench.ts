/**
 * Public REST benchmark (issue 10, item 2): a station in its own process holding the real export,
 * and an autocannon-style load from this process: `CONCURRENCY` keep-alive connections, each
 * sending the next request as soon as the previous answer is read, for `SECONDS` per route, phones'
 * headers (`accept-encoding: gzip`). Prints requests per second and latency p50/p99 per route, then
 * the detailed results again while c123-server pushes a result every 500 ms (each push changes the
 * race, so its cached answer is rebuilt once per push).
 *
 * The load generator shares the machine's cores with the station: figures are comparable within
 * one run and between runs on the same machine, not absolute.
 */
import { Agent, request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realXmlPath } from '../test/fixtures/real-data.ts';
import { line, ms, percentile } from './stats.ts';
import { BENCH_SECRET, ROOMY, startStationProcess } from './station-process.ts';

const EVENT = 'bench';
const RACE = 'K1M_ST_BR2_6';
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

function get(agent: Agent, url: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    request(url, { agent, headers: { 'accept-encoding': 'gzip', accept: 'application/json' } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
    })
      .on('error', reject)
      .end();
  });
}

/** Keeps `CONCURRENCY` requests in flight for `seconds`; latencies of the answers that completed. */
async function load(url: string, seconds: number): Promise<{ latencies: number[]; errors: number; bytes: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const res = await get(agent, url);
        latencies.push(performance.now() - t0);
        bytes = res.bytes;
        if (res.status !== 200) errors++;
      }
    }),
  );
  agent.destroy();
  return { latencies, errors, bytes };
}

export async function publicBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'raceside-public-'));
  // One address sends everything here: lift the per-address caps (and the REST budget with them).
  const { url, stop } = await startStationProcess({ dataDir, args: ROOMY });
  const send = async (method: string, path: string, body: unknown, headers: Record<string, string>) => {
    const res = await fetch(url + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  try {
    const { apiKey } = await send('POST', '/api/v1/admin/events', { eventId: EVENT, mainTitle: 'Bench' }, { 'x-master-key': BENCH_SECRET });
    const key = { 'x-api-key': apiKey as string };
    await send('POST', '/api/v1/ingest/xml', { xml: readFileSync(realXmlPath, 'utf8') }, key);
    await send('PATCH', `/api/v1/admin/events/${EVENT}/status`, { status: 'running' }, key);

    process.stdout.write(`\nPublic REST (${CONCURRENCY} keep-alive connections, ${SECONDS} s a route, gzip accepted; real export)\n`);
    const routes: [string, string][] = [
      ['results ?detailed=true (BR2, 105 rows, best-run pairs)', `/api/v1/events/${EVENT}/results/${RACE}?detailed=true`],
      ['results (plain)', `/api/v1/events/${EVENT}/results/${RACE}`],
      ['startlist', `/api/v1/events/${EVENT}/startlist/${RACE}`],
      ['event (44 races, 15 classes)', `/api/v1/events/${EVENT}`],
      ['categories', `/api/v1/events/${EVENT}/categories`],
    ];
    for (const [label, path] of routes) {
      await load(url + path, 1); // warm up
      const r = await load(url + path, SECONDS);
      const rps = r.latencies.length / SECONDS;
      line(label, `${Math.round(rps)} req/s`);
      line('  latency p50 / p99', `${ms(percentile(r.latencies, 50))} / ${ms(percentile(r.latencies, 99))}`);
      if (r.errors) line('  non-200 answers', String(r.errors));
    }

    // The same detailed list while a result is pushed every 500 ms.
    let pushes = 0;
    let stop = false;
    const pusher = (async () => {
      for (let time = 7000; !stop; time += 1) {
        await send(
          'POST',
          '/api/v1/ingest/results',
          {
            results: [{ raceId: RACE, participantId: '12054.K1M_ST', bib: 1, time, pen: 0, total: time, status: null }],
          },
          key,
        );
        pushes++;
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    const r = await load(`${url}/api/v1/events/${EVENT}/results/${RACE}?detailed=true`, SECONDS);
    stop = true;
    await pusher;
    line(`results ?detailed=true, a result pushed every 500 ms (${pushes} pushes)`, `${Math.round(r.latencies.length / SECONDS)} req/s`);
    line('  latency p50 / p99', `${ms(percentile(r.latencies, 50))} / ${ms(percentile(r.latencies, 99))}`);
  } finally {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
