/**
 * The dashboard's "Timing source" panel in a real headless Chromium against a real station
 * process (issue 12, item 5), driven by the replay: the demo button plays the bundled real
 * recording through a local fake Canoe123 into the station's real TCP client, and the panel shows
 * the source kind, the connection to Canoe123, the last message and Canoe123's clock moving,
 * messages per second by type, reconnects, the XML file's last import and the replay's progress.
 * A second event pointed at an address where nothing listens shows the failure as a sentence,
 * in English and in Czech; both pages stay axe-clean. Screenshots go to
 * test-output/screenshots/timing-source-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSuite, ensurePagesBuilt, launchBrowser } from '../helpers/browser.ts';
import { api, createEvent, operator, projectRoot, startTestStation, type TestStation } from '../helpers/station.ts';
import { runAxe, seriousOf } from './axe.ts';

const REPLAYED = 'CZE2.2024040600';
const screenshots = join(projectRoot, 'test-output', 'screenshots');

let station: TestStation;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.trim() ?? '';

browserSuite('Timing source panel (Chromium, real station, replay of the real recording)', () => {
  beforeAll(async () => {
    ensurePagesBuilt();
    mkdirSync(screenshots, { recursive: true });
    station = await startTestStation();
    browser = await launchBrowser();
    // bypassCSP only so axe-core can be injected; the CSP errors are still collected below.
    context = await browser.newContext({ viewport: { width: 1400, height: 1100 }, locale: 'en-GB', bypassCSP: true });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${station.url}/operator/#token=${encodeURIComponent(station.adminSecret)}`);
    await page.getByTestId('demo-replay-panel').waitFor();
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await station?.cleanup();
  });

  it('starts the replay of the real recording from the Events page and opens its event', async () => {
    await page.getByTestId('demo-speed').selectOption('20');
    await page.getByTestId('demo-start').click();
    await page.locator(`[data-testid=event-page][data-event-id="${REPLAYED}"]`).waitFor({ timeout: 20_000 });
    await page.getByTestId('timing-source-panel').waitFor();
    expect(await page.getByTestId('source-kind-canoe123').isChecked()).toBe(true);
    expect(await page.getByTestId('source-host').inputValue()).toBe('127.0.0.1');
    expect(await page.getByTestId('source-xml-path').inputValue()).toMatch(/c123-xml-export_xboardtest02_jarni_v1\.xml$/);
  });

  it("shows the connection, the last message, Canoe123's clock moving and the messages per second", async () => {
    await page.waitForFunction(() => document.querySelector('[data-testid=source-connection]')?.getAttribute('data-state') === 'connected');
    expect(await text('source-connection')).toMatch(/^Connected to 127\.0\.0\.1:\d+ since \d\d:\d\d:\d\d$/);
    const clock1 = await text('source-venue-clock');
    expect(clock1).toMatch(/^10:3\d:\d\d$/);
    await page.waitForFunction((c) => document.querySelector('[data-testid=source-venue-clock]')?.textContent?.trim() !== c, clock1);
    expect(await text('source-last-message')).toMatch(/just now|\d+ s ago/);
    expect(await text('source-reconnects')).toBe('0');
    // At 20× Canoe123's ~3 on-course messages a second arrive as ~60.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=source-rate-OnCourse] td')?.textContent) > 5);
    expect(await text('source-rate-TimeOfDay')).toMatch(/^Time of day\d+\.\d\d+$/);
    expect(await text('source-xml')).toMatch(/^Watching .*c123-xml-export_xboardtest02_jarni_v1\.xml$/);
    expect(await text('source-xml-import')).toMatch(/^Last import (just now|\d+ s ago): 44 races, 1422 result rows, 1422 changed$/);
    expect(await text('source-replay')).toMatch(/^Playing c123-recording_rec-2025-12-28T09-34-10\.jsonl: \d+ of 1051 messages at 20×$/);
    expect(seriousOf(await runAxe(page), 'timing source, connected')).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'timing-source-connected.png'), fullPage: true });
  });

  it('shows the replay finished with every message counted, and the event running', async () => {
    await page.waitForFunction(() => document.querySelector('[data-testid=source-replay]')?.getAttribute('data-finished') === 'true', undefined, {
      timeout: 60_000,
    });
    expect(await text('source-replay')).toBe('Replay finished: 1051 of 1051 messages played at 20×.');
    await page.waitForFunction(() => document.querySelector('[data-testid=source-rate-Results]')?.textContent?.endsWith('16'));
    expect(await text('source-rate-OnCourse')).toMatch(/756$/);
    expect(await text('source-venue-clock')).toBe('10:38:17');
    expect(await text('event-status')).toBe('Running');
    await page.screenshot({ path: join(screenshots, 'timing-source-finished.png'), fullPage: true });
  });

  it('says in a sentence, in English and in Czech, that Canoe123 refused the connection', async () => {
    await createEvent(station, 'refused-event', 'Nobody listening');
    await page.goto(`${station.url}/operator/#/events/refused-event`);
    await page.getByTestId('timing-source-panel').waitFor();
    await page.getByTestId('source-kind-canoe123').check();
    await page.getByTestId('source-host').fill('127.0.0.1');
    await page.getByTestId('source-port').fill('1');
    await page.getByTestId('source-save').click();
    const problem = page.getByTestId('source-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toBe('Canoe123 at 127.0.0.1:1 refused the connection — is Canoe123 running and its port open?');
    await page.waitForFunction(() =>
      /^Reconnecting to 127\.0\.0\.1:1 in \d+ s/.test(document.querySelector('[data-testid=source-connection]')?.textContent?.trim() ?? ''),
    );
    const source = await api(station, 'GET', '/api/v1/admin/events/refused-event/source', { headers: operator(station) });
    expect(source.body.config).toEqual({ kind: 'canoe123', host: '127.0.0.1', port: 1, xmlPath: null });
    expect(seriousOf(await runAxe(page), 'timing source, refused')).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'timing-source-refused-en.png'), fullPage: true });

    await page.getByTestId('lang-cs').click();
    await page.waitForFunction(() => document.documentElement.lang === 'cs');
    expect(await problem.textContent()).toBe('Canoe123 na 127.0.0.1:1 odmítl spojení — běží Canoe123 a je jeho port otevřený?');
    expect(await text('source-connection')).toMatch(/^Znovu se připojím k 127\.0\.0\.1:1 za \d+ s/);
    expect(await text('source-message')).toBe('Zdroj časomíry uložen.');
    expect(seriousOf(await runAxe(page), 'timing source, refused, cs')).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'timing-source-refused-cs.png'), fullPage: true });
    await page.getByTestId('lang-en').click();
  });

  it('refuses a relative XML path in the form, and switches back to c123-server', async () => {
    await page.getByTestId('source-kind-manual').check();
    await page.getByTestId('source-xml-path').fill('event.xml');
    expect(await page.getByTestId('source-xml-path').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('source-kind-c123-server').check();
    await page.getByTestId('source-save').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=source-message]')?.textContent === 'Timing source saved.');
    const source = await api(station, 'GET', '/api/v1/admin/events/refused-event/source', { headers: operator(station) });
    expect(source.body.config.kind).toBe('c123-server');
    expect(source.body.connection).toBeNull();
    expect(errors).toEqual([]);
  });
});
