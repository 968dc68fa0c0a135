/**
 * First-view benchmark (issue 17, item 3): how long a phone waits, from tapping the event's link
 * (`/#/events/<id>`, what the QR codes open) to the first result row on screen, on a slow mobile
 * network and a slow phone: Chromium's DevTools presets "Slow 3G" (2 s latency, 50 KB/s) and
 * "Slow 4G" (562.5 ms, 180 KB/s down), set over CDP (Network.emulateNetworkConditions) with the CPU
 * slowed 4× (Emulation.setCPUThrottlingRate), cache disabled: every run is a first visit.
 *
 * Printed before and after, in one run: "after" is this tree's station and build; "before" is the
 * station and build of `FIRST_VIEW_BEFORE` (a git revision, default the last one before the first
 * view came with the page), extracted into a temporary folder and built there. The real export is
 * imported, the event set running and the capture's live results pushed, the same into both.
 * Chromium is the tests' own (test/helpers/browser.ts). `FIRST_VIEW_RUNS` runs per preset (3).
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../test/helpers/browser.ts';
import { captureFor, realXml } from '../test/helpers/capture.ts';
import { line, median, ms } from './stats.ts';
import { BENCH_SECRET as SECRET, startStationProcess, type StationProcess } from './station-process.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const EVENT = 'jarni-slalomy-2024';
const RUNS = Number(process.env.FIRST_VIEW_RUNS ?? 3);
/** The revision "before": the station and app as they were before issue 17's first view. */
const BEFORE = process.env.FIRST_VIEW_BEFORE ?? '2c71701333b5edbca72b4eedabec1e4f0ce27a61';

/** Chromium DevTools' presets (front_end/core/sdk/NetworkManager.ts), bytes per second. */
const presets = {
  'Slow 3G': { latency: 2000, downloadThroughput: ((500 * 1000) / 8) * 0.8, uploadThroughput: ((500 * 1000) / 8) * 0.8, target: 5000 },
  'Slow 4G': { latency: 562.5, downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((750 * 1000) / 8) * 0.9, target: 1200 },
} as const;

/**
 * Records (in the page, from its first byte) when a result row is first on screen: checked once per
 * rendered frame (before it is drawn), and the time taken at the frame after, when it has been
 * drawn. Checking in the frame does no layout of its own: a check on every DOM mutation would force
 * one layout per parser chunk and slow the very page being measured.
 */
const observeFirstRow = `(() => {
  const visible = () => [...document.querySelectorAll('[data-testid=result-row]')].some((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
  const frame = () => {
    if (visible()) requestAnimationFrame(() => { window.__firstRow = performance.now(); });
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

async function startStation(tree: string): Promise<StationProcess & { data: string }> {
  const data = mkdtempSync(join(tmpdir(), 'raceside-firstview-'));
  const station = await startStationProcess({ dataDir: data, tree, stdio: ['ignore', 'pipe', 'ignore'] });
  const url = station.url;
  const post = async (path: string, body: unknown, headers: Record<string, string>, method = 'POST') => {
    const res = await fetch(url + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<any>;
  };
  const { apiKey } = await post('/api/v1/admin/events', { eventId: EVENT, mainTitle: 'Jarní slalomy 2024' }, { 'x-master-key': SECRET });
  await post('/api/v1/ingest/xml', { xml: realXml() }, { 'x-api-key': apiKey });
  await post(`/api/v1/admin/events/${EVENT}/status`, { status: 'running' }, { 'x-api-key': apiKey }, 'PATCH');
  for (const r of captureFor(EVENT)) if (r.url.endsWith('/ingest/results')) await post(r.url, r.body, { 'x-api-key': apiKey });
  return { ...station, data };
}

async function stop(s: StationProcess & { data: string }): Promise<void> {
  await s.stop();
  rmSync(s.data, { recursive: true, force: true });
}

/** Milliseconds from navigation to the first result row on screen, per run. */
async function firstRow(browser: Browser, url: string, preset: keyof typeof presets): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'cs-CZ' });
    const page = await context.newPage();
    await page.addInitScript(observeFirstRow);
    const cdp = await context.newCDPSession(page);
    const { target: _, ...conditions } = presets[preset];
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions, connectionType: 'cellular3g' });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${url}/#/events/${EVENT}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => typeof (window as unknown as { __firstRow?: number | null }).__firstRow === 'number', null, {
      timeout: 60_000,
      polling: 100,
    });
    out.push(await page.evaluate(() => (window as unknown as { __firstRow: number }).__firstRow));
    await context.close();
  }
  return out;
}

/** The tree of revision `rev`, extracted and built in a temporary folder (this tree's node_modules). */
function buildBefore(rev: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'raceside-before-'));
  execSync(`git -C "${root}" archive ${rev} | tar -x -C "${dir}"`);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return dir;
}

export async function firstViewBench(): Promise<void> {
  process.stdout.write('\nFirst view: tap on the event link → first result row on screen (Chromium, CPU 4× slower, cold cache)\n');
  execFileSync(process.execPath, [join(root, 'scripts/ensure-build.ts')], { cwd: root, stdio: 'inherit' });
  const browser = await launchBrowser();
  const before = BEFORE && existsSync(join(root, '.git')) ? buildBefore(BEFORE) : null;
  try {
    const results: Record<string, Record<string, number[]>> = {};
    for (const [name, tree] of [
      ['before', before],
      ['after', root],
    ] as const) {
      if (!tree) continue;
      const station = await startStation(tree);
      try {
        for (const preset of Object.keys(presets) as (keyof typeof presets)[]) {
          (results[preset] ??= {})[name] = await firstRow(browser, station.url, preset);
        }
      } finally {
        await stop(station);
      }
    }
    for (const preset of Object.keys(presets) as (keyof typeof presets)[]) {
      const b = results[preset].before;
      const a = results[preset].after;
      line(`${preset}: before → after (median of ${RUNS})`, `${b ? ms(median(b)) : '–'} → ${ms(median(a))}`, `≤ ${presets[preset].target / 1000} s`);
    }
  } finally {
    await browser.close();
    if (before) rmSync(before, { recursive: true, force: true });
  }
}
