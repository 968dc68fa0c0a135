/**
 * A race day compressed (issue 6, item 4), shared by the quick test
 * (test/hardening/race-day-soak.test.ts) and `scripts/soak.ts`.
 *
 * A station process (probed-station.ts: the ordinary station plus an IPC probe, run with
 * --expose-gc) holds the real event. The real c123-server capture is replayed in a loop at `speed`×,
 * one queue per channel as c123-server sends them (on-course, results, XML, status); each loop
 * shifts the pushed run times by one more centisecond, so every loop really changes results.
 * Stable spectators stay connected all day, churning ones come and go. Every `probeEveryMs` the
 * probe takes the heap after a full GC, RSS, handles by type and open file descriptors.
 *
 * Verdicts: heap and RSS level off (growth over the last half under 10%, medians of the windows
 * around the midpoint and at the end), no handle, timer or descriptor left behind once the
 * spectators have gone (compared with before they came), every request answered 2xx, and every
 * stable client current at the end: last seq = the station's, results = REST `?detailed=true`,
 * on-course list = REST, no gaps, no extra full or refresh, never closed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { captureFor, realXml, type CapturedRequest } from '../../helpers/capture.ts';
import { api, ingest } from '../../helpers/station.ts';
import { median, sleep } from './util.ts';
import type { ProbeSample } from './probed-station.ts';

export interface SoakOptions {
  minutes: number;
  speed: number;
  stableClients: number;
  churnClients: number;
  probeEveryMs: number;
  /**
   * XML imports before the day starts. The first few imports grow the station's RSS in steps (the
   * parse worker's heap finds its size) before it levels off; these let the quick run start from
   * the level. [0]
   */
  warmupImports?: number;
  /** Samples before this many seconds are left out of the growth figures (JIT, first sizes). [0] */
  warmupS?: number;
  log?: (line: string) => void;
}

export interface SoakSample extends ProbeSample {
  atS: number;
}

export interface SoakReport {
  opts: SoakOptions;
  loops: number;
  requests: number;
  failedRequests: string[];
  samples: SoakSample[];
  growth: { heapPct: number; rssPct: number; heapMidMb: number; heapEndMb: number; rssMidMb: number; rssEndMb: number };
  handles: {
    before: Record<string, number>;
    during: Record<string, number>;
    after: Record<string, number>;
    fdsBefore: number | null;
    fdsDuring: number | null;
    fdsAfter: number | null;
  };
  leftBehind: string[];
  clients: {
    current: number;
    stable: number;
    stale: string[];
    diffs: number;
    finalSeq: number;
    bytesPerPhonePerS: number;
    onCourseBytesPerPhonePerS: number;
    bytesPerResultDiff: number;
  };
  churn: { joins: number; fulls: number; refused: number; errors: number };
  stopExitCode: number | null;
  durationS: number;
}

const EVENT = 'race-day';
const SECRET = 'soak-admin-secret';
const RACE = 'K1M_ST_BR2_6';

function call<T>(w: Worker, cmd: { type: string; [k: string]: unknown }): Promise<T> {
  return new Promise((resolve, reject) => {
    const on = (msg: { type: string }) => {
      if (msg.type !== cmd.type) return;
      w.off('message', on);
      resolve(msg as T);
    };
    w.on('message', on);
    w.once('error', reject);
    w.postMessage(cmd);
  });
}

function probeOf(child: ChildProcess): () => Promise<ProbeSample> {
  return () =>
    new Promise((resolve) => {
      const on = (msg: ProbeSample) => {
        if (msg.type !== 'probe') return;
        child.off('message', on);
        resolve(msg);
      };
      child.on('message', on);
      child.send({ type: 'probe' });
    });
}

/**
 * Growth over the last half of the measured span (after `fromS`), in %: the median of the samples
 * around its midpoint (±10 % of the span) against the median of the last 15 % of the span.
 */
function growth(samples: SoakSample[], pick: (s: SoakSample) => number, fromS: number, totalS: number) {
  const span = totalS - fromS;
  const midAt = fromS + span / 2;
  const mid = median(samples.filter((s) => Math.abs(s.atS - midAt) <= 0.1 * span).map(pick));
  const end = median(samples.filter((s) => s.atS >= totalS - 0.15 * span).map(pick));
  return { mid, end, pct: ((end - mid) / mid) * 100 };
}

