/**
 * Fan-out benchmark (issue 3): a station in its own process, spectator clients in two worker
 * threads (the generator shares this machine's 2 cores with the station). For 200, 1000, 2000 and
 * 5000 clients in one event: 50 single-result ingests 100 ms apart, delivery latency from the POST
 * to receipt (p50/p99/max), bytes per message, and the station's resident memory per idle client.
 * Then a reconnect storm: 2000 clients connecting at once, time until all hold their `full`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { realXmlPath } from '../test/fixtures/real-data.ts';
import { line, median, ms, percentile } from './stats.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const xml = readFileSync(realXmlPath, 'utf8');
const SECRET = 'bench-secret';
/** Spectator clients in a worker thread (the hardening suite's, in its `healthy` role). */
const clientsWorker = new URL('../test/hardening/lib/hostile-worker.ts', import.meta.url);

async function startStationProcess(dataDir: string) {
  const child = spawn(process.execPath, [join(root, 'src-main/cli.ts'), '--host', '127.0.0.1', '--port', '0', '--data', dataDir,
    '--admin-secret', SECRET, '--max-connections-per-event', '20000', '--max-connections-per-address', '100000'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', () => reject(new Error(out)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

/** The station's resident memory in KB, as it measures it itself (Node's process.memoryUsage()). */
async function rssKb(url: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/admin/station`, { headers: { authorization: `Bearer ${SECRET}` } });
  return ((await res.json()) as { process: { rssBytes: number } }).process.rssBytes / 1024;
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

export async function fanoutBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'raceside-fanout-'));
  const { child, url } = await startStationProcess(dataDir);
  const json = async (method: string, path: string, body: unknown, headers: Record<string, string>) => {
    const res = await fetch(url + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return res.json() as Promise<any>;
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  process.stdout.write('\nFan-out (station in its own process, clients in 2 worker threads on the same 2 cores)\n');
  try {
    for (const clients of (process.env.FANOUT_CLIENTS ?? '200,1000,2000,5000').split(',').map(Number)) {
      const eventId = `fan-${clients}`;
      const { apiKey } = await json('POST', '/api/v1/admin/events', { eventId, mainTitle: 'Fan-out' }, { 'x-master-key': SECRET });
      await json('POST', '/api/v1/ingest/xml', { xml }, { 'x-api-key': apiKey });
      await json('PATCH', `/api/v1/admin/events/${eventId}/status`, { status: 'running' }, { 'x-api-key': apiKey });
      const rss0 = await rssKb(url);
      const wsUrl = `${url.replace('http', 'ws')}/api/v1/events/${eventId}/ws`;
      const workers = [0, 1].map((i) => new Worker(clientsWorker, {
        workerData: { role: 'healthy', url: wsUrl, count: Math.floor(clients / 2) + (i === 0 ? clients % 2 : 0) },
      }));
      const connected = await Promise.all(workers.map((w) => workerCall<{ fulls: number }>(w, { type: 'connect', batch: 250 }, 'connect')));
      const held = connected.reduce((a, c) => a + c.fulls, 0);
      await sleep(500);
      const rss1 = await rssKb(url);
      const startTimes = new Map<number, number>();
      for (let i = 0; i < 50; i++) {
        const time = 7000 + clients * 10 + i;
        startTimes.set(time, performance.timeOrigin + performance.now());
        await json('POST', '/api/v1/ingest/results', {
          results: [{ raceId: 'K1M_ST_BR2_6', participantId: '12054.K1M_ST', bib: 1, time, pen: 0, total: time, status: null }],
        }, { 'x-api-key': apiKey });
        await sleep(100);
      }
      await sleep(1500);
      const reports = await Promise.all(workers.map((w) => workerCall<{ receipts: [number, number[]][]; resultDiffBytes: number; resultDiffs: number }>(w, { type: 'report' }, 'report')));
      const latencies: number[] = [];
      let received = 0;
      for (const r of reports) {
        for (const [id, times] of r.receipts) {
          const t0 = startTimes.get(id);
          if (t0 === undefined) continue;
          for (const t of times) latencies.push(t - t0);
          received += times.length;
        }
      }
      const bytes = reports.reduce((a, r) => a + r.resultDiffBytes, 0);
      const messages = reports.reduce((a, r) => a + r.resultDiffs, 0);
      process.stdout.write(`  ${clients} clients (held ${held}):\n`);
      line('    delivered diffs / expected', `${received} / ${clients * 50}`);
      line('    delivery latency POST → receipt, p50', ms(median(latencies)));
      line('    delivery latency POST → receipt, p99', ms(percentile(latencies, 99)), clients === 2000 ? '≤ 100 ms' : clients === 5000 ? '≤ 300 ms' : '');
      line('    delivery latency POST → receipt, max', ms(latencies.reduce((a, b) => Math.max(a, b), 0)));
      line('    bytes per diff message', `${Math.round(bytes / Math.max(1, messages))} B`);
      // RSS moves with GC too: read the absolute figures with the per-client delta.
      line('    station RSS before → with the clients connected', `${(rss0 / 1024).toFixed(0)} → ${(rss1 / 1024).toFixed(0)} MB`);
      line('    station RSS per idle client (delta / clients)', `${((rss1 - rss0) / clients).toFixed(1)} KB`);
      await Promise.all(workers.map((w) => workerCall(w, { type: 'close' }, 'close')));
      await Promise.all(workers.map((w) => w.terminate()));
      await sleep(300);
    }

    // Reconnect storm: 2000 clients at once, all must hold their full within 3 s.
    const eventId = 'storm';
    const { apiKey } = await json('POST', '/api/v1/admin/events', { eventId, mainTitle: 'Storm' }, { 'x-master-key': SECRET });
    await json('POST', '/api/v1/ingest/xml', { xml }, { 'x-api-key': apiKey });
    await json('PATCH', `/api/v1/admin/events/${eventId}/status`, { status: 'running' }, { 'x-api-key': apiKey });
    const wsUrl = `${url.replace('http', 'ws')}/api/v1/events/${eventId}/ws`;
    const workers = [0, 1].map(() => new Worker(clientsWorker, { workerData: { role: 'healthy', url: wsUrl, count: 1000 } }));
    const t0 = performance.now();
    const res = await Promise.all(workers.map((w) => workerCall<{ fulls: number }>(w, { type: 'connect', batch: 1000 }, 'connect')));
    const took = performance.now() - t0;
    line('reconnect storm: 2000 clients at once, all holding full', `${ms(took)} (${res.reduce((a, r) => a + r.fulls, 0)})`, '≤ 3 s');
    await Promise.all(workers.map((w) => workerCall(w, { type: 'close' }, 'close')));
    await Promise.all(workers.map((w) => w.terminate()));
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
