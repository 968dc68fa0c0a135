/**
 * A board that runs all day (issue 15, item 6), shared by the quick test
 * (test/browser/board-soak.test.ts) and `scripts/board-soak.ts`.
 *
 * A real station process holds the real event; the real c123-server capture is replayed in a loop
 * at `speed`× (one queue per channel, as c123-server sends them; each loop shifts the pushed run
 * times by one more centisecond so every loop really changes results, as the station soak does)
 * for `minutes` of racing, while a board at 1920×1080 in headless Chromium shows it. Every
 * `sampleEveryS` the board's JS heap is measured after a forced full GC (Chrome DevTools Protocol:
 * HeapProfiler.collectGarbage, then Runtime.getHeapUsage), with its DOM node count.
 *
 * Verdicts: the heap levels off (the median of the samples around the midpoint against the median
 * of the last 15 %, after the warm-up: growth under 10 %), the DOM does not grow, the board is live
 * at the end (it shows the race and its rows), no page error.
 */
import type { CDPSession } from 'playwright-core';
import { launchBrowser } from '../../helpers/browser.ts';
import { captureFor, type CapturedRequest } from '../../helpers/capture.ts';
import { createEvent, ingest, startTestStation } from '../../helpers/station.ts';

export interface BoardSoakOptions {
  /** Minutes of racing (the capture looped); wall time is minutes / speed. */
  minutes: number;
  speed: number;
  sampleEveryS: number;
  /** Samples before this many seconds (wall) are left out of the growth figure. */
  warmupS: number;
  log?: (line: string) => void;
}

export interface BoardSample {
  atS: number;
  heapMb: number;
  nodes: number;
}

export interface BoardSoakReport {
  opts: BoardSoakOptions;
  loops: number;
  requests: number;
  failedRequests: string[];
  samples: BoardSample[];
  heap: { midMb: number; endMb: number; pct: number; minMb: number; maxMb: number };
  nodes: { mid: number; end: number };
  pageErrors: string[];
  liveAtEnd: boolean;
  wallS: number;
}

const EVENT = 'board-day';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sample(cdp: CDPSession): Promise<{ heapMb: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Runtime.evaluate', { expression: 'document.getElementsByTagName("*").length', returnByValue: true });
  return { heapMb: heap.usedSize / 1024 / 1024, nodes: dom.result.value as number };
}

export async function runBoardSoak(opts: BoardSoakOptions): Promise<BoardSoakReport> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const station = await startTestStation();
  const browser = await launchBrowser();
  try {
    const { apiKey } = await createEvent(station, EVENT, 'Jarní slalomy 2024');
    const capture = captureFor(EVENT);
    for (const r of capture.filter((x) => x.t <= 5012)) {
      const res = await ingest(station, apiKey, r.url, r.body);
      if (res.status >= 300) throw new Error(`setup ${r.url}: ${res.status}`);
    }
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${station.url}/board`);
    await page.locator('[data-testid=board-row]').first().waitFor({ timeout: 30_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');

    const samples: BoardSample[] = [];
    const totalS = (opts.minutes * 60) / opts.speed;
    const s0 = performance.now();
    const sampler = (async () => {
      while ((performance.now() - s0) / 1000 < totalS) {
        const s = await sample(cdp);
        samples.push({ atS: (performance.now() - s0) / 1000, ...s });
        await sleep(opts.sampleEveryS * 1000);
      }
    })();

    const failed: string[] = [];
    let requests = 0;
    let loops = 0;
    const channels = new Map<string, Promise<void>>();
    const send = (r: CapturedRequest, body: unknown) => {
      const channel = r.url.split('/').pop()!;
      const next = (channels.get(channel) ?? Promise.resolve()).then(async () => {
        requests++;
        try {
          const res = await ingest(station, apiKey, r.url, body);
          if (res.status >= 300) failed.push(`${r.url} → ${res.status}`);
        } catch (err) {
          failed.push(`${r.url} → ${(err as Error).message}`);
        }
      });
      channels.set(channel, next);
    };
    while ((performance.now() - s0) / 1000 < totalS) {
      const shift = ++loops;
      const loopStart = performance.now();
      for (const r of capture) {
        const wait = loopStart + r.t / opts.speed - performance.now();
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
      const last = samples[samples.length - 1];
      log(
        `  loop ${loops} at ${((performance.now() - s0) / 1000).toFixed(0)} s: ${requests} requests, board heap ${last?.heapMb.toFixed(2)} MB after GC, ${last?.nodes} DOM nodes`,
      );
    }
    await sampler;
    const liveAtEnd = (await page.locator('[data-testid=board-row]').count()) > 0 && (await page.getByTestId('board-race').count()) > 0;

    const measured = samples.filter((s) => s.atS >= opts.warmupS);
    const span = totalS - opts.warmupS;
    const midAt = opts.warmupS + span / 2;
    const mid = measured.filter((s) => Math.abs(s.atS - midAt) <= 0.1 * span);
    const end = measured.filter((s) => s.atS >= totalS - 0.15 * span);
    const midMb = median(mid.map((s) => s.heapMb));
    const endMb = median(end.map((s) => s.heapMb));
    await context.close();
    return {
      opts,
      loops,
      requests,
      failedRequests: failed,
      samples,
      heap: {
        midMb,
        endMb,
        pct: ((endMb - midMb) / midMb) * 100,
        minMb: Math.min(...measured.map((s) => s.heapMb)),
        maxMb: Math.max(...measured.map((s) => s.heapMb)),
      },
      nodes: { mid: median(mid.map((s) => s.nodes)), end: median(end.map((s) => s.nodes)) },
      pageErrors,
      liveAtEnd,
      wallS: (performance.now() - t0) / 1000,
    };
  } finally {
    await browser.close();
    await station.cleanup();
  }
}

export function describeBoardSoak(r: BoardSoakReport): string {
  const o = r.opts;
  return [
    `board all day: the real capture looped at ${o.speed}× for ${o.minutes} min of racing (${r.loops} loops), ${r.requests} pushes, ${r.failedRequests.length} not 2xx`,
    `  board JS heap after GC: ${r.heap.midMb.toFixed(2)} MB at half-time → ${r.heap.endMb.toFixed(2)} MB at the end (${r.heap.pct >= 0 ? '+' : ''}${r.heap.pct.toFixed(1)} %, limit +10 %); range ${r.heap.minMb.toFixed(2)}–${r.heap.maxMb.toFixed(2)} MB over ${r.samples.length} samples`,
    `  DOM nodes: ${r.nodes.mid} at half-time → ${r.nodes.end} at the end`,
    `  live at the end: ${r.liveAtEnd}; page errors: ${r.pageErrors.length ? r.pageErrors.join(' | ') : 'none'}; ${r.wallS.toFixed(0)} s wall`,
  ].join('\n');
}

/** Every failed verdict, as sentences (empty: it passed). */
export function boardSoakFailures(r: BoardSoakReport): string[] {
  return [
    ...r.failedRequests.slice(0, 5),
    ...r.pageErrors,
    ...(r.heap.pct >= 10 ? [`board heap grew ${r.heap.pct.toFixed(1)} % over the last half`] : []),
    ...(Number.isNaN(r.heap.pct) ? ['too few heap samples'] : []),
    ...(r.nodes.end > r.nodes.mid * 1.1 + 20 ? [`DOM grew from ${r.nodes.mid} to ${r.nodes.end} nodes`] : []),
    ...(!r.liveAtEnd ? ['the board was not showing the race at the end'] : []),
  ];
}
