/**
 * Fan-out benchmark (issues 3 and 17): the station against the floor, side by side in one run.
 *
 * The station runs in its own process, and so does the floor (floor-server.ts: parse the POST,
 * serialize the changed row once, write it to every socket, nothing else). Their spectator clients
 * live in worker threads of two client processes (client-host.ts), one per server; all of it
 * shares this machine's cores. For 200, 1,000, 2,000, 5,000 and 10,000 clients in one event
 * (`FANOUT_CLIENTS` to choose): both sets connected, then 50 single-result ingests to each server,
 * alternating between them 100 ms apart, so both see the same machine at the same moments. Printed:
 * delivery latency from the POST to receipt (p50/p99/max) of each, the p99 ratio station / floor,
 * bytes per message, and the station's resident memory per idle client. Then reconnect storms:
 * 2,000 and 10,000 clients connecting at once (`FANOUT_STORMS`), time until all hold their `full`.
 *
 * The station's clients speak live protocol 2 (`?v=2`), as the spectator app does. Every process
 * that opens sockets is started with its open-file limit raised to the hard limit (`ulimit -n`),
 * since 10,000 sockets need more than the usual 1,024. `FANOUT_CPU_PROF=<dir>` starts the station
 * with `--cpu-prof` into that folder (bench/cpu-profile-summary.ts reads it).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realXmlPath } from '../test/fixtures/real-data.ts';
import { line, median, ms, percentile } from './stats.ts';
import { BENCH_SECRET as SECRET, ROOMY, projectRoot, spawnNode, startStationProcess, waitForLine, type SpawnOptions } from './station-process.ts';

const xml = readFileSync(realXmlPath, 'utf8');
const INGESTS = Number(process.env.FANOUT_INGESTS ?? 50);
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/**
 * Server processes get their open-file limit raised to the hard limit (on this machine soft and
 * hard are both 20,000); their stderr is kept, not shown: the station warns of a silent feed while
 * the bench measures.
 */
const serverSpawn: SpawnOptions = { raiseFileLimit: true, stdio: ['ignore', 'pipe', 'pipe'] };

function startStation(dataDir: string) {
  const nodeArgs = process.env.FANOUT_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.FANOUT_CPU_PROF}`] : [];
  return startStationProcess({ dataDir, args: ROOMY, nodeArgs, ...serverSpawn });
}

async function startFloor(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawnNode([join(projectRoot, 'bench/floor-server.ts')], serverSpawn);
  const m = await waitForLine(child, /floor listening on (http:\/\/\S+)/);
  return { child, url: m[1] };
}

/** A client process (client-host.ts) and a way to call it. */
function clientHost() {
  const child = fork(join(projectRoot, 'bench/client-host.ts'), [], {
    execPath: '/bin/sh',
    execArgv: ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const call = <T>(cmd: { type: string; url?: string; count?: number; batch?: number }) =>
    new Promise<T>((resolve) => {
      const on = (msg: { type: string }) => {
        if (msg.type !== cmd.type) return;
        child.off('message', on);
        resolve(msg as T);
      };
      child.on('message', on);
      child.send(cmd);
    });
  return { child, call };
}

interface Report {
  receipts: [number, number[]][];
  resultDiffBytes: number;
  resultDiffs: number;
}

/** The station's resident memory in KB, as it measures it itself (Node's process.memoryUsage()). */
async function rssKb(url: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/admin/station`, { headers: { authorization: `Bearer ${SECRET}` } });
  return ((await res.json()) as { process: { rssBytes: number } }).process.rssBytes / 1024;
}

