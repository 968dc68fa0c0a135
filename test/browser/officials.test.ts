/**
 * The officials page (`/officials`) in a real headless Chromium against a real station child
 * process with the real XML: the PIN pad refuses a wrong PIN with a message, accepts the right
 * one (set by the operator through PATCH /api/v1/admin/settings), lists the published events,
 * marks one race official, and once the event is finished marks the event official after the
 * confirmation. Screenshots go to test-output/screenshots/officials-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSuite, ensurePagesBuilt, launchBrowser } from '../helpers/browser.ts';
import { realXml } from '../helpers/capture.ts';
import { api, createEvent, ingest, operator, projectRoot, startTestStation, type TestStation } from '../helpers/station.ts';
import { runAxe, seriousOf } from './axe.ts';

const EVENT = 'officials-test';
const PIN = '246813';
const TABLET = { width: 820, height: 1180 };
const screenshots = join(projectRoot, 'test-output', 'screenshots');

let station: TestStation;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(screenshots, `officials-${name}.png`) });

async function enterPin(pin: string): Promise<void> {
  await page.getByTestId('officials-pin').fill(pin);
  await page.getByTestId('pin-submit').click();
}

// The hooks sit inside the suite, so a machine without chromium skips them too.
browserSuite('officials page (Chromium, real station, real data)', () => {
  beforeAll(async () => {
    ensurePagesBuilt();
    mkdirSync(screenshots, { recursive: true });
    station = await startTestStation({ args: ['--official-grace-ms', '1000'] });
    const { apiKey } = await createEvent(station, EVENT, 'Jarní slalomy 2024 (officials)');
    expect((await ingest(station, apiKey, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
    expect((await ingest(station, apiKey, `/api/v1/admin/events/${EVENT}/status`, { status: 'running' })).status).toBe(200);
    const pin = await api(station, 'PATCH', '/api/v1/admin/settings', { headers: operator(station), body: { officialsPin: PIN } });
    expect(pin.body).toMatchObject({ officialsPinSet: true });
    browser = await launchBrowser();
    // A tablet: touch, portrait.
    context = await browser.newContext({ viewport: TABLET, hasTouch: true, locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(8000);
    page.on('pageerror', (e) => errors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await station?.cleanup();
  });

  it('a wrong PIN gets an error and no access', async () => {
    await page.goto(`${station.url}/officials`);
    await page.getByTestId('pin-form').waitFor();
    expect(await page.getByTestId('officials-pin').getAttribute('inputmode')).toBe('numeric');
    await enterPin('1111');
    await page.getByTestId('pin-error').waitFor();
    expect(await page.getByTestId('pin-error').textContent()).toContain('Wrong PIN');
    expect(await page.getByTestId('officials-events').count()).toBe(0);
    await shot('pin');
  });

  it('the right PIN (typed on the keypad) opens the events; a race is marked official', async () => {
    for (const d of PIN) await page.locator('.pad button', { hasText: new RegExp(`^${d}$`) }).click();
    await page.getByTestId('pin-submit').click();
    const link = page.locator(`[data-testid=officials-event-link][data-event-id="${EVENT}"]`);
    await link.waitFor();
    await link.click();
    await page.getByTestId('race-row').first().waitFor();

    const row = page.locator('[data-testid=race-row][data-official=false]').first();
    const raceId = (await row.getAttribute('data-race-id'))!;
    await row.getByTestId('race-official-toggle').click();
    await page.getByTestId('confirm-race-official').getByTestId('confirm-ok').click();
    await page.locator(`[data-testid=race-row][data-race-id="${raceId}"][data-official=true]`).waitFor();
    const pub = await api(station, 'GET', `/api/v1/events/${EVENT}`);
    expect(pub.body.races.find((r: { raceId: string }) => r.raceId === raceId).officialAt).toMatch(/^\d{4}-/);
    const log = await api(station, 'GET', '/api/v1/admin/activity?limit=20', { headers: operator(station) });
    expect(log.body.entries.map((e: { message: string }) => e.message)).toContain(`Race ${raceId} marked official (by official)`);
    // Running: the event itself cannot be made official yet.
    expect(await page.getByTestId('officials-mark-event').count()).toBe(0);
    await shot('event');
  });

  it('axe-core finds no serious or critical violation on the PIN pad and the event page', async () => {
    // bypassCSP only so axe-core can be injected (the station's CSP refuses inline scripts).
    const other = await browser.newContext({ viewport: TABLET, hasTouch: true, locale: 'en-GB', bypassCSP: true });
    try {
      const p = await other.newPage();
      await p.goto(`${station.url}/officials`);
      await p.getByTestId('pin-form').waitFor();
      expect(seriousOf(await runAxe(p), 'officials PIN pad')).toEqual([]);
      await p.getByTestId('officials-pin').fill(PIN);
      await p.getByTestId('pin-submit').click();
      await p.locator(`[data-testid=officials-event-link][data-event-id="${EVENT}"]`).click();
      await p.locator('[data-testid=race-row][data-official=true]').first().waitFor();
      expect(seriousOf(await runAxe(p), 'officials event page')).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('speaks Czech to a Czech tablet, switches to English and remembers it', async () => {
    const other = await browser.newContext({ viewport: TABLET, hasTouch: true, locale: 'cs-CZ', bypassCSP: true }); // bypassCSP: axe only
    try {
      const p = await other.newPage();
      await p.goto(`${station.url}/officials`);
      await p.getByTestId('pin-form').waitFor();
      expect(await p.locator('label[for=pin]').textContent()).toBe('Zadejte PIN rozhodčích');
      expect(await p.evaluate(() => document.documentElement.lang)).toBe('cs');
      await p.getByTestId('officials-pin').fill('9999');
      await p.getByTestId('pin-submit').click();
      await p.getByTestId('pin-error').filter({ hasText: 'Špatný PIN. Zkuste to znovu.' }).waitFor();
      await p.getByTestId('officials-pin').fill(PIN);
      await p.getByTestId('pin-submit').click();
      await p.locator('#pick-title', { hasText: 'Vyberte závod' }).waitFor();
      await p.locator(`[data-testid=officials-event-link][data-event-id="${EVENT}"]`).click();
      await p.getByTestId('race-row').first().waitFor();
      expect(await p.locator('#officials-races').textContent()).toBe('Jízdy');
      expect(await p.getByTestId('officials-event-status').textContent()).toBe('Probíhá');
      expect(await p.locator('[data-testid=race-row][data-official=false]').first().getByTestId('race-official-toggle').textContent()).toBe(
        'Označit oficiální…',
      );
      expect(seriousOf(await runAxe(p), 'officials event page, cs')).toEqual([]);
      await p.screenshot({ path: join(screenshots, 'officials-event-cs.png') });
      await p.getByTestId('lang-en').click();
      await p.locator('#officials-races', { hasText: 'Races' }).waitFor();
      await p.reload();
      await p.locator('#officials-races', { hasText: 'Races' }).waitFor();
      expect(await p.evaluate(() => document.documentElement.lang)).toBe('en');
    } finally {
      await other.close();
    }
  });

  it('marks the finished event official after the confirmation', async () => {
    const fin = await api(station, 'PATCH', `/api/v1/admin/events/${EVENT}/status`, { headers: operator(station), body: { status: 'finished' } });
    expect(fin.status).toBe(200);
    await page.getByTestId('officials-mark-event').click({ timeout: 10_000 }); // appears with the next poll
    const dialog = page.getByTestId('confirm-official');
    await dialog.waitFor();
    await dialog.getByTestId('confirm-ok').click();
    await page.locator('[data-testid=officials-event][data-status=official]').waitFor();
    const detail = await api(station, 'GET', `/api/v1/admin/events/${EVENT}`, { headers: operator(station) });
    expect(detail.body.event.status).toBe('official');
    expect(detail.body.history.at(-1)).toMatchObject({ from: 'finished', to: 'official', by: 'official' });
    await shot('official');
    expect(errors).toEqual([]);
  });
});
