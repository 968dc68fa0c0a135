/**
 * The operator dashboard in a real headless Chromium (a 1366×768 laptop) against a real station
 * child process, fed the real data (test/fixtures/real): issue 5's "Done when" and issue 11's
 * operator items, one story in order. Create an event through the form, import the real Canoe123
 * XML through the file input (the last import is shown), move it to running with the buttons,
 * watch the spectator count follow three real WebSocket clients, see riders on course and at the
 * start apart and the feeds healthy while the real capture is pushed, mark a race official with a
 * confirmation, see the officials' LAN address with its QR code and the warning that this station
 * (on 127.0.0.1) is not reachable from the LAN, then stop pushing: "c123-server has sent nothing
 * for N s while riders are on course …", which the dashboard still says after the station
 * restarts, with its last import and activity log. Then mark the event official, see a refused
 * push said in a sentence, and three clients get the status diff and be closed (1000) after the
 * grace (1 s here). Screenshots go to test-output/screenshots/operator-*.png.
 *
 * The silence check waits for real time: with a rider running, on-course pushes are due about
 * every second, so the station calls c123-server silent 10 s after its last push.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { WsMessage } from '../../src-main/wire/live.ts';
import { browserSuite, ensurePagesBuilt, launchBrowser } from '../helpers/browser.ts';
import { captureFor } from '../helpers/capture.ts';
import { api, ingest, operator, projectRoot, realXmlPath, startTestStation, type TestStation } from '../helpers/station.ts';
import { connect, type TestSocket } from '../helpers/ws-client.ts';
import { runAxe, seriousOf } from './axe.ts';

const EVENT = 'jarni-slalomy-2024';
const TITLE = 'Jarní slalomy 2024';
const GRACE_MS = 1000;
const LAPTOP = { width: 1366, height: 768 };
/** The capture's on-course push at t = 100.2 s: bibs 10 and 11 running, bibs 12–14 in the start gate. */
const ridersPush = () => captureFor(EVENT).find((r) => r.t === 100_190)!;
const screenshots = join(projectRoot, 'test-output', 'screenshots');

let station: TestStation;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

const shot = (name: string, fullPage = true) => page.screenshot({ path: join(screenshots, `operator-${name}.png`), fullPage });
const text = (testId: string) => page.getByTestId(testId).first().textContent();