export async function fanoutBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'raceside-fanout-'));
  const station = await startStation(dataDir);
  const floor = await startFloor();
  const hosts = { station: clientHost(), floor: clientHost() };
  const json = async (method: string, url: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return res.json() as Promise<any>;
  };
  const newEvent = async (eventId: string) => {
    const { apiKey } = await json('POST', `${station.url}/api/v1/admin/events`, { eventId, mainTitle: 'Fan-out' }, { 'x-master-key': SECRET });
    await json('POST', `${station.url}/api/v1/ingest/xml`, { xml }, { 'x-api-key': apiKey });
    await json('PATCH', `${station.url}/api/v1/admin/events/${eventId}/status`, { status: 'running' }, { 'x-api-key': apiKey });
    return { apiKey: apiKey as string, wsUrl: `${station.url.replace('http', 'ws')}/api/v1/events/${eventId}/ws?v=2` };
  };
  process.stdout.write('\nFan-out: station vs floor in one run (own processes; clients in worker threads of two client processes; 2 cores)\n');
  const rows: string[] = [];
  // Memory a socket leaves behind is kept by the process for the next tier's sockets, so the
  // per-tier delta understates; the delta from the station before any client is an upper bound.
  let rssFresh = 0;
  try {
    for (const clients of (process.env.FANOUT_CLIENTS ?? '200,1000,2000,5000,10000').split(',').map(Number)) {
      const { apiKey, wsUrl } = await newEvent(`fan-${clients}`);
      const rss0 = await rssKb(station.url);
      rssFresh ||= rss0;
      const heldStation = await hosts.station.call<{ fulls: number }>({ type: 'connect', url: wsUrl, count: clients, batch: 250 });
      await sleep(500);
      const rss1 = await rssKb(station.url);
      const heldFloor = await hosts.floor.call<{ fulls: number }>({
        type: 'connect',
        url: `${floor.url.replace('http', 'ws')}/ws`,
        count: clients,
        batch: 250,
      });
      await sleep(500);
      const sent = { station: new Map<number, number>(), floor: new Map<number, number>() };
      const push = async (side: 'station' | 'floor', time: number) => {
        sent[side].set(time, performance.timeOrigin + performance.now());
        const url = side === 'station' ? station.url : floor.url;
        await json(
          'POST',
          `${url}/api/v1/ingest/results`,
          {
            results: [{ raceId: 'K1M_ST_BR2_6', participantId: '12054.K1M_ST', bib: 1, time, pen: 0, total: time, status: null }],
          },
          side === 'station' ? { 'x-api-key': apiKey } : {},
        );
      };
      for (let i = 0; i < INGESTS; i++) {
        // Alternate which goes first, so neither always meets the machine right after the other.
        const order = i % 2 === 0 ? (['station', 'floor'] as const) : (['floor', 'station'] as const);
        for (const side of order) {
          await push(side, (side === 'station' ? 7000 : 500_000) + clients * 10 + i);
          await sleep(100);
        }
      }
      await sleep(1500);
      const figures = {} as Record<'station' | 'floor', { p50: number; p99: number; max: number; received: number; bytes: number }>;
      for (const side of ['station', 'floor'] as const) {
        const r = await hosts[side].call<Report & { type: string }>({ type: 'report' });
        const latencies: number[] = [];
        for (const [id, times] of r.receipts) {
          const t0 = sent[side].get(id);
          if (t0 !== undefined) for (const t of times) latencies.push(t - t0);
        }
        figures[side] = {
          p50: median(latencies),
          p99: percentile(latencies, 99),
          max: latencies.reduce((a, b) => Math.max(a, b), 0),
          received: latencies.length,
          bytes: r.resultDiffBytes / Math.max(1, r.resultDiffs),
        };
      }
      const s = figures.station;
      const f = figures.floor;
      const ratio = s.p99 / f.p99;
      process.stdout.write(`  ${clients} clients (held: station ${heldStation.fulls}, floor ${heldFloor.fulls}):\n`);
      line('    delivered diffs / expected: station, floor', `${s.received}, ${f.received} / ${clients * INGESTS}`);
      line('    delivery POST → receipt p50: station, floor', `${ms(s.p50)}, ${ms(f.p50)}`);
      line('    delivery POST → receipt p99: station, floor', `${ms(s.p99)}, ${ms(f.p99)}`);
      line('    delivery POST → receipt max: station, floor', `${ms(s.max)}, ${ms(f.max)}`);
      line('    p99 ratio station / floor', `${ratio.toFixed(2)}×`, '≤ 1.25×');
      line('    bytes per result message: station, floor', `${Math.round(s.bytes)} B, ${Math.round(f.bytes)} B`);
      // RSS moves with GC too: read the absolute figures with the per-client delta.
      line('    station RSS before → with the clients connected', `${(rss0 / 1024).toFixed(0)} → ${(rss1 / 1024).toFixed(0)} MB`);
      line('    station RSS per idle client (delta / clients)', `${((rss1 - rss0) / clients).toFixed(1)} KB`);
      line('    … upper bound: (RSS − RSS before any client) / clients', `${((rss1 - rssFresh) / clients).toFixed(1)} KB`);
      rows.push(`| ${clients} | ${ms(s.p50)} / ${ms(s.p99)} | ${ms(f.p50)} / ${ms(f.p99)} | ${ratio.toFixed(2)}× |`);
      await Promise.all([hosts.station.call({ type: 'close' }), hosts.floor.call({ type: 'close' })]);
      await sleep(500);
    }
    process.stdout.write(`\n  | clients | station p50 / p99 | floor p50 / p99 | p99 ratio |\n  |---|---|---|---|\n${rows.map((r) => `  ${r}\n`).join('')}\n`);

    // Reconnect storms: every client at once; all must hold their full.
    const storms = (process.env.FANOUT_STORMS ?? '2000,10000').split(',').filter(Boolean).map(Number);
    for (const count of storms) {
      const target = count === 2000 ? '≤ 3 s' : '';
      const { wsUrl } = await newEvent(`storm-${count}`);
      const t0 = performance.now();
      const res = await hosts.station.call<{ fulls: number }>({ type: 'connect', url: wsUrl, count, batch: count });
      line(`reconnect storm: ${count} clients at once, all holding full`, `${ms(performance.now() - t0)} (${res.fulls})`, target);
      await hosts.station.call({ type: 'close' });
      const f0 = performance.now();
      const fres = await hosts.floor.call<{ fulls: number }>({ type: 'connect', url: `${floor.url.replace('http', 'ws')}/ws`, count, batch: count });
      line(`  … the floor, the same storm`, `${ms(performance.now() - f0)} (${fres.fulls})`);
      await hosts.floor.call({ type: 'close' });
      await sleep(500);
    }
  } finally {
    for (const h of Object.values(hosts)) h.child.kill('SIGTERM');
    floor.child.kill('SIGTERM');
    station.child.kill('SIGTERM');
    await new Promise((r) => station.child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
