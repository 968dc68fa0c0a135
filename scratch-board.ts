import { launchBrowser } from './test/helpers/browser.ts';
import { captureFor } from './test/helpers/capture.ts';
import { createEvent, ingest, startTestStation } from './test/helpers/station.ts';

const EVENT = 'jarni-slalomy-2024';
const station = await startTestStation();
const { apiKey } = await createEvent(station, EVENT, 'Jarní slalomy 2024');
const capture = captureFor(EVENT);
const until = Number(process.argv[2] ?? 40000);
const browser = await launchBrowser();
try {
  for (const r of capture.filter((x) => x.t <= 5012)) await ingest(station, apiKey, r.url, r.body);
  const pages = [];
  for (const [w, h, path] of [[1920, 1080, '/board'], [1280, 720, '/board']] as const) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, locale: 'en-GB' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error('[pageerror]', e.message));
    page.on('console', (m) => { if (m.type() === 'error') console.log('[console]', m.text()); });
    await page.goto(station.url + path);
    pages.push([page, `${path.slice(1)}-${w}`] as const);
  }
  await new Promise((r) => setTimeout(r, 1500));
  for (const [page, name] of pages) await page.screenshot({ path: `/tmp/shots/${name}-between.png` });
  const start = Date.now();
  for (const r of capture) {
    if (r.t <= 5012 || r.t > until || r.url.includes('/status')) continue;
    const wait = (r.t - 5012) / 10 - (Date.now() - start);
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    await ingest(station, apiKey, r.url, r.body);
  }
  await new Promise((r) => setTimeout(r, 1000));
  for (const [page, name] of pages) await page.screenshot({ path: `/tmp/shots/${name}-racing.png` });
} finally {
  await browser.close();
  await station.cleanup();
}
