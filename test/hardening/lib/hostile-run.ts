/**
 * Stalled and hostile clients (issue 6, item 3), shared by the quick test
 * (test/hardening/hostile-clients.test.ts) and the full script (scripts/hostile-clients.ts).
 *
 * A station process holds the real event; healthy spectators sit in two worker threads, the bad
 * ones in two more (hostile-worker.ts). Single-result ingests 50 ms apart are timed from the POST
 * to each healthy client's receipt. Phases alternate A B B A …: A with the healthy clients alone,
 * B with `stalled` sockets that never read plus `churnLoops` loops connecting and dropping. The
 * ratio of the p99s (B over A) is the figure; the order cancels slow drift of a shared machine.
 *
 * Then the memory bound: the healthy clients leave, the stalled sockets come back, and ~100 KB
 * on-course lists are pushed until the station has cut every stalled socket off (4008, their
 * unsent buffer past maxSocketBufferBytes); the station's RSS is sampled throughout.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { api, createEvent, ingest, startTestStation, type TestStation } from '../../helpers/station.ts';
import { realXml } from '../../helpers/capture.ts';
import { median, percentile, sleep, stationRssMb } from './util.ts';

export interface HostileOptions {
  healthy: number;
  stalled: number;
  churnLoops: number;
  /** Pause of each connect/drop loop between two cycles. */
  churnPauseMs: number;
  /** Each round is one A and one B phase (order alternating). */
  rounds: number;
  ingestsPerPhase: number;
  intervalMs: number;
  log?: (line: string) => void;
}

export interface HostileReport {
  opts: HostileOptions;
  baseline: { p50: number; p99: number; max: number; delivered: number; expected: number };
  hostile: { p50: number; p99: number; max: number; delivered: number; expected: number };
  /** p99 of the pooled deliveries, B over A. */
  ratioP99: number;
  /** p99 of each phase, and the ratio of their medians (B over A): robust to one stalled phase. */
  phaseP99: { A: number[]; B: number[] };
  ratioMedianPhaseP99: number;
  healthyCutOff: number;
  stalledUpgraded: number;
  churn: { cycles: number; fulls: number; refused: number; errors: number; perSecond: number };
  rss: { baselineMb: number; hostilePeakMb: number; floodBaseMb: number; floodPeakMb: number; afterFloodMb: number; startMb: number };
  flood: { pushes: number; messageKb: number; stalledLeft: number; seconds: number };
  /** Average size of a single-result diff as the phones received it. */
  resultDiffBytes: number;
  durationMs: number;
}

const EVENT = 'hostile';
const RACE = 'K1M_ST_BR2_6';
// The leader's second run, pushed slower than his first (78.99 s): his better run stays the first,
// so no place and no gap moves and each diff carries his one row (~2 KB), like most finishes of a
// day. (A new leader every push would resend every rider's gap: ~14 KB, the worst case.)
const RIDER = { participantId: '12054.K1M_ST', bib: 1 };
const FIRST_TIME = 9000;

function call<T>(w: Worker, cmd: { type: string; batch?: number }): Promise<T> {
  return new Promise((resolve, reject) => {
    const on = (msg: { type: string }) => {
      if (msg.type !== cmd.type) return;
      w.off('message', on);
      w.off('error', reject);
      resolve(msg as T);
    };
    w.on('message', on);
    w.once('error', reject);
    w.postMessage(cmd);
  });
}

interface Report {
  receipts: [number, number[]][];
  fulls: number;
  diffs: number;
  resultDiffs: number;
  resultDiffBytes: number;
  closedEarly: number;
  closeCodes: [number, number][];
  stalledUpgraded: number;
}