export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'raceside-soak-'));
  const child = fork(new URL('./probed-station.ts', import.meta.url), [dataDir, SECRET], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const workers: Worker[] = [];
  try {
    const ready = await new Promise<{ url: string }>((resolve, reject) => {
      child.once('message', (m: { type: string; url: string }) => (m.type === 'ready' ? resolve(m) : reject(new Error(`unexpected ${JSON.stringify(m)}`))));
      child.once('exit', (code) => reject(new Error(`station exited ${code}: ${output}`)));
    });
    const station = { url: ready.url };
    const probe = probeOf(child);
    const created = await api(station, 'POST', '/api/v1/admin/events', {
      headers: { 'x-master-key': SECRET },
      body: { eventId: EVENT, mainTitle: 'Jarní slalomy 2024' },
    });
    const apiKey = created.body.apiKey as string;
    for (let i = 0; i <= (opts.warmupImports ?? 0); i++) {
      if ((await ingest(station, apiKey, '/api/v1/ingest/xml', { xml: realXml() })).status !== 200) throw new Error('XML import failed');
    }
    await ingest(station, apiKey, `/api/v1/admin/events/${EVENT}/status`, { status: 'running' });
    const pairedRace = (await api(station, 'GET', `/api/v1/events/${EVENT}`)).body.races.find((r: { raceId: string }) => r.raceId === RACE)
      .pairedRaceId as string;
    const initial = (await api(station, 'GET', `/api/v1/events/${EVENT}/results/${RACE}?detailed=true`)).body.results;
    await sleep(500);
    const before = await probe();

    const wsUrl = `${station.url.replace('http', 'ws')}/api/v1/events/${EVENT}/ws`;
    const spawn = (role: string, count: number) => {
      const w = new Worker(new URL('./soak-worker.ts', import.meta.url), { workerData: { role, url: wsUrl, count, raceIds: [RACE, pairedRace] } });
      workers.push(w);
      return w;
    };
    const stable = spawn('stable', opts.stableClients);
    const churn = spawn('churn', opts.churnClients);
    await call(stable, { type: 'connect', initial });
    await call(churn, { type: 'start' });
    log(
      `  station ${station.url}: ${opts.stableClients} stable and ${opts.churnClients} churning spectators; replaying at ${opts.speed}× for ${opts.minutes} min`,
    );

    const samples: SoakSample[] = [];
    const s0 = performance.now();
    const totalS = opts.minutes * 60;
    const sampler = (async () => {
      while ((performance.now() - s0) / 1000 < totalS) {
        const s = await probe();
        samples.push({ ...s, atS: (performance.now() - s0) / 1000 });
        await sleep(opts.probeEveryMs);
      }
    })();

    const capture = captureFor(EVENT);
    const failed: string[] = [];
    let requests = 0;
    let loops = 0;
    const channels = new Map<string, Promise<void>>();
    const send = (r: CapturedRequest, body: unknown) => {
      const channel = r.url.split('/').pop()!;
      const previous = channels.get(channel) ?? Promise.resolve();
      const next = previous.then(async () => {
        requests++;
        try {
          const res = await ingest(station, apiKey, r.url, body);
          if (res.status < 200 || res.status >= 300 || typeof res.body !== 'object')
            failed.push(`${r.method} ${r.url} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        } catch (err) {
          failed.push(`${r.method} ${r.url} → ${(err as Error).message}`);
        }
      });
      channels.set(channel, next);
    };
    while ((performance.now() - s0) / 1000 < totalS) {
      const shift = ++loops;
      const loopStart = performance.now();
      for (const r of capture) {
        const due = loopStart + r.t / opts.speed;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        if ((performance.now() - s0) / 1000 >= totalS) break;
        let body = r.body;
        if (r.url.endsWith('/ingest/results')) {
          body = {
            results: (r.body.results as Record<string, number | null>[]).map((row) => ({
              ...row,
              time: row.time === null ? null : row.time! + shift,
              total: row.total === null ? null : row.total! + shift,
            })),
          };
        }
        send(r, body);
      }
      await Promise.all(channels.values());
      if (loops % 10 === 0) {
        const last = samples[samples.length - 1];
        log(
          `  loop ${loops} at ${((performance.now() - s0) / 1000).toFixed(0)} s: ${requests} requests, heap ${last?.heapUsedMb.toFixed(1)} MB, RSS ${last?.rssMb.toFixed(0)} MB, handles ${JSON.stringify(last?.resources)}`,
        );
      }
    }
    await sampler;
    const loopSeconds = (performance.now() - s0) / 1000;
    const churnStats = await call<SoakReport['churn']>(churn, { type: 'stop' });

    // The day is over: riders leave the course (10 s TTL), the station goes quiet.
    for (let i = 0; i < 40; i++) {
      if (((await api(station, 'GET', `/api/v1/events/${EVENT}/oncourse`)).body.oncourse as unknown[]).length === 0) break;
      await sleep(500);
    }
    await sleep(1000);
    const during = await probe();
    const expected = {
      seq: during.seqs[EVENT],
      results: (await api(station, 'GET', `/api/v1/events/${EVENT}/results/${RACE}?detailed=true`)).body.results,
      oncourse: (await api(station, 'GET', `/api/v1/events/${EVENT}/oncourse`)).body.oncourse,
    };
    const verdict = await call<{
      current: number;
      stale: string[];
      staleCount: number;
      diffs: number;
      bytes: number;
      resultDiffs: number;
      resultDiffBytes: number;
      onCourseBytes: number;
    }>(stable, { type: 'report', expected });

    // Everyone goes home: what the day leaves behind shows once the sockets are gone.
    await call(stable, { type: 'close' });
    await Promise.all(workers.map((w) => w.terminate()));
    workers.length = 0;
    await sleep(3000);
    const after = await probe();
    const leftBehind: string[] = [];
    for (const type of new Set([...Object.keys(before.resources), ...Object.keys(after.resources)])) {
      const b = before.resources[type] ?? 0;
      const a = after.resources[type] ?? 0;
      // A few keep-alive HTTP connections of this harness may still be open (TCPSocketWrap).
      const slack = type === 'TCPSocketWrap' ? 6 : type === 'Timeout' ? 2 : 0;
      if (a > b + slack) leftBehind.push(`${type}: ${b} before the spectators, ${a} after they left`);
    }
    if (after.fds !== null && before.fds !== null && after.fds > before.fds + 6) leftBehind.push(`file descriptors: ${before.fds} before, ${after.fds} after`);

    const heap = growth(samples, (s) => s.heapUsedMb, opts.warmupS ?? 0, totalS);
    const rss = growth(samples, (s) => s.rssMb, opts.warmupS ?? 0, totalS);
    child.send({ type: 'stop' });
    const stopExitCode = await new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    return {
      opts,
      loops,
      requests,
      failedRequests: failed,
      samples,
      growth: { heapPct: heap.pct, rssPct: rss.pct, heapMidMb: heap.mid, heapEndMb: heap.end, rssMidMb: rss.mid, rssEndMb: rss.end },
      handles: {
        before: before.resources,
        during: during.resources,
        after: after.resources,
        fdsBefore: before.fds,
        fdsDuring: during.fds,
        fdsAfter: after.fds,
      },
      leftBehind,
      clients: {
        current: verdict.current,
        stable: opts.stableClients,
        stale: verdict.stale,
        diffs: verdict.diffs,
        finalSeq: expected.seq,
        // Per phone and second of real racing (the replay runs `speed` times faster).
        bytesPerPhonePerS: verdict.bytes / opts.stableClients / (loopSeconds * opts.speed),
        onCourseBytesPerPhonePerS: verdict.onCourseBytes / opts.stableClients / (loopSeconds * opts.speed),
        bytesPerResultDiff: verdict.resultDiffBytes / Math.max(1, verdict.resultDiffs),
      },
      churn: churnStats,
      stopExitCode,
      durationS: (performance.now() - t0) / 1000,
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function describeSoakReport(r: SoakReport): string {
  const o = r.opts;
  const fmt = (x: Record<string, number>) =>
    Object.entries(x)
      .sort()
      .map(([k, v]) => `${k}×${v}`)
      .join(' ');
  return [
    `race day compressed: the real capture at ${o.speed}× for ${o.minutes} min (${r.loops} loops = ${((r.loops * 248) / 3600).toFixed(1)} h of racing), ${r.requests} requests, ${r.failedRequests.length} not 2xx`,
    `  heap after GC: ${r.growth.heapMidMb.toFixed(1)} MB at half-time → ${r.growth.heapEndMb.toFixed(1)} MB at the end (${r.growth.heapPct >= 0 ? '+' : ''}${r.growth.heapPct.toFixed(1)} %, limit +10 %)`,
    `  RSS: ${r.growth.rssMidMb.toFixed(0)} MB → ${r.growth.rssEndMb.toFixed(0)} MB (${r.growth.rssPct >= 0 ? '+' : ''}${r.growth.rssPct.toFixed(1)} %, limit +10 %)`,
    `  handles before spectators: ${fmt(r.handles.before)}; fds ${r.handles.fdsBefore}`,
    `  handles at the end, ${o.stableClients} connected: ${fmt(r.handles.during)}; fds ${r.handles.fdsDuring}`,
    `  handles after they left: ${fmt(r.handles.after)}; fds ${r.handles.fdsAfter}; left behind: ${r.leftBehind.length ? r.leftBehind.join(', ') : 'nothing'}`,
    `  spectators: ${r.clients.current}/${r.clients.stable} stable clients current at the end (seq ${r.clients.finalSeq}, ${r.clients.diffs} diffs received); churn: ${r.churn.joins} joins, ${r.churn.refused} refused, ${r.churn.errors} errors`,
    `  traffic per phone and second of racing: ${(r.clients.bytesPerPhonePerS / 1024).toFixed(2)} KB, of which on-course ${(r.clients.onCourseBytesPerPhonePerS / 1024).toFixed(2)} KB ` +
      `(results diffs average ${(r.clients.bytesPerResultDiff / 1024).toFixed(1)} KB here: each loop shifts every pushed row)`,
    `  station stopped with exit code ${r.stopExitCode} after ${r.durationS.toFixed(0)} s`,
  ].join('\n');
}
