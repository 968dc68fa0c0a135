/**
 * Relay benchmark (issue 14): a writer station publishing to a real redis-server, 3 relays, and
 * spectator clients in worker threads (2,000 per relay), all on this machine; against one plain
 * station holding the same 6,000 clients, in the same run, the two alternating (A B A B).
 *
 * 1. Delivery: 50 single-result ingests, one due every `RELAY_INTERVAL_MS` (750 ms: the real
 *    capture's rate of live messages, 4,776 an hour) whatever the answer time, so both setups are
 *    offered the same load (with "100 ms after the answer" a saturated station slowed its own
 *    ingests and was offered a third of the relays' load; at 4 a second both setups fell tens of
 *    seconds behind on the shared 2 cores, which measures the backlog, not delivery); latency from the POST to
 *    receipt on every client (p50/p99/max), per setup; the ratio of the relays' p99 to the
 *    station's.
 * 2. Cost: during the relay rounds, Redis's CPU time, bytes in and out and commands per result
 *    ingest; each relay's and the writer's CPU time per result.
 * 3. The real capture (336 requests c123-server sent over 248 s) replayed into the writer as fast
 *    as it answers, with one phone per relay: what a phone receives per race hour, and what Redis
 *    takes in and sends out for it.
 *
 * The machine is shared: `uptime`'s load average is printed with the figures.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { realXmlPath } from '../test/fixtures/real-data.ts';
import { captureFor } from '../test/helpers/capture.ts';
import { startTestRedis, type TestRedis } from '../test/helpers/redis.ts';
import { startTestRelay, type TestRelay } from '../test/helpers/relay.ts';
import { Phone, until } from '../test/helpers/phones.ts';
import { line, median, ms, percentile } from './stats.ts';
import { BENCH_SECRET as SECRET, ROOMY, startStationProcess } from './station-process.ts';

const xml = readFileSync(realXmlPath, 'utf8');
const clientsWorker = new URL('../test/hardening/lib/hostile-worker.ts', import.meta.url);
const PER_RELAY = Number(process.env.RELAY_CLIENTS ?? 2000);
const RELAYS = 3;
const ROUNDS = Number(process.env.RELAY_ROUNDS ?? 2);
const INGESTS = 50;
const INTERVAL_MS = Number(process.env.RELAY_INTERVAL_MS ?? 750);

function station(dataDir: string, extra: string[] = []) {
  return startStationProcess({ dataDir, args: [...ROOMY, ...extra], env: { ...process.env, ...probed } });
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

/** Each child's CPU time, written by bench/cpu-probe.ts into this folder. */
const cpuDir = mkdtempSync(join(tmpdir(), 'raceside-relay-bench-cpu-'));
const probed = {
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${pathToFileURL(fileURLToPath(new URL('./cpu-probe.ts', import.meta.url))).href}`.trim(),
  RACESIDE_BENCH_CPU_DIR: cpuDir,
};

/** CPU time (user + system) a child process has used, in ms (at most 50 ms old). */
function cpuMs(pid: number): number {
  try {
    return Number(readFileSync(join(cpuDir, `${pid}.cpu`), 'utf8'));
  } catch {
    return NaN;
  }
}

interface RedisCounters {
  cpuMs: number;
  inBytes: number;
  outBytes: number;
  commands: Record<string, number>;
}

async function redisCounters(redis: TestRedis): Promise<RedisCounters> {
  const c = redis.client();
  const text = await c.info('all');
  const get = (k: string) => Number(new RegExp(`^${k}:([0-9.]+)`, 'm').exec(text)?.[1] ?? NaN);
  const commands: Record<string, number> = {};
  for (const m of text.matchAll(/^cmdstat_([a-z|]+):calls=(\d+)/gm)) commands[m[1]] = Number(m[2]);
  return {
    cpuMs: (get('used_cpu_user') + get('used_cpu_sys')) * 1000,
    inBytes: get('total_net_input_bytes'),
    outBytes: get('total_net_output_bytes'),
    commands,
  };
}

export async function relayBench(): Promise<void> {
  const dirs = [mkdtempSync(join(tmpdir(), 'raceside-relay-bench-')), mkdtempSync(join(tmpdir(), 'raceside-relay-bench-'))];
  const redis = await startTestRedis();
  const plain = await station(dirs[0]);
  const writer = await station(dirs[1], ['--publish', redis.url]);
  const relays: TestRelay[] = [];
  const json = async (url: string, method: string, path: string, body: unknown, headers: Record<string, string>) => {
    const res = await fetch(url + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return res.json() as Promise<any>;
  };
  const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
  const total = PER_RELAY * RELAYS;
  process.stdout.write(
    `\nRelays (a writer, ${RELAYS} relays and redis-server ${(await redis.info()).redis_version}; ${total} clients in ${RELAYS} worker threads; a result every ${INTERVAL_MS} ms; all on the same machine; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})\n`,
  );
  try {
    const keys: Record<string, string> = {};
    for (const s of [plain, writer]) {
      const { apiKey } = await json(s.url, 'POST', '/api/v1/admin/events', { eventId: 'bench', mainTitle: 'Relay bench' }, { 'x-master-key': SECRET });
      await json(s.url, 'POST', '/api/v1/ingest/xml', { xml }, { 'x-api-key': apiKey });
      await json(s.url, 'PATCH', '/api/v1/admin/events/bench/status', { status: 'running' }, { 'x-api-key': apiKey });
      keys[s.url] = apiKey;
    }
    for (let i = 0; i < RELAYS; i++) relays.push(await startTestRelay(redis.url, { args: ROOMY, env: probed }));

    const results: Record<
      'station' | 'relays',
      { p50: number[]; p99: number[]; max: number[]; delivered: number; expected: number; ingestMs: number[]; closed: Map<number, number> }
    > = {
      station: { p50: [], p99: [], max: [], delivered: 0, expected: 0, ingestMs: [], closed: new Map() },
      relays: { p50: [], p99: [], max: [], delivered: 0, expected: 0, ingestMs: [], closed: new Map() },
    };
    const costs = { redisCpuMs: 0, inBytes: 0, outBytes: 0, ingests: 0, commands: {} as Record<string, number>, relayCpuMs: 0, writerCpuMs: 0 };
    let time = 7000;
    for (let round = 0; round < ROUNDS; round++) {
      for (const setup of ['station', 'relays'] as const) {
        const targets = setup === 'station' ? Array.from({ length: RELAYS }, () => plain.url) : relays.map((r) => r.url);
        const ingestUrl = setup === 'station' ? plain.url : writer.url;
        const workers = targets.map(
          (url) =>
            new Worker(clientsWorker, {
              workerData: { role: 'healthy', url: `${url.replace('http', 'ws')}/api/v1/events/bench/ws`, count: PER_RELAY },
            }),
        );
        await Promise.all(workers.map((w) => workerCall(w, { type: 'connect', batch: 250 }, 'connect')));
        await sleep(1000);
        const before = setup === 'relays' ? await redisCounters(redis) : null;
        const cpu0 = { relays: relays.map((r) => cpuMs(r.process.pid!)), writer: cpuMs(writer.child.pid!) };
        const startTimes = new Map<number, number>();
        const firstDue = performance.now();
        for (let i = 0; i < INGESTS; i++) {
          const wait = firstDue + i * INTERVAL_MS - performance.now();
          if (wait > 0) await sleep(wait);
          time++;
          const t0 = performance.timeOrigin + performance.now();
          startTimes.set(time, t0);
          await json(
            ingestUrl,
            'POST',
            '/api/v1/ingest/results',
            {
              results: [{ raceId: 'K1M_ST_BR2_6', participantId: '12054.K1M_ST', bib: 1, time, pen: 0, total: time, status: null }],
            },
            { 'x-api-key': keys[ingestUrl] },
          );
          results[setup].ingestMs.push(performance.timeOrigin + performance.now() - t0);
        }
        // Until every client has every diff (or 20 s: an overloaded run reports what arrived).
        const deadline = Date.now() + 20_000;
        while (Date.now() < deadline) {
          const counts = await Promise.all(workers.map((w) => workerCall<{ received: number }>(w, { type: 'count' }, 'count')));
          if (counts.reduce((a, c) => a + c.received, 0) >= total * INGESTS) break;
          await sleep(200);
        }
        if (before) {
          const after = await redisCounters(redis);
          costs.redisCpuMs += after.cpuMs - before.cpuMs;
          costs.inBytes += after.inBytes - before.inBytes;
          costs.outBytes += after.outBytes - before.outBytes;
          costs.ingests += INGESTS;
          for (const [k, v] of Object.entries(after.commands)) costs.commands[k] = (costs.commands[k] ?? 0) + v - (before.commands[k] ?? 0);
          costs.relayCpuMs += relays.reduce((a, r, i) => a + cpuMs(r.process.pid!) - cpu0.relays[i], 0);
          costs.writerCpuMs += cpuMs(writer.child.pid!) - cpu0.writer;
        }
        const reports = await Promise.all(
          workers.map((w) => workerCall<{ receipts: [number, number[]][]; closeCodes: [number, number][] }>(w, { type: 'report' }, 'report')),
        );
        for (const r of reports) for (const [code, n] of r.closeCodes) results[setup].closed.set(code, (results[setup].closed.get(code) ?? 0) + n);
        const latencies: number[] = [];
        for (const r of reports) {
          for (const [id, times] of r.receipts) {
            const t0 = startTimes.get(id);
            if (t0 !== undefined) for (const t of times) latencies.push(t - t0);
          }
        }
        results[setup].p50.push(median(latencies));
        results[setup].p99.push(percentile(latencies, 99));
        results[setup].max.push(latencies.reduce((a, b) => Math.max(a, b), 0));
        results[setup].delivered += latencies.length;
        results[setup].expected += total * INGESTS;
        await Promise.all(workers.map((w) => workerCall(w, { type: 'close' }, 'close')));
        await Promise.all(workers.map((w) => w.terminate()));
        await sleep(500);
      }
    }
    for (const setup of ['station', 'relays'] as const) {
      const r = results[setup];
      process.stdout.write(
        `  ${setup === 'station' ? `one station, ${total} clients` : `writer + ${RELAYS} relays, ${PER_RELAY} clients each`} (${ROUNDS} rounds; medians of the rounds):\n`,
      );
      line('    delivered diffs / expected', `${r.delivered} / ${r.expected}`);
      line('    clients closed by the server (code × n)', [...r.closed].map(([code, n]) => `${code} × ${n}`).join(', ') || 'none');
      line('    delivery POST → receipt, p50', ms(median(r.p50)));
      line('    delivery POST → receipt, p99', ms(median(r.p99)), setup === 'relays' ? `≤ 2× station (${ms(2 * median(results.station.p99))})` : '');
      line('    delivery POST → receipt, max', ms(median(r.max)));
      line('    ingest answered, p50', ms(median(r.ingestMs)));
      line('    rounds p99', r.p99.map((v) => v.toFixed(0)).join(' / '));
    }
    line('relays p99 / station p99', (median(results.relays.p99) / median(results.station.p99)).toFixed(2), '≤ 2');
    const per = (v: number) => v / costs.ingests;
    line('Redis CPU per result ingest', `${per(costs.redisCpuMs).toFixed(2)} ms`);
    line('Redis bytes in / out per result ingest', `${(per(costs.inBytes) / 1024).toFixed(1)} / ${(per(costs.outBytes) / 1024).toFixed(1)} KB`);
    const cmds = Object.entries(costs.commands)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]);
    line('Redis commands per result ingest', `${per(cmds.reduce((a, [, n]) => a + n, 0)).toFixed(1)}`);
    line('  by command', cmds.map(([k, n]) => `${k} ${per(n).toFixed(1)}`).join(', '));
    line('writer CPU per result ingest (incl. its HTTP)', `${per(costs.writerCpuMs).toFixed(2)} ms`);
    line(`relay CPU per result per relay (${PER_RELAY} clients)`, `${(per(costs.relayCpuMs) / RELAYS).toFixed(2)} ms`);
    line('  … per delivered message', `${((per(costs.relayCpuMs) / RELAYS / PER_RELAY) * 1000).toFixed(1)} µs`);

    // The real capture, as fast as the writer answers: what one phone gets per race hour.
    const phones = relays.map(() => new Phone('bench'));
    await Promise.all(phones.map((p, i) => p.connect(relays[i])));
    const own = new Phone('bench');
    await own.connect(writer);
    const before = await redisCounters(redis);
    const requests = captureFor('bench').filter((r) => !r.url.includes('/status'));
    const t0 = performance.now();
    for (const r of requests) {
      await fetch(writer.url + r.url, {
        method: r.method,
        headers: { 'content-type': 'application/json', 'x-api-key': keys[writer.url] },
        body: JSON.stringify(r.body),
      }).then((res) => res.arrayBuffer());
    }
    const took = performance.now() - t0;
    await until(() => phones.every((p) => p.last?.seq === own.last?.seq), 20_000, 'phones current');
    const after = await redisCounters(redis);
    const hour = 3600_000 / 248_000;
    const bytes = phones[0].received.slice(1).reduce((a, m) => a + Buffer.byteLength(m.raw), 0);
    const messages = phones[0].received.length - 1;
    process.stdout.write(`  the real capture (${requests.length} requests of 248 s of racing, replayed in ${(took / 1000).toFixed(1)} s):\n`);
    line('    messages / bytes a phone receives per race hour', `${Math.round(messages * hour)} / ${((bytes * hour) / 1e6).toFixed(1)} MB`);
    const kind = (raw: string) => (raw.includes('"oncourse":') ? 'on-course' : raw.includes('"results":') ? 'results' : 'other');
    const byKind = new Map<string, number>();
    for (const m of phones[0].received.slice(1)) byKind.set(kind(m.raw), (byKind.get(kind(m.raw)) ?? 0) + Buffer.byteLength(m.raw));
    line(
      '    … of which on-course / results / other',
      [...['on-course', 'results', 'other']].map((k) => `${Math.round((100 * (byKind.get(k) ?? 0)) / bytes)} %`).join(' / '),
    );
    line(
      '    … for 10,000 viewers (WebSocket payload)',
      `${((bytes * hour * 10_000) / 1e9).toFixed(1)} GB/h, ${((bytes * 10_000 * 8) / 248 / 1e6).toFixed(1)} Mbit/s`,
    );
    line('    Redis bytes in per race hour (from the writer)', `${(((after.inBytes - before.inBytes) * hour) / 1e6).toFixed(1)} MB`);
    line(`    Redis bytes out per race hour (to ${RELAYS} relays)`, `${(((after.outBytes - before.outBytes) * hour) / 1e6).toFixed(1)} MB`);
    line('    Redis CPU per race hour', `${(((after.cpuMs - before.cpuMs) * hour) / 1000).toFixed(1)} s`);
    line('    Redis used memory after', (await redis.info()).used_memory_human);
    for (const p of [...phones, own]) p.close();
    process.stdout.write(
      `  load average after: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
    );
  } finally {
    for (const r of relays) await r.cleanup();
    for (const s of [plain, writer]) await s.stop();
    await redis.cleanup();
    for (const d of [...dirs, cpuDir]) rmSync(d, { recursive: true, force: true });
  }
}