export async function runHostile(opts: HostileOptions): Promise<HostileReport> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  // The database on tmpfs: with a real disk, fsync jitter (10–200 ms on a shared VM) lands in every
  // POST → receipt latency and drowns what this measures. Crash safety is tested elsewhere.
  const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'raceside-hostile-'));
  const station: TestStation = await startTestStation({ dataDir, args: ['--max-connections-per-event', '100000', '--max-connections-per-address', '100000'] });
  const workers: Worker[] = [];
  const spawn = (role: string, count: number) => {
    const w = new Worker(new URL('./hostile-worker.ts', import.meta.url), {
      workerData: { role, url: `${station.url.replace('http', 'ws')}/api/v1/events/${EVENT}/ws`, count, pauseMs: opts.churnPauseMs },
    });
    workers.push(w);
    return w;
  };
  const rssSamples: { phase: string; mb: number }[] = [];
  let phase = 'setup';
  // The station reports its own RSS (Node's process.memoryUsage()); a sample belongs to the phase it was asked in.
  const sampler = setInterval(() => {
    const asked = phase;
    stationRssMb(station).then(
      (mb) => rssSamples.push({ phase: asked, mb }),
      () => {},
    );
  }, 100);
  try {
    const { apiKey } = await createEvent(station, EVENT, 'Hostile clients');
    if ((await ingest(station, apiKey, '/api/v1/ingest/xml', { xml: realXml() })).status !== 200) throw new Error('XML import failed');
    await ingest(station, apiKey, `/api/v1/admin/events/${EVENT}/status`, { status: 'running' });
    const op = { authorization: `Bearer ${station.adminSecret}` };
    const connections = async () => ((await api(station, 'GET', '/api/v1/admin/connections', { headers: op })).body.connections[EVENT] ?? 0) as number;
    const startMb = await stationRssMb(station);

    const half = Math.floor(opts.healthy / 2);
    const healthy = [spawn('healthy', half), spawn('healthy', opts.healthy - half)];
    await Promise.all(healthy.map((w) => call(w, { type: 'connect', batch: 100 })));
    log(`  ${opts.healthy} healthy clients connected (${await connections()} on the station)`);

    let nextId = FIRST_TIME;
    const sentAt = new Map<number, number>();
    /** Sends one phase's ingests; deliveries are collected from the workers at the end. */
    const send = async () => {
      const ids: number[] = [];
      for (let i = 0; i < opts.ingestsPerPhase; i++) {
        const id = nextId++;
        ids.push(id);
        sentAt.set(id, performance.timeOrigin + performance.now());
        const res = await ingest(station, apiKey, '/api/v1/ingest/results', {
          results: [{ raceId: RACE, ...RIDER, time: id, pen: 0, total: id, status: null }],
        });
        if (res.status !== 200) throw new Error(`ingest ${res.status}`);
        await sleep(opts.intervalMs);
      }
      await sleep(300);
      return ids;
    };

    // Warm-up, not measured: JIT, first diffs, connection pools.
    phase = 'warm-up';
    await send();

    const stalledWorker = spawn('stalled', opts.stalled);
    const churnWorker = spawn('churn', opts.churnLoops);
    let churnSeconds = 0;
    let churnTotals = { cycles: 0, fulls: 0, refused: 0, errors: 0 };
    let stalledUpgraded = 0;
    const phases: { kind: 'A' | 'B'; ids: number[] }[] = [];
    const runA = async () => {
      phase = 'A';
      phases.push({ kind: 'A', ids: await send() });
    };
    const runB = async () => {
      phase = 'B-setup';
      stalledUpgraded = (await call<{ stalledUpgraded: number }>(stalledWorker, { type: 'connect', batch: 50 })).stalledUpgraded;
      const c0 = performance.now();
      await call(churnWorker, { type: 'start' });
      phase = 'B';
      phases.push({ kind: 'B', ids: await send() });
      const { cycles, fulls, refused, errors } = await call<typeof churnTotals>(churnWorker, { type: 'stop' });
      churnTotals = { cycles, fulls, refused, errors };
      churnSeconds += (performance.now() - c0) / 1000;
      phase = 'between';
      await call(stalledWorker, { type: 'close' });
      await sleep(200);
    };
    // A B B A A B …: slow drift of a shared machine falls on both kinds alike.
    for (let round = 0; round < opts.rounds; round++) {
      if (round % 2 === 0) {
        await runA();
        await runB();
      } else {
        await runB();
        await runA();
      }
    }
    await sleep(1000);
    const reports = await Promise.all(healthy.map((w) => call<Report>(w, { type: 'report' })));
    const receipts = new Map<number, number[]>();
    for (const r of reports) for (const [id, times] of r.receipts) receipts.set(id, [...(receipts.get(id) ?? []), ...times]);
    const latenciesOf = (ids: number[]) => ids.flatMap((id) => (receipts.get(id) ?? []).map((t) => t - sentAt.get(id)!));
    const A = phases.filter((p) => p.kind === 'A').flatMap((p) => latenciesOf(p.ids));
    const B = phases.filter((p) => p.kind === 'B').flatMap((p) => latenciesOf(p.ids));
    const perPhase = (kind: 'A' | 'B') => phases.filter((p) => p.kind === kind).map((p) => percentile(latenciesOf(p.ids), 99));
    const expected = (kind: 'A' | 'B') => phases.filter((p) => p.kind === kind).length * opts.ingestsPerPhase * opts.healthy;
    const healthyCutOff = reports.reduce((a, r) => a + r.closedEarly, 0);
    log(
      `  per-phase p99, A: ${perPhase('A')
        .map((v) => v.toFixed(0))
        .join(', ')} ms; B: ${perPhase('B')
        .map((v) => v.toFixed(0))
        .join(', ')} ms`,
    );

    // Memory bound: stalled sockets alone, big messages until every one is cut off.
    phase = 'flood-setup';
    await Promise.all(healthy.map((w) => call(w, { type: 'close' })));
    await sleep(500);
    await call(stalledWorker, { type: 'connect', batch: 50 });
    await sleep(300);
    const before = await connections();
    phase = 'flood';
    const riders = (round: number) =>
      Array.from({ length: 300 }, (_, i) => ({
        participantId: `p${i}`,
        raceId: RACE,
        bib: i + 1,
        name: `RIDER ${i} Someone Long`,
        club: 'A club with a rather long name',
        position: 1,
        gates: Array.from({ length: 24 }, () => 0),
        dtStart: null,
        dtFinish: null,
        time: 1000 + round,
        pen: 0,
        total: 1000 + round,
      }));
    const messageKb = JSON.stringify({ oncourse: riders(0) }).length / 1024;
    const f0 = performance.now();
    let pushes = 0;
    let left = before;
    while (left > 0 && pushes < 400) {
      await ingest(station, apiKey, '/api/v1/ingest/oncourse', { oncourse: riders(++pushes) });
      if (pushes % 5 === 0) left = await connections();
    }
    left = await connections();
    const floodSeconds = (performance.now() - f0) / 1000;
    phase = 'after-flood';
    await ingest(station, apiKey, '/api/v1/ingest/oncourse', { oncourse: [] });
    await sleep(2000);
    log(
      `  flood: ${before} stalled sockets, ${pushes} on-course pushes of ${messageKb.toFixed(0)} KB, ${left} left connected after ${floodSeconds.toFixed(1)} s`,
    );

    const mbOf = (p: string) => rssSamples.filter((s) => s.phase === p).map((s) => s.mb);
    const stats = (l: number[], expected: number) => ({ p50: median(l), p99: percentile(l, 99), max: Math.max(...l), delivered: l.length, expected });
    return {
      opts,
      baseline: stats(A, expected('A')),
      hostile: stats(B, expected('B')),
      ratioP99: percentile(B, 99) / percentile(A, 99),
      phaseP99: { A: perPhase('A'), B: perPhase('B') },
      ratioMedianPhaseP99: median(perPhase('B')) / median(perPhase('A')),
      healthyCutOff,
      stalledUpgraded,
      churn: { ...churnTotals, perSecond: churnTotals.cycles / Math.max(0.001, churnSeconds) },
      rss: {
        startMb,
        baselineMb: median(mbOf('A')),
        hostilePeakMb: Math.max(...mbOf('B')),
        floodBaseMb: median(mbOf('flood-setup')),
        floodPeakMb: Math.max(...mbOf('flood')),
        afterFloodMb: median(mbOf('after-flood')),
      },
      flood: { pushes, messageKb, stalledLeft: left, seconds: floodSeconds },
      resultDiffBytes:
        reports.reduce((a, r) => a + r.resultDiffBytes, 0) /
        Math.max(
          1,
          reports.reduce((a, r) => a + r.resultDiffs, 0),
        ),
      durationMs: performance.now() - t0,
    };
  } finally {
    clearInterval(sampler);
    await Promise.all(workers.map((w) => w.terminate()));
    await station.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function describeHostileReport(r: HostileReport): string {
  const o = r.opts;
  const f = (v: number) => `${v.toFixed(1)} ms`;
  return [
    `stalled and hostile clients: ${o.healthy} healthy, ${o.stalled} stalled, ${o.churnLoops} connect/drop loops (${o.churnPauseMs} ms pause); ${o.rounds} × (A + B) phases of ${o.ingestsPerPhase} ingests ${o.intervalMs} ms apart (${(r.durationMs / 1000).toFixed(0)} s)`,
    `  A healthy only:  p50 ${f(r.baseline.p50)}, p99 ${f(r.baseline.p99)}, max ${f(r.baseline.max)}; delivered ${r.baseline.delivered}/${r.baseline.expected}`,
    `  B with bad ones: p50 ${f(r.hostile.p50)}, p99 ${f(r.hostile.p99)}, max ${f(r.hostile.max)}; delivered ${r.hostile.delivered}/${r.hostile.expected}`,
    `  p99 ratio B/A: pooled ${r.ratioP99.toFixed(2)}, median of per-phase p99s ${r.ratioMedianPhaseP99.toFixed(2)} (limit 1.5); healthy clients cut off: ${r.healthyCutOff}; stalled sockets upgraded: ${r.stalledUpgraded}`,
    `  per-phase p99 A: ${r.phaseP99.A.map((v) => v.toFixed(0)).join(' ')} ms; B: ${r.phaseP99.B.map((v) => v.toFixed(0)).join(' ')} ms`,
    `  a single-result diff as the phones received it: ${(r.resultDiffBytes / 1024).toFixed(2)} KB`,
    `  churn: ${r.churn.cycles} connect/drop cycles (${r.churn.perSecond.toFixed(0)}/s; ${r.churn.fulls} got their full, ${r.churn.refused} refused, ${r.churn.errors} errors)`,
    `  station RSS: start ${r.rss.startMb.toFixed(0)} MB, phase A ${r.rss.baselineMb.toFixed(0)} MB, phase B peak ${r.rss.hostilePeakMb.toFixed(0)} MB`,
    `  flood: ${o.stalled} stalled sockets, ${r.flood.pushes} pushes of ${r.flood.messageKb.toFixed(0)} KB → ${r.flood.stalledLeft} left (cut off with 4008); RSS ${r.rss.floodBaseMb.toFixed(0)} → peak ${r.rss.floodPeakMb.toFixed(0)} → ${r.rss.afterFloodMb.toFixed(0)} MB`,
  ].join('\n');
}
