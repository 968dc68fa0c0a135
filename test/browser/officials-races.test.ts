/**
 * The officials' race list (issue 11 item 8) in a real headless Chromium against a real station
 * child process, fed the real XML and the real c123-server capture, on an 820×1180 tablet and a
 * 390×844 phone, in English and Czech: races grouped by day and class with human titles and no
 * internal ids, ONE state per race merging what Canoe123 says with the officials' own mark, and
 * nothing marked (or withdrawn) before a confirmation that names the race. Axe-clean in both
 * languages, dialog open included. Screenshots go to test-output/screenshots/officials-races-*.png.
 *
 * Also the officials' address from the dashboard's LAN page (item 4): with the station listening
 * on every interface, the LAN page shows `http://<LAN address>:<port>/officials` with no
 * loopback warning, and that address opens the officials page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserSuite, ensurePagesBuilt, launchBrowser } from '../helpers/browser.ts';
import { captureFor, realXml } from '../helpers/capture.ts';
import { api, createEvent, ingest, operator, projectRoot, startTestStation, type TestStation } from '../helpers/station.ts';
import { runAxe, seriousOf } from './axe.ts';

const EVENT = 'officials-races';
// Six digits: valid under today's 4–12 rule and the stricter one issue 10 brings.
const PIN = '246813';
const TABLET = { width: 820, height: 1180 };
const PHONE = { width: 390, height: 844 };
const screenshots = join(projectRoot, 'test-output', 'screenshots');

let station: TestStation;
let browser: Browser;
const errors: string[] = [];

async function openEvent(viewport: { width: number; height: number }, locale: string, axe = false): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: true, locale, bypassCSP: axe }); // bypassCSP: axe only
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${station.url}/officials`);
  await page.getByTestId('officials-pin').fill(PIN);
  await page.getByTestId('pin-submit').click();
  await page.locator(`[data-testid=officials-event-link][data-event-id="${EVENT}"]`).click();
  await page.getByTestId('race-row').first().waitFor();
  return page;
}

const row = (page: Page, raceId: string) => page.locator(`[data-testid=race-row][data-race-id="${raceId}"]`);
const officialAt = async (raceId: string) =>
  ((await api(station, 'GET', `/api/v1/events/${EVENT}`)).body.races as { raceId: string; officialAt: string | null }[]).find((r) => r.raceId === raceId)!
    .officialAt;

browserSuite('officials race list (Chromium, real station, real data, tablet and phone)', () => {
  beforeAll(async () => {
    ensurePagesBuilt();
    mkdirSync(screenshots, { recursive: true });
    station = await startTestStation();
    const { apiKey } = await createEvent(station, EVENT, 'Jarní slalomy 2024');
    for (const r of captureFor(EVENT)) expect((await ingest(station, apiKey, r.url, r.body)).status).toBeLessThan(300);
    expect((await ingest(station, apiKey, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
    const pin = await api(station, 'PATCH', '/api/v1/admin/settings', { headers: operator(station), body: { officialsPin: PIN } });
    expect(pin.body).toMatchObject({ officialsPinSet: true });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await station?.cleanup();
  });

  it('tablet: by day and class, human titles, no ids, one state per race', async () => {
    const page = await openEvent(TABLET, 'en-GB');
    try {
      expect(await page.locator('[data-testid=race-day] > h3').allTextContents()).toEqual(['Saturday, 6 April 2024', 'Sunday, 7 April 2024']);
      const saturday = page.locator('[data-testid=race-day][data-day="2024-04-06"]');
      expect((await saturday.locator('h4').allTextContents()).slice(0, 3)).toEqual(['K1m - střední trať', 'C1ž - střední trať', 'C2m - střední trať']);
      expect(await page.getByTestId('race-row').count()).toBe(44);
      // No Canoe123 race id anywhere on the page.
      const shown = await page.locator('main').innerText();
      expect(shown).not.toMatch(/[A-Z0-9]+_(ST|HO)_BR[12]_[67]/);
      // One state each, merging Canoe123 and the officials' mark.
      const state = async (raceId: string) => [
        await row(page, raceId).getAttribute('data-state'),
        await row(page, raceId).getByTestId('race-state').textContent(),
      ];
      expect(await state('K1M_ST_BR1_6')).toEqual(['canoe123Official', 'Official in Canoe123 · not yet confirmed by the officials']);
      expect(await state('K1M_ST_BR2_6')).toEqual(['running', 'In progress']);
      expect(await state('K1W_HO_BR2_6')).toEqual(['awaiting', 'Finished, unofficial · awaiting the officials']);
      expect(await state('C1M_ST_BR2_6')).toEqual(['notStarted', 'Not started yet']);
      expect(await row(page, 'C1M_ST_BR2_6').getByTestId('race-official-toggle').count()).toBe(0);
      expect(await row(page, 'K1M_ST_BR1_6').textContent()).toMatch(/^1st run · start 08:30/);
      await page.screenshot({ path: join(screenshots, 'officials-races-tablet.png') });
      await page.screenshot({ path: join(screenshots, 'officials-races-tablet-full.png'), fullPage: true });
    } finally {
      await page.context().close();
    }
  });

  it('tablet: nothing changes without the confirmation; confirming marks it, withdrawing asks again', async () => {
    const page = await openEvent(TABLET, 'en-GB');
    try {
      const race = row(page, 'K1M_ST_BR1_6');
      await race.getByTestId('race-official-toggle').click();
      const dialog = page.getByTestId('confirm-race-official');
      await dialog.waitFor();
      expect(await dialog.locator('h2').textContent()).toBe('Mark “K1m - střední trať · 1st run” official?');
      expect(await dialog.textContent()).toContain('(Saturday, 6 April 2024)');
      await page.screenshot({ path: join(screenshots, 'officials-races-confirm-tablet.png') });
      await dialog.getByTestId('confirm-cancel').click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await officialAt('K1M_ST_BR1_6')).toBeNull();
      expect(await race.getAttribute('data-state')).toBe('canoe123Official');

      await race.getByTestId('race-official-toggle').click();
      await dialog.getByTestId('confirm-ok').click();
      await page.locator('[data-testid=race-row][data-race-id="K1M_ST_BR1_6"][data-state=confirmed]').waitFor();
      expect(await race.getByTestId('race-state').textContent()).toMatch(/^Official · confirmed by the officials \d\d:\d\d:\d\d$/);
      expect(await officialAt('K1M_ST_BR1_6')).toMatch(/^\d{4}-/);

      // A race Canoe123 still runs: the dialog says so.
      await row(page, 'K1M_ST_BR2_6').getByTestId('race-official-toggle').click();
      await dialog.filter({ hasText: 'Canoe123 still shows this race in progress: its results may not be complete yet.' }).waitFor();
      await dialog.getByTestId('confirm-cancel').click();

      await race.getByTestId('race-official-toggle').click();
      expect(await dialog.locator('h2').textContent()).toBe('Withdraw the official mark of “K1m - střední trať · 1st run”?');
      expect(await dialog.getByTestId('confirm-ok').textContent()).toBe('Withdraw the mark');
      await dialog.getByTestId('confirm-ok').click();
      await page.locator('[data-testid=race-row][data-race-id="K1M_ST_BR1_6"][data-state=canoe123Official]').waitFor();
      expect(await officialAt('K1M_ST_BR1_6')).toBeNull();
    } finally {
      await page.context().close();
    }
  });

  it('phone 390×844: the same list fits, tap targets are big, nothing overflows sideways', async () => {
    const page = await openEvent(PHONE, 'en-GB');
    try {
      const race = row(page, 'K1W_HO_BR2_6');
      await race.scrollIntoViewIfNeeded();
      const box = (await race.getByTestId('race-official-toggle').boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await page.screenshot({ path: join(screenshots, 'officials-races-phone.png') });
      await race.getByTestId('race-official-toggle').click();
      await page.getByTestId('confirm-race-official').waitFor();
      await page.screenshot({ path: join(screenshots, 'officials-races-confirm-phone.png') });
      await page.getByTestId('confirm-race-official').getByTestId('confirm-cancel').click();
    } finally {
      await page.context().close();
    }
  });

  for (const [name, viewport] of [
    ['tablet', TABLET],
    ['phone', PHONE],
  ] as const) {
    for (const locale of ['en-GB', 'cs-CZ']) {
      it(`axe-core: no serious or critical violation, ${name}, ${locale}, list and dialog`, async () => {
        const page = await openEvent(viewport, locale, true);
        try {
          expect(seriousOf(await runAxe(page), `officials races ${name} ${locale}`)).toEqual([]);
          await row(page, 'K1M_ST_BR2_6').getByTestId('race-official-toggle').click();
          await page.getByTestId('confirm-race-official').waitFor();
          expect(seriousOf(await runAxe(page), `officials race dialog ${name} ${locale}`)).toEqual([]);
          if (locale === 'cs-CZ') {
            expect(await page.getByTestId('confirm-race-official').locator('h2').textContent()).toBe('Označit „K1m - střední trať · 2. jízda“ jako oficiální?');
            expect(await row(page, 'K1M_ST_BR1_6').getByTestId('race-state').textContent()).toBe('Oficiální v Canoe123 · rozhodčí zatím nepotvrdili');
            expect(await page.locator('[data-testid=race-day] > h3').first().textContent()).toBe('sobota 6. dubna 2024');
            await page.screenshot({ path: join(screenshots, `officials-races-${name}-cs.png`) });
          }
          await page.getByTestId('confirm-race-official').getByTestId('confirm-cancel').click();
        } finally {
          await page.context().close();
        }
      });
    }
  }

  it("the dashboard hands out the officials' LAN address (station on every interface), and it opens the officials page", async () => {
    const lan = await startTestStation({ args: ['--host', '0.0.0.0'] });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB' });
    try {
      const info = await api(lan, 'GET', '/api/v1/admin/station', { headers: operator(lan) });
      expect(info.body.listensOnLan).toBe(true);
      const page = await context.newPage();
      await page.goto(`${lan.url}/operator/#token=${encodeURIComponent(lan.adminSecret)}&/lan`);
      await page.getByTestId('lan-page').waitFor();
      const urls = await page.getByTestId('officials-url').locator('code').allTextContents();
      expect(await page.getByTestId('loopback-warning').count()).toBe(0);
      if (info.body.lanUrls.length === 0) {
        // A machine without a LAN interface: the page says so and falls back to its own address.
        expect(urls).toEqual([`${lan.url}/officials`]);
        return;
      }
      expect(urls).toEqual(info.body.lanUrls.map((u: string) => `${u}officials`));
      expect(urls.join(' ')).not.toContain('127.0.0.1');
      expect(await page.getByTestId('officials-url').getByTestId('qr-code').count()).toBe(urls.length);
      await page.screenshot({ path: join(screenshots, 'operator-lan-officials.png') });
      const tablet = await context.newPage();
      await tablet.goto(urls[0]);
      await tablet.getByTestId('pin-form').waitFor();
    } finally {
      await context.close();
      await lan.cleanup();
    }
  });

  it('had no page errors', () => {
    expect(errors).toEqual([]);
  });
});
