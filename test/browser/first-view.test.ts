/**
 * The first view the spectator page comes with (issue 17, item 3; src-main/http/first-view.ts), in
 * a real headless Chromium against a real station child process fed with the real export and the
 * real capture, under the station's own CSP (a violation or page error fails the test):
 *
 * - with the app's scripts held back, the event link shows the running round's top rows, drawn by
 *   the station, equal to the REST answer; the events list's link does not show them;
 * - the app starts from the data the page carries (no results or event request), then stays equal
 *   to REST while live results arrive;
 * - a first view that went stale before the app started (a result in between) is replaced by the
 *   current list once the socket's first message says so.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ResultsResponse } from '../../src-main/wire/api.ts';
import { browserSuite, ensurePagesBuilt, launchBrowser } from '../helpers/browser.ts';
import { captureFor, type CapturedRequest } from '../helpers/capture.ts';
import { api, createEvent, ingest, startTestStation, type TestStation } from '../helpers/station.ts';

const EVENT = 'jarni-slalomy-2024';
const RACE = 'K1M_ST_BR2_6';

let station: TestStation;
let browser: Browser;
let apiKey: string;
let results: CapturedRequest[];
const contexts: BrowserContext[] = [];
const problems: string[] = [];

async function newPage(opts: { holdScripts?: Promise<void> } = {}): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
  contexts.push(context);
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => problems.push(`CSP violation: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation(t: string): void }).__reportCspViolation(`${e.effectiveDirective} refused ${e.blockedURI || '(inline)'}`);
    });
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const hold = opts.holdScripts;
  if (hold)
    await page.route('**/assets/*.js', async (route) => {
      await hold;
      await route.continue();
    });
  return { page, requests };
}

async function rest(): Promise<ResultsResponse['results']> {
  return (await api<ResultsResponse>(station, 'GET', `/api/v1/events/${EVENT}/results/${RACE}`)).body.results;
}

/** The rows on screen: participant id and rank, in order. */
function shown(page: Page): Promise<{ id: string; rank: string }[]> {
  return page.$$eval('[data-testid=result-row]', (rows) =>
    rows.filter((r) => r.getClientRects().length > 0).map((r) => ({ id: r.getAttribute('data-participant-id')!, rank: r.getAttribute('data-rank')! })),
  );
}

const expected = (rows: ResultsResponse['results']) => rows.map((r) => ({ id: r.participantId, rank: r.rnk === null ? '' : String(r.rnk) }));

/** Waits until the page shows exactly REST's list (ids and ranks in order). */
async function untilEqualToRest(page: Page, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const want = expected(await rest());
    const got = await shown(page);
    if (JSON.stringify(got) === JSON.stringify(want)) return;
    if (Date.now() > deadline) expect(got, what).toEqual(want);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function push(r: CapturedRequest): Promise<void> {
  const res = await ingest(station, apiKey, r.url, r.body);
  expect(res.status, `${r.url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
}

browserSuite('first view with the page (Chromium, real station, real data)', () => {
  beforeAll(async () => {
    ensurePagesBuilt();
    station = await startTestStation();
    ({ apiKey } = await createEvent(station, EVENT, 'Jarní slalomy 2024'));
    const capture = captureFor(EVENT);
    // The XML, the event set running, and the first half of the capture's live results.
    for (const r of capture.filter((x) => x.t <= 5012)) await push(r);
    results = capture.filter((x) => x.t > 5012 && x.url.endsWith('/ingest/results'));
    for (const r of results.splice(0, Math.floor(results.length / 2))) await push(r);
    browser = await launchBrowser();
  }, 120_000);

  afterEach(async () => {
    await new Promise((r) => setTimeout(r, 100));
    for (const c of contexts.splice(0)) await c.close().catch(() => {});
    expect(problems.splice(0), 'CSP violations or page errors').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await station?.cleanup();
  });

  it('before any script has run, the event link shows the running round’s top rows, equal to REST; the events list does not', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const { page } = await newPage({ holdScripts: held });
    await page.goto(`${station.url}/#/events/${EVENT}`, { waitUntil: 'commit' });
    await page.locator('[data-testid=result-row]').first().waitFor();
    const rows = await shown(page);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows).toEqual(expected(await rest()).slice(0, rows.length));
    expect(await page.locator('[data-testid=results-view]').getAttribute('data-race-id')).toBe(RACE);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The events list's address (a fresh load, not a hash change): the drawn event page stays hidden.
    await page.goto('about:blank');
    await page.goto(`${station.url}/#/`, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.getElementById('first-view-root') !== null);
    expect(await shown(page)).toEqual([]);
    release();
  }, 60_000);

  it('the app starts from the page’s data without a REST round trip and stays equal to REST through live results', async () => {
    const { page, requests } = await newPage();
    await page.goto(`${station.url}/#/events/${EVENT}`);
    await page.locator('[data-testid=link-state][data-state=live]').waitFor();
    await untilEqualToRest(page, 'at start');
    expect(requests.filter((p) => p.startsWith(`/api/v1/events/${EVENT}`) && !p.endsWith('/ws') && !p.endsWith('/image'))).toEqual([]);
    for (const r of results.splice(0, 8)) {
      await push(r);
      await untilEqualToRest(page, `after the result pushed at t=${r.t}`);
    }
  }, 90_000);

  it('a first view gone stale before the app started is replaced by the current list', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const { page } = await newPage({ holdScripts: held });
    await page.goto(`${station.url}/#/events/${EVENT}`, { waitUntil: 'commit' });
    await page.locator('[data-testid=result-row]').first().waitFor();
    const drawn = await shown(page);
    // A new leader while the phone is still loading the app.
    const rider = (await rest()).find((x, i) => i > 3 && !x.status && !x.currStatus && x.rnk !== null)!;
    await push({
      t: 0,
      method: 'POST',
      url: '/api/v1/ingest/results',
      body: { results: [{ raceId: RACE, participantId: rider.participantId, bib: rider.bib, time: 1999, pen: 0, total: 1999 }] },
    });
    expect(drawn[0].id).not.toBe(rider.participantId);
    release();
    await untilEqualToRest(page, 'after the app started');
    expect((await shown(page))[0]).toEqual({ id: rider.participantId, rank: '1' });
  }, 60_000);
});
