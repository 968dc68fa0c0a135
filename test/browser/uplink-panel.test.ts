/**
 * The uplink on the dashboard, in a real headless Chromium, against two real station processes
 * (the station and its public target) with the fault-injecting proxy between them: set the target
 * through the form and test the connection, watch the state go connected, then retrying (with the
 * reason as a sentence) through a blackhole, the header's warning once the uplink is more than
 * 30 s behind (EN and CZ, axe-clean), recovery, a refused item sent again from its button, and a
 * wrong key pausing the uplink with the server's words. Screenshots go to
 * test-output/screenshots/uplink-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSuite, ensurePagesBuilt, launchBrowser } from '../helpers/browser.ts';
import { captureFor, realXml } from '../helpers/capture.ts';
import { api, ingest, operator, projectRoot } from '../helpers/station.ts';
import { PAIR_EVENT, startUplinkPair, type UplinkPair } from '../helpers/uplink-pair.ts';
import { runAxe, seriousOf } from './axe.ts';

const screenshots = join(projectRoot, 'test-output', 'screenshots');

let pair: UplinkPair;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

const state = () => page.getByTestId('uplink-state').getAttribute('data-state');
async function waitState(want: string, timeout = 10_000) {
  await page.waitForFunction((w) => document.querySelector('[data-testid="uplink-state"]')?.getAttribute('data-state') === w, want, { timeout });
}
const lastPush = () => {
  const pushes = captureFor(PAIR_EVENT).filter((r) => r.url.endsWith('/ingest/results'));
  return pushes[pushes.length - 1].body.results as { bib: number; time: number | null; total: number | null }[];
};
const shiftedRow = (bib: number, shift: number) => ({
  results: lastPush()
    .filter((r) => r.bib === bib)
    .map((r) => ({ ...r, time: r.time === null ? null : r.time + shift, total: r.total === null ? null : r.total + shift })),
});

browserSuite('uplink panel (Chromium, two real stations, faulty link)', () => {
  beforeAll(async () => {
    ensurePagesBuilt();
    mkdirSync(screenshots, { recursive: true });
    pair = await startUplinkPair({ configure: false });
    browser = await launchBrowser();
    // bypassCSP only so axe can be injected (test/browser/axe.ts).
    context = await browser.newContext({ viewport: { width: 1400, height: 1100 }, locale: 'en-GB', bypassCSP: true });
    page = await context.newPage();
    page.setDefaultTimeout(8000);
    page.on('pageerror', (e) => errors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await pair?.cleanup();
  });

  it('sets the target through the form, tests the connection, and goes connected', async () => {
    const { station } = pair;
    await page.goto(`${station.url}/operator/#token=${encodeURIComponent(station.adminSecret)}&/events/${PAIR_EVENT}`);
    await page.getByTestId('uplink-panel').waitFor();
    expect(await state()).toBe('off');
    await page.getByTestId('uplink-url').fill(pair.proxy.url);
    expect(await page.getByTestId('uplink-remote-event').inputValue()).toBe(PAIR_EVENT);
    await page.getByTestId('uplink-key').fill('not-the-key');
    await page.getByTestId('uplink-test').click();
    await page.getByTestId('uplink-note').filter({ hasText: 'refuses the key' }).waitFor();
    await page.getByTestId('uplink-key').fill(pair.remoteKey);
    await page.getByTestId('uplink-test').click();
    await page.getByTestId('uplink-note').filter({ hasText: 'Connected: the server answers in' }).waitFor();
    expect(await page.getByTestId('uplink-note').textContent()).toContain('The event there is a draft (not public yet).');
    await page.getByTestId('uplink-save').click();
    await waitState('connected');
    // The key is write-only: the field is empty again and the page never holds it.
    expect(await page.getByTestId('uplink-key').inputValue()).toBe('');
    expect(await page.content()).not.toContain(pair.remoteKey);

    expect((await ingest(station, pair.apiKey, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
    expect((await ingest(station, pair.apiKey, `/api/v1/admin/events/${PAIR_EVENT}/status`, { status: 'running' })).status).toBe(200);
    expect((await ingest(station, pair.apiKey, '/api/v1/ingest/results', { results: lastPush() })).status).toBe(200);
    await pair.drained(15_000);
    await page.waitForFunction(() => document.querySelector('[data-testid="uplink-queued"]')?.textContent === '0');
    await page.getByTestId('uplink-success').filter({ hasText: 'The server is a Raceside station.' }).waitFor();
    expect(await page.getByTestId('uplink-success').textContent()).toContain('On the server the event is: Running.');
    await page.screenshot({ path: join(screenshots, 'uplink-connected.png'), fullPage: true });
    expect(seriousOf(await runAxe(page), 'uplink panel, connected')).toEqual([]);
  }, 60_000);

  it('says why it is retrying, warns in the header once 30 s behind (EN and CZ), and recovers', async () => {
    const { station, proxy } = pair;
    proxy.blackhole(true);
    expect((await ingest(station, pair.apiKey, '/api/v1/ingest/results', shiftedRow(1, 7))).status).toBe(200);
    await waitState('retrying', 20_000);
    await page.getByTestId('uplink-last-error').filter({ hasText: 'The server did not answer in time.' }).waitFor();
    expect(await page.getByTestId('uplink-behind').count()).toBe(0);
    await page.getByTestId('uplink-behind').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('uplink-behind').textContent()).toMatch(/^Uplink of “jarni-slalomy-2024” is 3\d s behind\.$/);
    await page.screenshot({ path: join(screenshots, 'uplink-retrying.png'), fullPage: true });
    expect(seriousOf(await runAxe(page), 'uplink panel, retrying, header warning')).toEqual([]);

    await page.getByTestId('lang-cs').click();
    await page.getByTestId('uplink-behind').filter({ hasText: 'Odesílání závodu „jarni-slalomy-2024“ je pozadu o' }).waitFor();
    expect(await page.getByTestId('uplink-state').textContent()).toBe('Zkouším znovu');
    expect(await page.getByTestId('uplink-last-error').textContent()).toContain('Server neodpověděl včas.');
    expect(seriousOf(await runAxe(page), 'uplink panel, cs')).toEqual([]);
    await page.getByTestId('lang-en').click();

    proxy.blackhole(false);
    await waitState('connected', 15_000);
    await page.getByTestId('uplink-behind').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await pair.differences()).toEqual([]);
  }, 90_000);

  it('lists a refused item with the server’s words; "send again" sends it', async () => {
    const { station, proxy } = pair;
    proxy.next('error400');
    expect((await ingest(station, pair.apiKey, '/api/v1/ingest/results', shiftedRow(2, 9))).status).toBe(200);
    await page.getByTestId('uplink-refused-item').waitFor();
    expect(await state()).toBe('refused');
    expect(await page.getByTestId('uplink-refused-item').textContent()).toContain('The server refused it (400: Injected by the fault proxy).');
    await page.screenshot({ path: join(screenshots, 'uplink-refused.png'), fullPage: true });
    await page.getByRole('button', { name: 'Send again' }).click();
    await page.getByTestId('uplink-refused').waitFor({ state: 'detached' });
    await pair.drained(10_000);
    expect(await pair.differences()).toEqual([]);
  }, 30_000);

  it('pauses on a wrong key with the server’s message, and resumes when the right one is saved', async () => {
    const { station } = pair;
    await page.getByTestId('uplink-key').fill('an-old-key');
    await page.getByTestId('uplink-save').click();
    expect((await ingest(station, pair.apiKey, '/api/v1/ingest/results', shiftedRow(1, 11))).status).toBe(200);
    await waitState('paused');
    expect(await page.getByTestId('uplink-paused').textContent()).toContain('The server refused the key (401: Invalid API key). Check the key.');
    await page.screenshot({ path: join(screenshots, 'uplink-paused.png'), fullPage: true });
    await page.getByTestId('uplink-key').fill(pair.remoteKey);
    await page.getByTestId('uplink-save').click();
    await waitState('connected');
    await pair.drained(10_000);
    expect(await pair.differences()).toEqual([]);
    const activity = (await api(station, 'GET', '/api/v1/admin/activity', { headers: operator(station) })).body.entries as { message: string }[];
    expect(activity.some((e) => e.message.startsWith('Uplink paused'))).toBe(true);
    expect(errors).toEqual([]);
  }, 30_000);
});
