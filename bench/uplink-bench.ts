/**
 * Uplink benchmarks: a station with an uplink to a second station (both in this process, real
 * HTTP on loopback) through the fault proxy (test/helpers/fault-proxy.ts), which counts what
 * reaches the target.
 *
 * - Bytes to the target per race hour, against what c123-server sent to its server for the same
 *   capture (the capture records c123-server's request bodies; both sides count request body
 *   bytes only). The capture replays at `SPEED`×, and the uplink's on-course interval is divided
 *   by the same factor, so it sends as often per second of racing as it would live.
 * - The drain time of a 10-minute backlog: 10 minutes of racing (the capture looped, every loop
 *   shifting the run times, so every loop really changes results) pushed while the link is a
 *   blackhole, then the link comes back: the time until the outbox is empty and the target's
 *   public answers equal the station's.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStation, type Station } from '../src-main/station.ts';
import { defaultSettings } from '../src-main/settings.ts';
import { realCapturePath, realXmlPath } from '../test/fixtures/real-data.ts';
import { startFaultProxy, type FaultProxy } from '../test/helpers/fault-proxy.ts';
import { PAIR_EVENT, publicDifferences, replayCapture } from '../test/helpers/uplink-pair.ts';
import { line } from './stats.ts';

const SPEED = 10;
const SECRET = 'bench-secret';

interface BenchPair {
  station: Station;
  target: Station;
  proxy: FaultProxy;
  apiKey: string;
  uplink(): Promise<{ queued: number; oldestUnsentMs: number | null; bytesSent: number; requestsSent: number }>;
  close(): Promise<void>;
}

async function startPair(onCourseIntervalMs: number): Promise<BenchPair> {
  const dirs = [mkdtempSync(join(tmpdir(), 'raceside-uplink-bench-')), mkdtempSync(join(tmpdir(), 'raceside-uplink-bench-'))];
  const target = await startStation({ host: '127.0.0.1', port: 0, dataDir: dirs[0], adminSecret: SECRET, pagesRoot: null });
  const station = await startStation({
    host: '127.0.0.1',
    port: 0,
    dataDir: dirs[1],
    adminSecret: SECRET,
    pagesRoot: null,
    settings: { uplinkOnCourseIntervalMs: onCourseIntervalMs },
  });
  const meta = {
    eventId: PAIR_EVENT,
    mainTitle: 'Jarní slalomy 2024',
    subTitle: null,
    location: null,
    facility: null,
    startDate: null,
    endDate: null,
    discipline: null,
  };
  const remote = target.core.createEvent(meta);
  const local = station.core.createEvent(meta);
  const proxy = await startFaultProxy(target.url);
  station.uplink.configure(PAIR_EVENT, { url: proxy.url, remoteEventId: PAIR_EVENT, apiKey: remote.apiKey, enabled: true });
  return {
    station,
    target,
    proxy,
    apiKey: local.apiKey,
    uplink: async () => station.uplink.status(PAIR_EVENT),
    async close() {
      await proxy.close();
      await station.close();
      await target.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

async function drained(pair: BenchPair, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while ((await pair.uplink()).queued > 0) {
    if (performance.now() - t0 > timeoutMs) throw new Error('uplink did not drain');
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - t0;
}

function c123ServerBytes(): { total: number; byChannel: Record<string, number>; spanS: number } {
  const lines = readFileSync(realCapturePath, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { t: number; url: string; bodyBytes: number });
  const byChannel: Record<string, number> = {};
  for (const l of lines) {
    const channel = l.url.split('/').pop()!;
    byChannel[channel] = (byChannel[channel] ?? 0) + l.bodyBytes;
  }
  return { total: Object.values(byChannel).reduce((a, b) => a + b, 0), byChannel, spanS: lines[lines.length - 1].t / 1000 };
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;

export async function uplinkBench(): Promise<{ ours: number; theirs: number; drainMs: number }> {
  process.stdout.write(`\nUplink (real capture at ${SPEED}×; a second station as the target, over loopback)\n`);
  const theirs = c123ServerBytes();
  const perHour = 3600 / theirs.spanS;

  const pair = await startPair(Math.round(defaultSettings.uplinkOnCourseIntervalMs / SPEED));
  const ours: Record<string, number> = {};
  try {
    const replayed = await replayCapture(pair.station, pair.apiKey, { speed: SPEED });
    if (replayed.failed.length) throw new Error(`replay failed: ${replayed.failed[0]}`);
    await drained(pair, 30_000);
    const diff = await publicDifferences(pair.station, pair.target);
    if (diff.length) throw new Error(`target differs: ${diff[0]}`);
    for (const r of pair.proxy.log) {
      const channel = r.path.endsWith('/status') ? 'status' : r.path.split('/').pop()!;
      ours[channel] = (ours[channel] ?? 0) + r.bytes;
    }
  } finally {
    await pair.close();
  }
  const oursTotal = Object.values(ours).reduce((a, b) => a + b, 0);
  const oursLive = oursTotal - (ours.xml ?? 0);
  const theirsLive = theirs.total - (theirs.byChannel.xml ?? 0);
  line('bytes per race hour: uplink / c123-server', `${mb(oursTotal * perHour)} / ${mb(theirs.total * perHour)}`, 'fewer');
  line('  without the XML export (sent once by both)', `${mb(oursLive * perHour)} / ${mb(theirsLive * perHour)}`);
  for (const channel of ['xml', 'results', 'oncourse', 'status']) {
    line(`  ${channel} in the ${theirs.spanS.toFixed(0)} s capture`, `${kb(ours[channel] ?? 0)} / ${kb(theirs.byChannel[channel] ?? 0)}`);
  }

  // A 10-minute backlog.
  const backlog = await startPair(defaultSettings.uplinkOnCourseIntervalMs);
  let drainMs = NaN;
  try {
    const xml = readFileSync(realXmlPath, 'utf8');
    await backlog.station.core.ingestXml(PAIR_EVENT, xml);
    backlog.station.core.changeStatus(PAIR_EVENT, 'running', 'ingest');
    await drained(backlog, 30_000);
    backlog.proxy.blackhole(true);
    const raceS = 600;
    const fast = 40;
    let done = 0;
    for (let loop = 1; done < raceS; loop++) {
      const span = Math.min(theirs.spanS, raceS - done);
      const start = performance.now();
      await replayCapture(backlog.station, backlog.apiKey, { speed: fast, shift: loop, stopAt: () => (performance.now() - start) / 1000 > span / fast });
      done += span;
    }
    const before = await backlog.uplink();
    backlog.proxy.blackhole(false);
    drainMs = await drained(backlog, 60_000);
    const diff = await publicDifferences(backlog.station, backlog.target);
    if (diff.length) throw new Error(`target differs after the drain: ${diff[0]}`);
    line('10-minute backlog: items queued (coalesced)', `${before.queued}`);
    line('10-minute backlog: drain time after the link is back', `${(drainMs / 1000).toFixed(2)} s`, '≤ 10 s');
  } finally {
    await backlog.close();
  }
  return { ours: oursTotal * perHour, theirs: theirs.total * perHour, drainMs };
}