async function waitText(testId: string, expected: string, timeout = 5000): Promise<void> {
  await page.waitForFunction(([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === want, [testId, expected] as const, {
    timeout,
  });
}

// The hooks sit inside the suite, so a machine without chromium skips them too.
browserSuite('operator dashboard (Chromium, real station, real data)', () => {
  beforeAll(async () => {
    ensurePagesBuilt();
    mkdirSync(screenshots, { recursive: true });
    station = await startTestStation({ args: ['--official-grace-ms', String(GRACE_MS)] });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: LAPTOP, locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(8000);
    page.on('pageerror', (e) => errors.push(e.message));
    // The station's CSP (no inline script, nothing external) must hold for everything the dashboard does.
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await station?.cleanup();
  });

  let apiKey = '';
  let lastPush = 0;
  const sockets: TestSocket[] = [];

  it('without a token shows the sign-in form; a wrong token is refused, the right one signs in', async () => {
    const other = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    try {
      const p = await other.newPage();
      await p.goto(`${station.url}/operator/`);
      await p.getByTestId('login-form').waitFor();
      await p.getByTestId('login-token').fill('not-the-secret');
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.getByTestId('login-error').waitFor();
      expect(await p.getByTestId('login-error').textContent()).toContain('not this station');
      await p.screenshot({ path: join(screenshots, 'operator-login.png') });
      await p.getByTestId('login-token').fill(station.adminSecret);
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.getByTestId('create-event-form').waitFor();
      // A token the station stops accepting (401) brings the form back with a message.
      await p.evaluate(() => sessionStorage.setItem('raceside:operator-token', 'stale-token'));
      await p.reload();
      await p.getByTestId('login-form').waitFor();
      expect(await p.getByRole('alert').first().textContent()).toContain('refused the operator token');
    } finally {
      await other.close();
    }
  });

  it('signs in from the #token link and strips the token from the address', async () => {
    await page.goto(`${station.url}/operator/#token=${encodeURIComponent(station.adminSecret)}`);
    await page.getByTestId('create-event-form').waitFor();
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate(() => sessionStorage.getItem('raceside:operator-token'))).toBe(station.adminSecret);
  });

  it('creates an event through the form and shows its ingest key and the c123-server block', async () => {
    const form = page.getByTestId('create-event-form');
    await form.locator('input[name=mainTitle]').fill(TITLE);
    expect(await form.locator('input[name=eventId]').inputValue()).toBe(EVENT); // suggested from the title
    await form.locator('input[name=location]').fill('Praha Troja');
    await form.locator('input[name=startDate]').fill('2024-04-06');
    await shot('create');
    await page.getByTestId('create-submit').click();
    await page.locator(`[data-testid=event-page][data-event-id="${EVENT}"]`).waitFor();

    const detail = await api(station, 'GET', `/api/v1/admin/events/${EVENT}`, { headers: operator(station) });
    expect(detail.status).toBe(200);
    expect(detail.body.event).toMatchObject({ mainTitle: TITLE, location: 'Praha Troja', startDate: '2024-04-06', status: 'draft' });
    apiKey = detail.body.event.apiKey;
    expect(await page.getByTestId('ingest-key').inputValue()).toBe(apiKey);
    const block = (await text('c123-settings'))!;
    const live = JSON.parse(`{${block}}`).live;
    expect(live).toMatchObject({ enabled: true, apiKey, eventId: EVENT, pushXml: true, pushOnCourse: true, pushResults: true, autoStatus: true });
    expect(live.serverUrl).toMatch(/^http:\/\/[^/]+:\d+$/);
    expect(await text('event-status')).toBe('Draft (hidden)');
    expect(await page.locator(`[data-testid=event-link][data-event-id="${EVENT}"]`).count()).toBe(1);
  });

  it('imports the real XML through the file input and shows what changed', async () => {
    await page.getByTestId('xml-file-input').setInputFiles(realXmlPath);
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 20_000 });
    const s = (await summary.textContent())!;
    expect(s).toContain('Imported c123-xml-export_xboardtest02_jarni_v1.xml');
    expect(s).toContain('structure changed');
    expect(s).toMatch(/\d+ races · \d+ participants/);
    const detail = await api(station, 'GET', `/api/v1/admin/events/${EVENT}`, { headers: operator(station) });
    expect(detail.body.event.hasXmlData).toBe(true);
    expect(detail.body.feeds.lastImport).toMatchObject({ by: 'operator', imported: { results: 1422 } });
    // A hand import is not c123-server's feed.
    expect(detail.body.feeds.sources[0].channels.find((c: { channel: string }) => c.channel === 'xml').count).toBe(0);
    await page.getByTestId('last-import').filter({ hasText: 'by operator' }).waitFor();
    expect(await text('last-import')).toMatch(/^Last import \d\d:\d\d:\d\d by operator: 15 classes · 44 races · 366 participants · 1422 result rows/);
    await shot('import');
  });

  it("a file dropped on the drop zone that is not a Canoe123 export shows the station's reason", async () => {
    const data = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['<Canoe123Data><oops'], 'broken.xml', { type: 'text/xml' }));
      return dt;
    });
    await page.getByTestId('xml-dropzone').dispatchEvent('drop', { dataTransfer: data });
    await page.getByTestId('import-error').waitFor({ timeout: 10_000 });
    expect(await text('import-error')).toMatch(/^broken\.xml: .+\(InvalidXml\)$/);
    await page.waitForFunction(() => /XML refused/.test(document.querySelector('[data-testid=activity-list]')?.textContent ?? ''));
    const detail = await api(station, 'GET', `/api/v1/admin/events/${EVENT}`, { headers: operator(station) });
    // The refused file changed nothing: the last import is still the good one.
    expect(detail.body.feeds.lastImport).toMatchObject({ by: 'operator', imported: { results: 1422 } });
  });

  it('moves the event draft → startlist → running with the buttons; only valid next states are offered', async () => {
    expect(await page.locator('[data-testid^=status-to-]').evaluateAll((b) => b.map((x) => x.getAttribute('data-testid')))).toEqual(['status-to-startlist']);
    await page.getByTestId('status-to-startlist').click();
    await waitText('event-status', 'Startlist');
    expect(await page.locator('[data-testid^=status-to-]').evaluateAll((b) => b.map((x) => x.getAttribute('data-testid')))).toEqual([
      'status-to-running',
      'status-to-draft',
    ]);
    await page.getByTestId('status-to-running').click();
    await waitText('event-status', 'Running');
    const history = page.getByTestId('status-history').locator('li');
    expect(await history.count()).toBe(2);
    expect(await history.first().textContent()).toMatch(/Startlist → Running by operator/);
    // The race list appears once the event is published.
    await page.getByTestId('race-row').first().waitFor();
  });

  it('shows the feeds healthy while c123-server pushes, and riders on course and at the start apart', async () => {
    const pushes = captureFor(EVENT)
      .filter((r) => r.url.endsWith('/ingest/results'))
      .slice(0, 3);
    for (const r of pushes) {
      const res = await ingest(station, apiKey, r.url, r.body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const riders = ridersPush();
    expect((await ingest(station, apiKey, riders.url, riders.body)).status).toBe(200);
    await waitText('feed-results-count', '3');
    expect(await page.locator('[data-testid=feed-results]').getAttribute('data-state')).toBe('ok');
    // Five riders in the capture's list: two on the water (what spectators see), three waiting.
    await waitText('oncourse-count', '2');
    await waitText('atstart-count', '3');
    await page.locator('[data-testid=feed-oncourse][data-state=ok]').waitFor();
    expect(await text('feed-oncourse-due')).toBe('due now (riders on course): stale after 10 s of silence');
    expect(await page.getByTestId('feed-silent').count()).toBe(0);
    await shot('oncourse', false);
  });

  it('counts three connected spectators beside the limit, lists their address, then none when they leave', async () => {
    for (let i = 0; i < 3; i++) sockets.push(await connect(station, EVENT));
    await waitText('spectator-count', '3');
    expect(await text('spectator-limit')).toBe('of 5000 allowed');
    await waitText('event-watching', '3 / 5000 watching');
    await shot('live');
    // The LAN page lists the addresses holding the most sockets, against the per-address limit.
    await page.getByTestId('nav-lan').click();
    await page.locator('[data-testid=address-row]', { hasText: '127.0.0.1' }).waitFor();
    expect(await page.getByTestId('address-row').first().textContent()).toBe('127.0.0.13 / 32');
    expect(await page.getByTestId('nat-warning').count()).toBe(0);
    await page.locator(`[data-testid=event-link][data-event-id="${EVENT}"]`).click();
    await page.getByTestId('feed-panel').waitFor();
    for (const s of sockets.splice(0)) {
      s.close();
      await s.closed;
    }
    await waitText('spectator-count', '0');
  });

  it('marks a single race official from the race list, after a confirmation naming it', async () => {
    const row = page.getByTestId('race-row').first();
    const raceId = (await row.getAttribute('data-race-id'))!;
    expect(raceId).toBe('K1M_ST_BR1_6');
    expect(await row.getByTestId('race-state').textContent()).toBe('Official in Canoe123 · not yet confirmed by the officials');
    await row.getByTestId('race-official-toggle').click();
    const dialog = page.getByTestId('confirm-race-official');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Mark “K1m - střední trať · 1st run” official?');
    await dialog.getByTestId('confirm-ok').click();
    await page.locator(`[data-testid=race-row][data-race-id="${raceId}"][data-official=true]`).waitFor();
    expect(await row.getByTestId('race-state').textContent()).toMatch(/^Official · confirmed by the officials \d\d:\d\d:\d\d$/);
    const pub = await api(station, 'GET', `/api/v1/events/${EVENT}`);
    expect(pub.body.races.find((r: { raceId: string }) => r.raceId === raceId).officialAt).toMatch(/^\d{4}-/);
    // The dashboard hands out the officials' LAN address, not this browser's 127.0.0.1.
    const info = await api(station, 'GET', '/api/v1/admin/station', { headers: operator(station) });
    if (info.body.lanUrls.length) expect(await text('races-officials-url')).toContain(`${info.body.lanUrls[0]}officials`);
  });

  it('axe-core finds no serious or critical violation on the event page (nor with a confirmation open)', async () => {
    // bypassCSP only so axe-core can be injected (the station's CSP refuses inline scripts); the
    // main page of this story runs under the CSP and fails on any violation of it.
    const other = await browser.newContext({ viewport: LAPTOP, locale: 'en-GB', bypassCSP: true });
    try {
      const p = await other.newPage();
      await p.goto(`${station.url}/operator/#token=${encodeURIComponent(station.adminSecret)}&/events/${EVENT}`);
      await p.getByTestId('race-row').first().waitFor();
      await p.locator('[data-testid=feed-results][data-state=ok]').waitFor();
      expect(seriousOf(await runAxe(p), 'dashboard event page')).toEqual([]);
      await p.locator('[data-testid=race-row][data-state=running]').first().getByTestId('race-official-toggle').click();
      await p.getByTestId('confirm-race-official').filter({ hasText: 'Canoe123 still shows this race in progress' }).waitFor();
      expect(seriousOf(await runAxe(p), 'dashboard race official dialog')).toEqual([]);
      await p.getByTestId('confirm-race-official').getByTestId('confirm-cancel').click();
      await p.getByTestId('delete-event').click();
      await p.getByTestId('confirm-delete').waitFor();
      expect(seriousOf(await runAxe(p), 'dashboard delete dialog')).toEqual([]);
      await p.getByTestId('confirm-delete').getByTestId('confirm-cancel').click();
      // The LAN page with its addresses table (a spectator connected, so the table shows).
      const phone = await connect(station, EVENT);
      try {
        await p.getByTestId('nav-lan').click();
        await p.getByTestId('address-row').first().waitFor();
        expect(seriousOf(await runAxe(p), 'dashboard LAN page')).toEqual([]);
        await p.getByTestId('nav-settings').click();
        await p.getByTestId('sign-in-panel').waitFor();
        expect(seriousOf(await runAxe(p), 'dashboard settings page')).toEqual([]);
      } finally {
        phone.close();
        await phone.closed;
      }
    } finally {
      await other.close();
    }
  });

  it('speaks Czech to a Czech browser, switches to English and remembers it', async () => {
    const other = await browser.newContext({ viewport: LAPTOP, locale: 'cs-CZ', bypassCSP: true }); // bypassCSP: axe only
    try {
      const p = await other.newPage();
      await p.goto(`${station.url}/operator/#token=${encodeURIComponent(station.adminSecret)}&/events/${EVENT}`);
      await p.getByTestId('race-row').first().waitFor();
      expect(await p.evaluate(() => document.documentElement.lang)).toBe('cs');
      expect(await p.getByTestId('nav-settings').textContent()).toBe('Nastavení');
      expect(await p.getByTestId('event-status').textContent()).toBe('Probíhá');
      expect(await p.locator('#lifecycle-title').textContent()).toBe('Stav');
      expect(await p.getByTestId('status-history').textContent()).toContain('Startovka → Probíhá provedl(a): obsluha');
      expect(await p.getByTestId('race-row').first().textContent()).toContain('1. jízda');
      expect(await p.getByTestId('race-row').first().getByTestId('race-state').textContent()).toMatch(/^Oficiální · potvrzeno rozhodčími /);
      expect(await p.locator('[data-testid=race-day] h3').first().textContent()).toBe('sobota 6. dubna 2024');
      expect(await p.getByTestId('atstart-count').locator('xpath=..').textContent()).toContain('na startu');
      expect(await p.getByTestId('sign-out').textContent()).toBe('Odhlásit');
      await p.screenshot({ path: join(screenshots, 'operator-event-cs.png'), fullPage: true });
      expect(seriousOf(await runAxe(p), 'dashboard event page, cs')).toEqual([]);
      await p.getByTestId('lang-en').click();
      await p.locator('#lifecycle-title', { hasText: 'Status' }).waitFor();
      expect(await p.evaluate(() => document.documentElement.lang)).toBe('en');
      await p.reload();
      await p.getByTestId('race-row').first().waitFor();
      expect(await p.getByTestId('nav-settings').textContent()).toBe('Settings');
      // The sign-in form switches too, before anyone signs in.
      await p.evaluate(() => sessionStorage.clear());
      await p.reload();
      await p.getByTestId('login-form').waitFor();
      await p.getByTestId('lang-cs').click();
      await p.getByTestId('login-submit').filter({ hasText: 'Přihlásit' }).waitFor();
    } finally {
      await other.close();
    }
  });

  it('shows the LAN URLs for spectators and officials with a QR code each, warns that 127.0.0.1 is not the LAN; the settings and the activity log', async () => {
    const info = await api(station, 'GET', '/api/v1/admin/station', { headers: operator(station) });
    expect(info.body.listensOnLan).toBe(false); // the test station listens on 127.0.0.1
    await page.getByTestId('nav-lan').click();
    await page.getByTestId('lan-page').waitFor();
    expect(await page.getByTestId('lan-url').count()).toBe(info.body.lanUrls.length);
    const officials = await page.getByTestId('officials-url').locator('code').allTextContents();
    expect(officials).toEqual(info.body.lanUrls.length ? info.body.lanUrls.map((u: string) => `${u}officials`) : [`${station.url}/officials`]);
    expect(officials.join(' ')).not.toContain('127.0.0.1');
    if (info.body.lanUrls.length) {
      await page.getByTestId('qr-code').first().waitFor();
      expect(await page.getByTestId('qr-code').count()).toBe(2 * info.body.lanUrls.length);
      expect(await page.getByTestId('qr-code').first().getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      expect(await text('loopback-warning')).toBe(
        `The station listens only on 127.0.0.1: phones, tablets and c123-server on other computers cannot reach ${info.body.lanUrls[0]}. Restart it with --host 0.0.0.0 (or RACESIDE_HOST=0.0.0.0) to serve the venue network.`,
      );
    }
    await shot('lan');
    await shot('lan-1366x768', false);

    await page.getByTestId('nav-settings').click();
    const form = page.getByTestId('settings-form');
    await form.waitFor();
    expect(await form.locator('input[name=officialGraceS]').inputValue()).toBe('1');
    await form.locator('input[name=maxConnectionsPerEvent]').fill('150');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-note').waitFor();
    expect(await text('settings-note')).toBe('Saved.');
    const after = await api(station, 'GET', '/api/v1/admin/station', { headers: operator(station) });
    expect(after.body.settings.maxConnectionsPerEvent).toBe(150);
    // The wrong tokens of the sign-in test are counted, with the address they came from.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=wrong-tokens]')?.textContent) >= 2, null, { timeout: 12_000 });
    expect(await text('last-wrong-token')).toContain('127.0.0.1');
    await shot('settings');

    await page.getByTestId('nav-activity').click();
    await page.getByTestId('activity-list').locator('li').first().waitFor();
    expect(await page.getByTestId('activity-list').textContent()).toContain('Status startlist → running (by operator)');
    await shot('activity');
  });

  it('says c123-server has died when it sends nothing while riders are on course; results quiet within their rhythm stay OK', async () => {
    await page.locator(`[data-testid=event-link][data-event-id="${EVENT}"]`).click();
    await page.getByTestId('feed-panel').waitFor();
    const results = captureFor(EVENT).filter((r) => r.url.endsWith('/ingest/results'))[3];
    expect((await ingest(station, apiKey, results.url, results.body)).status).toBe(200);
    const riders = ridersPush();
    expect((await ingest(station, apiKey, riders.url, riders.body)).status).toBe(200);
    lastPush = Date.now();
    // The feed went quiet while the other screens were visited: the new pushes clear the warning…
    await page.waitForFunction(() => !document.querySelector('[data-testid=feed-silent]'));
    // … until c123-server is quiet for longer than the on-course rhythm allows (at least 10 s,
    // twice the longest gap seen while a rider ran: the story's own pauses count).
    const detail = await api(station, 'GET', `/api/v1/admin/events/${EVENT}`, { headers: operator(station) });
    const limit = detail.body.feeds.sources[0].channels.find((c: { channel: string }) => c.channel === 'oncourse').staleAfterMs as number;
    expect(limit).toBeGreaterThanOrEqual(10_000);
    await page.getByTestId('feed-silent').waitFor({ timeout: limit + 10_000 });
    expect(Date.now() - lastPush).toBeGreaterThanOrEqual(limit - 500); // not before
    expect(await text('feed-silent')).toMatch(
      /^c123-server has sent nothing for \d+ s while riders are on course — it may need 'Force push XML' or a restart\.$/,
    );
    expect(await page.locator('[data-testid=feed-oncourse]').getAttribute('data-state')).toBe('stale');
    // Results come 4–55 s apart in a real race: quiet for more than 15 s is not a dead feed.
    expect(await page.locator('[data-testid=feed-results]').getAttribute('data-state')).toBe('ok');
    await shot('silent');
    await shot('silent-1366x768', false);
  }, 60_000);

  it('still knows after the station restarts: the silence, the last import and the activity log', async () => {
    const silences = async () =>
      ((await api(station, 'GET', '/api/v1/admin/activity?limit=500', { headers: operator(station) })).body.entries as { message: string }[]).filter((e) =>
        e.message.startsWith('c123-server has sent nothing for'),
      ).length;
    const before = await silences();
    expect(before).toBeGreaterThan(0);
    expect(await station.stop()).toBe(0);
    await station.restart();
    // What the page shows now comes from the restarted station alone.
    await page.reload();
    await page.locator('[data-testid=last-import]', { hasText: 'by operator' }).waitFor({ timeout: 15_000 });
    expect(await text('last-import')).toMatch(/^Last import \d\d:\d\d:\d\d by operator: 15 classes · 44 races · 366 participants · 1422 result rows/);
    await page.getByTestId('feed-silent').waitFor();
    expect(await text('feed-silent')).toMatch(/^c123-server has sent nothing for \d+ s while riders are on course/);
    expect(await text('feed-xml-last')).toBe('never');
    expect(await page.locator('[data-testid=feed-results-count]').textContent()).toBe('4');
    // The activity log was kept, and the restarted station said the silence again at once.
    await page.waitForFunction(
      (n) => {
        const items = [...document.querySelectorAll('[data-testid=activity-list] li')].map((li) => li.textContent ?? '');
        return items.filter((m) => m.includes('c123-server has sent nothing for')).length > n && items.some((m) => m.includes('XML imported'));
      },
      before,
      { timeout: 10_000 },
    );
    await shot('after-restart');
    // c123-server speaks again: the warning goes, the log says so.
    const riders = ridersPush();
    expect((await ingest(station, apiKey, riders.url, riders.body)).status).toBe(200);
    await page.waitForFunction(() => !document.querySelector('[data-testid=feed-silent]'));
    await page.waitForFunction(() =>
      /c123-server is sending again after \d+ s of silence/.test(document.querySelector('[data-testid=activity-list]')?.textContent ?? ''),
    );
  }, 40_000);

  it('says the silence in Czech too, axe-clean', async () => {
    const other = await browser.newContext({ viewport: LAPTOP, locale: 'cs-CZ', bypassCSP: true }); // bypassCSP: axe only
    try {
      const p = await other.newPage();
      await p.goto(`${station.url}/operator/#token=${encodeURIComponent(station.adminSecret)}&/events/${EVENT}`);
      await p.getByTestId('feed-silent').waitFor({ timeout: 45_000 });
      expect(await p.getByTestId('feed-silent').textContent()).toMatch(
        /^c123-server nic neposlal už \d+ s, přestože jsou závodníci na trati — možná potřebuje „Force push XML“ nebo restart\.$/,
      );
      await p.screenshot({ path: join(screenshots, 'operator-silent-cs.png'), fullPage: true });
      expect(seriousOf(await runAxe(p), 'dashboard silent feed, cs')).toEqual([]);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('marks the event official after the confirmation; three spectators get the status diff and are closed after the grace', async () => {
    for (let i = 0; i < 3; i++) sockets.push(await connect(station, EVENT));
    await waitText('spectator-count', '3');
    await page.getByTestId('status-to-finished').click();
    await waitText('event-status', 'Finished');
    expect(await page.getByTestId('feed-silent').count()).toBe(0); // quiet feeds are expected once finished

    await page.getByTestId('status-to-official').click();
    const dialog = page.getByTestId('confirm-official');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('cannot be undone');
    await shot('confirm-official', false);
    const clicked = Date.now();
    await dialog.getByTestId('confirm-ok').click();

    const isOfficial = (m: WsMessage) => m.type === 'diff' && m.data.status === 'official';
    const diffs = await Promise.all(sockets.map((s) => s.next(isOfficial, 5000)));
    expect(diffs).toHaveLength(3);
    const closes = await Promise.all(sockets.map((s) => s.closed));
    const closedAfter = Date.now() - clicked;
    expect(closes.map((c) => c.code)).toEqual([1000, 1000, 1000]);
    expect(closedAfter).toBeGreaterThanOrEqual(GRACE_MS - 100);

    await waitText('event-status', 'Official');
    expect(await page.locator('[data-testid^=status-to-]').count()).toBe(0);
    const history = page.getByTestId('status-history').locator('li');
    expect(await history.first().textContent()).toMatch(/Finished → Official by operator/);
    await waitText('spectator-count', '0');
    await shot('official');
  });

  it('says a refused push in a sentence, and the feed is not green', async () => {
    const push = captureFor(EVENT).find((r) => r.url.endsWith('/ingest/results'))!;
    expect((await ingest(station, apiKey, push.url, push.body)).status).toBe(403);
    await page.locator('[data-testid=feed-results][data-state=failing]').waitFor();
    expect(await text('feed-results-problem')).toMatch(
      /^Results: Results for an official event were refused: official results are final\. Turn off c123-server’s live push for this event\. \(.+\)$/,
    );
    await shot('refused');
  });

  it('deletes the event after a confirmation that names it; it waits under Deleted events and restores', async () => {
    await page.getByTestId('delete-event').click();
    const dialog = page.getByTestId('confirm-delete');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(EVENT);
    expect(await dialog.textContent()).toContain('Deleted events');
    await dialog.getByTestId('confirm-ok').click();
    await page.getByTestId('create-event-form').waitFor();
    await page.waitForFunction((id) => !document.querySelector(`[data-testid=event-link][data-event-id="${id}"]`), EVENT);
    expect((await api(station, 'GET', `/api/v1/admin/events/${EVENT}`, { headers: operator(station) })).status).toBe(404);

    // Kept: listed under Deleted events with when, who and how much.
    const kept = page.locator(`[data-testid=deleted-event][data-event-id="${EVENT}"]`);
    await kept.waitFor();
    expect(await kept.textContent()).toMatch(/Official.*Deleted .* by operator · 1422 result rows/);
    await shot('deleted');
    const other = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB', bypassCSP: true }); // for axe-core only
    try {
      const p = await other.newPage();
      await p.goto(`${station.url}/operator/#token=${encodeURIComponent(station.adminSecret)}`);
      await p.locator(`[data-testid=deleted-event][data-event-id="${EVENT}"]`).waitFor();
      expect(seriousOf(await runAxe(p), 'dashboard deleted events')).toEqual([]);
    } finally {
      await other.close();
    }
    // c123-server creates the id anew meanwhile: the copy restores under another id.
    expect(
      (await api(station, 'POST', '/api/v1/admin/events', { headers: { 'x-master-key': station.adminSecret }, body: { eventId: EVENT, mainTitle: 'Again' } }))
        .status,
    ).toBe(201);
    await kept.getByTestId('restore-event').click();
    await kept.getByTestId('restore-id').waitFor();
    expect(await kept.getByRole('alert').textContent()).toContain('Restore this copy under another id');
    expect(await kept.getByTestId('restore-id').inputValue()).toBe(`${EVENT}-restored`);
    await kept.getByTestId('restore-event').click();
    await page.locator(`[data-testid=event-page][data-event-id="${EVENT}-restored"]`).waitFor();
    await waitText('event-status', 'Official');
    const restored = await api(station, 'GET', `/api/v1/events/${EVENT}-restored/results/K1M_ST_BR2_6`);
    expect(restored.body.results.length).toBeGreaterThan(100);
    await page.getByTestId('nav-activity').click();
    await page.getByTestId('activity-list').locator('li').first().waitFor();
    expect(await page.getByTestId('activity-list').textContent()).toContain(`Event restored as ${EVENT}-restored (deleted as ${EVENT})`);
    expect(errors).toEqual([]);
  });
});
