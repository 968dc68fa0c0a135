/**
 * Issue 11, the spectator's half, in a real headless Chromium against a real station child
 * process fed with the real export and the real c123-server capture (test/fixtures/real):
 *
 * - item 1: the first phone screen (360×640, riders on course) shows the race's top results; the
 *   on-course strip is compact and collapsible with the gates on tap; the race and view pickers
 *   take one row; the startlist and the schedule visibly change what is above the fold;
 * - item 6: the results table from 320 to 430 px: headers whole (Czech: Poř., St. č., Jméno,
 *   Ročník, Oddíl, both runs, Výsledek), year of birth from the export, clubs whole or shortened,
 *   no overlaps (measured from element boxes), DNS/DNF/DSQ neutral with the rule's word;
 * - item 7: the time to beat with its time and the running gap, in both languages, and splits;
 * - item 11: the header names the place once with dates in words, best-run races are named by
 *   their class (never "· Race"), the favicon and home-screen icons load under the station's CSP,
 *   and the organiser's image from the export sits in the header;
 * - item 3 (last, it makes the event official): an official race or event never reads as live or
 *   in progress, on the open page and after a reload, in both languages.
 *
 * Every view is checked with axe-core in English and Czech; screenshots go to
 * test-output/screenshots/ (phone-*.png). The tests share one station and run in order.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ResultsResponse } from '../../src-main/wire/api.ts';
import { shortClub } from '../../src-renderer/spectator/lib/club-name.ts';
import { browserSuite, ensurePagesBuilt, launchBrowser } from '../helpers/browser.ts';
import { captureFor, realXmlYears, type CapturedRequest } from '../helpers/capture.ts';
import { api, createEvent, ingest, operator, projectRoot, startTestStation, type TestStation } from '../helpers/station.ts';
import { runAxe, seriousOf } from './axe.ts';

const EVENT = 'jarni-slalomy-2024';
const RACE = 'K1M_ST_BR2_6';
const screenshots = join(projectRoot, 'test-output', 'screenshots');
const PHONE = { width: 360, height: 640 };
const LANGS = [
  ['en', 'en-GB'],
  ['cs', 'cs-CZ'],
] as const;

let station: TestStation;
let browser: Browser;
let apiKey: string;
let capture: CapturedRequest[];
const contexts: BrowserContext[] = [];
const feeders: NodeJS.Timeout[] = [];

interface OpenOptions {
  locale?: string;
  viewport?: { width: number; height: number };
  /** Run under the station's CSP exactly as a phone does (axe cannot be injected then). */
  strictCsp?: boolean;
  before?(page: Page): void;
}

async function openPage(hash: string, opts: OpenOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: opts.locale ?? 'en-GB',
    viewport: opts.viewport ?? PHONE,
    bypassCSP: !opts.strictCsp, // only so axe-core can be injected
  });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  opts.before?.(page);
  await page.goto(`${station.url}/${hash}`);
  return page;
}

async function push(r: CapturedRequest | undefined): Promise<CapturedRequest> {
  if (!r) throw new Error('no such captured request');
  const res = await ingest(station, apiKey, r.url, r.body);
  if (res.status >= 300) throw new Error(`push ${r.url} at ${r.t}: ${res.status} ${JSON.stringify(res.body)}`);
  return r;
}
const at = (t: number) => capture.find((x) => x.t === t);
/** The first on-course push in which some rider's TTBDiff reads `diff`. */
const withTtb = (diff: string) =>
  capture.find((x) => x.url.endsWith('/oncourse') && (x.body.oncourse as { ttbDiff: string | null }[]).some((e) => e.ttbDiff === diff));

/**
 * Pushes one captured on-course request now and again every 2 s, as c123-server does, so the
 * riders do not expire (10 s) while a test looks at them.
 */
async function keepOnCourse(r: CapturedRequest | undefined): Promise<void> {
  const req = await push(r);
  feeders.push(setInterval(() => void ingest(station, apiKey, req.url, req.body), 2000));
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `phone-${name}.png`) });
}

async function axeClean(page: Page, label: string): Promise<void> {
  expect(seriousOf(await runAxe(page), label)).toEqual([]);
  // Sunlight: badges and gates keep the enhanced contrast (7:1).
  expect(await runAxe(page, { runOnly: ['color-contrast-enhanced'] }, ['.gate', '.badge'])).toEqual([]);
}

type Box = { top: number; bottom: number; left: number; right: number; height: number; width: number };
const box = async (page: Page, selector: string): Promise<Box> =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, width: r.width };
    });

/**
 * Everything wrong with the results table's layout as the browser laid it out, from element
 * boxes: a page wider than the screen, a header or cell whose content is cut or spills, any text
 * or element of a row outside its own cell (so no two cells' contents can overlap), the runs of a
 * best-run row overlapping each other.
 */
function tableProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
    const table = document.querySelector('[data-testid=results-table]')!;
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && !el.closest('.sr-only');
    };
    const rectsIn = (cell: Element): { what: string; r: DOMRect }[] => {
      const out: { what: string; r: DOMRect }[] = [];
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeType === Node.TEXT_NODE) {
          if (!n.textContent?.trim() || !n.parentElement || !shown(n.parentElement)) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) out.push({ what: `"${n.textContent.trim()}"`, r });
        } else if (shown(n as Element) && (n as Element).tagName !== 'BUTTON') {
          out.push({ what: `<${(n as Element).className || (n as Element).tagName}>`, r: (n as Element).getBoundingClientRect() });
        }
      }
      return out;
    };
    const inside = (r: DOMRect, c: DOMRect) => r.left >= c.left - 0.5 && r.right <= c.right + 0.5 && r.top >= c.top - 0.5 && r.bottom <= c.bottom + 0.5;
    for (const th of table.querySelectorAll('thead th')) {
      if (!shown(th)) continue;
      if (th.scrollWidth > th.clientWidth) problems.push(`header cut: ${th.textContent}`);
      for (const { what, r } of rectsIn(th)) if (!inside(r, th.getBoundingClientRect())) problems.push(`header ${what} spills out of its cell`);
    }
    for (const tr of table.querySelectorAll('tbody tr[data-testid=result-row]')) {
      const id = tr.getAttribute('data-bib');
      for (const td of tr.children) {
        if (!shown(td)) continue;
        const c = td.getBoundingClientRect();
        if (td.scrollWidth > td.clientWidth) problems.push(`bib ${id}: ${td.className} cut (${td.scrollWidth} > ${td.clientWidth})`);
        if (c.right > vw) problems.push(`bib ${id}: ${td.className} off the screen`);
        for (const { what, r } of rectsIn(td)) if (!inside(r, c)) problems.push(`bib ${id}: ${what} spills out of ${td.className}`);
      }
      const runs = [...tr.querySelectorAll('.runline')].map((e) => e.getBoundingClientRect());
      if (runs.length === 2 && runs[0].bottom > runs[1].top + 0.5) problems.push(`bib ${id}: the two runs overlap`);
    }
    return problems;
  });
}

browserSuite('spectator on phones (issue 11; Chromium, real station, real data)', () => {
  beforeAll(async () => {
    ensurePagesBuilt();
    mkdirSync(screenshots, { recursive: true });
    station = await startTestStation();
    ({ apiKey } = await createEvent(station, EVENT, 'Jarní slalomy 2024'));
    capture = captureFor(EVENT);
    // The capture's first requests: on-course [], status → running, then the XML at t≈5 s.
    for (const r of capture.filter((x) => x.t <= 5012)) await push(r);
    browser = await launchBrowser();
  }, 120_000);

  afterEach(async () => {
    for (const f of feeders.splice(0)) clearInterval(f);
    for (const c of contexts.splice(0)) await c.close().catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await station?.cleanup();
  });

  it('item 1: at 360×640 with riders on course the first screen shows the race’s top results', async () => {
    // t 99.2 s: POHANKA (10) and ROUČA (11) on the water in K1M_ST_BR2_6, three more at the start.
    await keepOnCourse(at(99_212));
    for (const [lang, locale] of LANGS) {
      const page = await openPage(`#/events/${EVENT}`, { locale });
      const rows = page.locator('[data-testid=result-row]');
      await rows.nth(50).waitFor();
      await page.locator('[data-testid=oncourse-entry]').nth(1).waitFor();
      expect(await page.locator('[data-testid=oncourse-entry]').count()).toBe(2); // the three at the start are not on course
      // The picker is one row: the race select and the view tabs side by side.
      const picker = await box(page, '[data-testid=picker]');
      const select = await box(page, '[data-testid=race-select]');
      const tabs = await box(page, '[data-testid=view-tabs]');
      expect(picker.height).toBeLessThanOrEqual(54);
      expect(Math.abs((select.top + select.bottom) / 2 - (tabs.top + tabs.bottom) / 2)).toBeLessThan(3);
      expect(select.right).toBeLessThanOrEqual(tabs.left);
      // The strip: one compact row per rider, the gates not shown until tapped.
      for (const bib of ['10', '11']) expect((await box(page, `[data-testid=oncourse-entry][data-bib="${bib}"]`)).height).toBeLessThanOrEqual(50);
      expect(await page.locator('[data-testid=oncourse] [data-testid=gates]').count()).toBe(0);
      // The race's first three places, whole, on the first screen.
      expect(await rows.evaluateAll((r) => r.slice(0, 3).map((x) => x.getAttribute('data-rank')))).toEqual(['1', '2', '3']);
      const third = await box(page, '[data-testid=result-row] >> nth=2');
      expect(third.bottom, `${lang}: 3rd place ends at ${third.bottom} px`).toBeLessThanOrEqual(PHONE.height);
      console.log(
        `first screen 360×640 ${lang}: results start at ${Math.round((await box(page, '[data-testid=result-row]')).top)} px, 3rd place ends at ${Math.round(third.bottom)} px`,
      );
      await shot(page, `first-screen-360x640-${lang}`);
      await axeClean(page, `first screen, ${lang}`);

      // A rider's gates on tap, and closed again.
      const pohanka = page.locator('[data-testid=oncourse-entry][data-bib="10"]');
      await pohanka.locator('[data-testid=oncourse-row]').click();
      expect(await pohanka.locator('[data-testid=oncourse-row]').getAttribute('aria-expanded')).toBe('true');
      expect(await pohanka.locator('[data-testid=gates] li').count()).toBe(24);
      expect(await pohanka.locator('[data-testid=gates] li[data-penalty="50"]').count()).toBe(1);
      await shot(page, `oncourse-open-360x640-${lang}`);
      await pohanka.locator('[data-testid=oncourse-row]').click();
      expect(await pohanka.locator('[data-testid=gates]').count()).toBe(0);
      // Collapsible: the results move up by the strip's rows, and it is remembered on reload.
      const before = (await box(page, '[data-testid=result-row]')).top;
      await page.getByTestId('oncourse-toggle').click();
      expect(await page.locator('#oncourse-list').isHidden()).toBe(true);
      expect((await box(page, '[data-testid=result-row]')).top).toBeLessThan(before - 80);
      await page.reload();
      await rows.first().waitFor();
      expect(await page.getByTestId('oncourse-toggle').getAttribute('aria-expanded')).toBe('false');
      await page.getByTestId('oncourse-toggle').click();
      await page.locator('[data-testid=oncourse-entry]').first().waitFor();
    }
  }, 120_000);

  it('item 1: the startlist and the schedule change what is above the fold; laptop and tablet', async () => {
    await keepOnCourse(at(99_212));
    const page = await openPage(`#/events/${EVENT}/results/${RACE}`);
    await page.locator('[data-testid=result-row]').nth(20).waitFor();
    await page.locator('[data-testid=oncourse-entry]').first().waitFor();
    // What is at the middle of the first screen's lower half, and in which view.
    const probe = () =>
      page.evaluate(() => {
        const el = document.elementFromPoint(180, 560);
        return el?.closest('[data-testid$=-view]')?.getAttribute('data-testid') ?? null;
      });
    expect(await probe()).toBe('results-view');
    await page.locator('[data-testid=view-tabs] a', { hasText: 'Startlist' }).click();
    await page.locator('[data-testid=startlist-row]').first().waitFor();
    expect(await probe()).toBe('startlist-view');
    expect((await box(page, '[data-testid=startlist-row]')).bottom).toBeLessThan(PHONE.height);
    await shot(page, 'startlist-360x640-en');
    await page.getByTestId('race-select').selectOption({ label: 'Schedule: all races' });
    await page.locator('[data-testid=schedule-row]').first().waitFor();
    expect(await probe()).toBe('schedule-view');
    expect(await page.locator('[data-testid=view-tabs]').count()).toBe(0); // the schedule is of all races
    await shot(page, 'schedule-360x640-en');
    // Back to a race from the select: its results (the race has results).
    await page.getByTestId('race-select').selectOption(RACE);
    await page.locator('[data-testid=results-view]').waitFor();
    expect(await probe()).toBe('results-view');

    for (const [name, viewport] of [
      ['laptop-1366x768', { width: 1366, height: 768 }],
      ['tablet-820x1180', { width: 820, height: 1180 }],
    ] as const) {
      for (const [lang, locale] of LANGS) {
        const p = await openPage(`#/events/${EVENT}/results/${RACE}`, { viewport, locale });
        await p.locator('[data-testid=result-row]').nth(20).waitFor();
        await p.locator('[data-testid=oncourse-entry]').first().waitFor();
        expect((await box(p, '[data-testid=result-row] >> nth=2')).bottom).toBeLessThanOrEqual(viewport.height);
        // Wide: bib, year and club in columns of their own.
        expect(await p.locator('th.res__yearcol').isVisible()).toBe(true);
        expect(await p.locator('[data-testid=result-sub]').first().isHidden()).toBe(true);
        expect(await tableProblems(p)).toEqual([]);
        await shot(p, `${name}-${lang}`);
        if (name.startsWith('tablet')) await axeClean(p, `${name}, ${lang}`);
      }
    }
  }, 120_000);

  it('item 6: the results table from 320 to 430 px: whole headers, year, club, no overlaps, neutral DNS', async () => {
    const years = realXmlYears();
    const rest = (await api<ResultsResponse>(station, 'GET', `/api/v1/events/${EVENT}/results/${RACE}`)).body.results;
    const byId = new Map(rest.map((r) => [r.participantId, r]));
    const words = {
      en: { DNS: 'Did not start', DNF: 'Did not finish', DSQ: 'Disqualified' },
      cs: { DNS: 'Nestartoval(a)', DNF: 'Nedokončil(a)', DSQ: 'Diskvalifikace' },
    };
    const headers = {
      en: ['Rank', 'Bib', 'Name', 'Year · Club', '1st run', '2nd run', 'Result'],
      cs: ['Poř.', 'St. č.', 'Jméno', 'Ročník · Oddíl', '1. jízda', '2. jízda', 'Výsledek'],
    };
    for (const width of [320, 360, 390, 430]) {
      for (const [lang, locale] of LANGS) {
        const page = await openPage(`#/events/${EVENT}/results/${RACE}`, { locale, viewport: { width, height: 800 } });
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid=result-row]').length === n, rest.length);
        expect(await tableProblems(page), `${width} px ${lang}`).toEqual([]);
        // The header lines, each whole.
        const shownHeaders = await page
          .locator('[data-testid=results-table] thead .th-line')
          .evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().width > 0).map((e) => e.textContent));
        expect(shownHeaders).toEqual(headers[lang]);
        expect(await page.locator('[data-testid=results-table] thead').textContent()).not.toContain('…');
        // Every row: bib, and year · category · club from the export, the club whole or shortened, never cut.
        const rows = await page.locator('[data-testid=result-row]').evaluateAll((els) =>
          els.map((tr) => ({
            id: tr.getAttribute('data-participant-id')!,
            bib: tr.querySelector('[data-testid=result-bib]')?.textContent ?? null,
            sub: [...tr.querySelectorAll('[data-testid=result-sub] .sub-item')].map((s) => s.textContent),
            status: tr.getAttribute('data-status'),
            badge: tr.querySelector('.res__status [data-testid=status-badge]')?.textContent ?? null,
            word: tr.querySelector('.res__status [data-testid=status-word]')?.textContent?.trim() ?? null,
          })),
        );
        let withYear = 0;
        for (const row of rows) {
          const want = byId.get(row.id)!;
          expect(row.bib).toBe(String(want.bib));
          const year = years.get(row.id);
          if (year) withYear++;
          expect(row.sub).toEqual([year ? String(year) : null, want.catId, shortClub(want.club) || null].filter((x) => x !== null));
          if (row.status) {
            expect(row.badge).toBe(row.status);
            expect(row.word).toBe(words[lang][row.status as 'DNS']);
          }
        }
        expect(withYear).toBe(rest.length);
        expect(rows.filter((r) => r.status).length).toBeGreaterThan(0);
        // DNS/DNF/DSQ in a neutral style, not the red of "live".
        const colours = await page.evaluate(() => {
          const status = getComputedStyle(document.querySelector('.res__status .badge--status')!).backgroundColor;
          const probe = document.createElement('span');
          probe.className = 'badge badge--live';
          document.body.append(probe);
          const live = getComputedStyle(probe).backgroundColor;
          probe.remove();
          return { status, live };
        });
        expect(colours.status).not.toBe(colours.live);
        expect(colours.status).toBe('rgb(255, 255, 255)');
        await shot(page, `results-${width}-${lang}`);
        await page.locator('[data-testid=result-row][data-status=DNS]').first().scrollIntoViewIfNeeded();
        await shot(page, `results-status-${width}-${lang}`);
        if (width === 320 || width === 430) await axeClean(page, `results ${width} px, ${lang}`);
      }
    }
  }, 240_000);

  it('item 7: the time to beat with its time and the running gap, in both languages, and split times', async () => {
    const texts = {
      en: { ttb: 'Time to beat 78.99 · J. KREJČÍ', behind: '23.55 behind J. KREJČÍ', ahead: '53.99 ahead of J. KREJČÍ', split: 'Split 1 32.33' },
      cs: { ttb: 'Na první místo 78.99 · J. KREJČÍ', behind: 'Ztráta 23.55 na J. KREJČÍ', ahead: 'Náskok 53.99 před J. KREJČÍ', split: 'Mezičas 1 32.33' },
    };
    for (const [lang, locale] of LANGS) {
      const page = await openPage(`#/events/${EVENT}/results/${RACE}`, { locale, viewport: { width: 390, height: 844 } });
      await page.locator('[data-testid=result-row]').nth(20).waitFor();
      const entry = (bib: number) => page.locator(`[data-testid=oncourse-entry][data-bib="${bib}"]`);
      const gap = (bib: number) => entry(bib).locator('[data-testid=oncourse-gap] [aria-hidden=true]');
      // t 99.2 s: Canoe123 sends the name alone ("J. KREJČÍ"); the station gives his 78.99.
      const named = await push(at(99_212));
      await entry(10).waitFor();
      const running = (named.body.oncourse as { bib: number; time: number; pen: number }[]).find((e) => e.bib === 10)!;
      const runningGap = Math.round((running.time + running.pen - 7899) / 100);
      expect(await entry(10).getByTestId('oncourse-ttb').textContent()).toBe(texts[lang].ttb);
      expect(await gap(10).textContent()).toBe(`+${runningGap}`); // 68 s + 52 s of penalties: already behind
      expect(await entry(10).locator('[data-testid=oncourse-gap]').getAttribute('class')).toContain('oc__gap--behind');
      expect(await entry(11).getByTestId('oncourse-ttb').textContent()).toBe(texts[lang].ttb);
      expect(await gap(11).textContent()).toMatch(/^−\d+$/); // ROUČA 17 s in: still ahead of it
      await shot(page, `ttb-running-390x844-${lang}`);
      await axeClean(page, `time to beat, ${lang}`);
      // t 101.9 s: Canoe123 sends the time itself ("78.99").
      await push(withTtb('78.99'));
      await page.waitForFunction(() =>
        /^\+\d+$/.test(document.querySelector('[data-testid=oncourse-entry][data-bib="10"] [data-testid=oncourse-gap] [aria-hidden=true]')?.textContent ?? ''),
      );
      expect(await entry(10).getByTestId('oncourse-ttb').textContent()).toBe(texts[lang].ttb);
      // t 116.3 s: both finished; Canoe123 measured the gaps: POHANKA +23.55 behind, ROUČA −53.99 ahead.
      await push(at(116_332));
      await entry(10).locator('[data-testid=oncourse-finished]').waitFor();
      expect(await gap(10).textContent()).toBe('+23.55');
      expect(await gap(11).textContent()).toBe('−53.99');
      expect(await entry(11).locator('[data-testid=oncourse-gap]').getAttribute('class')).toContain('oc__gap--ahead');
      await entry(10).getByTestId('oncourse-row').click();
      await entry(11).getByTestId('oncourse-row').click();
      expect(await entry(10).getByTestId('oncourse-ttb-detail').textContent()).toBe(texts[lang].behind);
      expect(await entry(11).getByTestId('oncourse-ttb-detail').textContent()).toBe(texts[lang].ahead);
      await shot(page, `ttb-finished-390x844-${lang}`);
      await axeClean(page, `time to beat at the finish, ${lang}`);
      // Split times when the timing sends them (the real course has none: RaceConfig NrSplits="0").
      const split = structuredClone(at(99_212)!);
      (split.body.oncourse as Record<string, unknown>[]).find((e) => e.bib === 10)!.dtSplit1 = '10:35:12.453';
      await push(split);
      await entry(10).getByTestId('oncourse-splits').waitFor();
      expect(await entry(10).getByTestId('oncourse-splits').textContent()).toBe(texts[lang].split);
      await shot(page, `splits-390x844-${lang}`);
    }
  }, 120_000);

  it('item 11: the place once, dates in words, best-run races by their class, the organiser’s image', async () => {
    // An operator who also typed the place as the subtitle: still named once.
    const patched = await api(station, 'PATCH', `/api/v1/admin/events/${EVENT}`, { headers: operator(station), body: { subTitle: 'Areál Lídy Polesné' } });
    expect(patched.status).toBe(200);
    const dates = { en: /^6\s*–\s*7 April 2024$/, cs: /^6\.\s*–\s*7\.\s*4\.\s*2024$/ };
    for (const [lang, locale] of LANGS) {
      const csp: string[] = [];
      const page = await openPage(`#/events/${EVENT}`, {
        locale,
        strictCsp: true,
        before: (p) =>
          p.on('console', (m) => {
            if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
          }),
      });
      await page.locator('[data-testid=result-row]').first().waitFor();
      expect(await page.getByTestId('event-place').textContent()).toBe('Areál Lídy Polesné');
      // The race days (6–7 April 2024), not the export's re-saved event date, never ISO.
      expect(await page.getByTestId('event-dates').textContent()).toMatch(dates[lang]);
      expect(await page.getByTestId('event-header').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      // Best-run races: the class's name, no "· Race" / "· Závod".
      const options = await page.getByTestId('race-select').locator('option').allTextContents();
      expect(options.length).toBeGreaterThan(20);
      expect(options.filter((o) => /· (Race|Závod)\b/.test(o))).toEqual([]);
      expect(await page.locator('#view-title').textContent()).toBe('K1m - střední trať');
      // The organiser's image from the export, loaded under the station's CSP, 44 px beside the title.
      const img = page.getByTestId('event-image');
      await page.waitForFunction(() => (document.querySelector('[data-testid=event-image]') as HTMLImageElement | null)?.complete);
      expect(await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight])).toEqual([300, 300]);
      const imgBox = await box(page, '[data-testid=event-image]');
      const head = await box(page, '[data-testid=event-header]');
      expect([imgBox.width, imgBox.height]).toEqual([44, 44]);
      expect(imgBox.top >= head.top && imgBox.bottom <= head.bottom).toBe(true);
      // Icons and the web manifest, fetched by the page under the same CSP.
      const links = await page.evaluate(async () =>
        Promise.all(
          [...document.querySelectorAll('link[rel~=icon], link[rel=apple-touch-icon], link[rel=manifest]')].map(async (l) => {
            const res = await fetch((l as HTMLLinkElement).href);
            return { rel: l.getAttribute('rel'), status: res.status, type: res.headers.get('content-type'), cache: res.headers.get('cache-control') };
          }),
        ),
      );
      expect(links).toEqual([
        { rel: 'icon', status: 200, type: 'image/png', cache: 'public, max-age=86400' },
        { rel: 'apple-touch-icon', status: 200, type: 'image/png', cache: 'public, max-age=86400' },
        { rel: 'manifest', status: 200, type: 'application/manifest+json; charset=utf-8', cache: 'public, max-age=86400' },
      ]);
      expect(csp).toEqual([]);
      await shot(page, `header-360x640-${lang}`);
    }
    // The manifest's icons: real PNGs of the sizes it names.
    const manifest = (await (await fetch(`${station.url}/icons/manifest.webmanifest`)).json()) as {
      start_url: string;
      icons: { src: string; sizes: string }[];
    };
    expect(manifest.start_url).toBe('/');
    for (const icon of [...manifest.icons, { src: '/icons/apple-touch-icon.png', sizes: '180x180' }]) {
      const png = Buffer.from(await (await fetch(station.url + icon.src)).arrayBuffer());
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
    }
    // The page's CSP lets a phone fetch the manifest and icons ('self'), nothing from elsewhere.
    const page = await fetch(`${station.url}/`, { headers: { accept: 'text/html' } });
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("img-src 'self' data:");
    expect(policy).not.toContain('manifest-src'); // falls back to default-src 'self'
    await api(station, 'PATCH', `/api/v1/admin/events/${EVENT}`, { headers: operator(station), body: { subTitle: null } });
  }, 90_000);

  it('item 3: an official race, then the official event, never reads as live or in progress, before and after a reload', async () => {
    await keepOnCourse(at(99_212));
    const page = await openPage(`#/events/${EVENT}/results/${RACE}`, { viewport: { width: 390, height: 844 } });
    await page.locator('[data-testid=link-state][data-state=live]').waitFor();
    await page.locator('[data-testid=oncourse-entry]').nth(1).waitFor();
    expect(await page.getByTestId('race-states').textContent()).toContain('In progress');
    // The officials mark the race under way official: on the open page at once.
    const mark = await api(station, 'PUT', `/api/v1/admin/events/${EVENT}/races/${RACE}/official`, { headers: operator(station), body: { official: true } });
    expect(mark.status).toBe(200);
    await page.locator('[data-testid=race-states] [data-testid=race-state][data-state=official]').waitFor({ timeout: 3000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid=oncourse-entry]'), null, { timeout: 3000 });
    const selected = () => page.getByTestId('race-select').evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent);
    expect(await selected()).toBe('K1m - střední trať');
    await new Promise((r) => setTimeout(r, 2500)); // another on-course push still lists its riders
    expect(await page.locator('[data-testid=oncourse-entry]').count()).toBe(0);
    expect(await page.getByTestId('race-states').textContent()).not.toContain('In progress');
    await page.reload();
    await page.locator('[data-testid=race-states] [data-testid=race-state][data-state=official]').waitFor();
    expect(await page.locator('[data-testid=oncourse-entry]').count()).toBe(0);
    await shot(page, 'official-race-390x844-en');

    // The whole event official, with the page open.
    const master = { 'x-master-key': station.adminSecret };
    for (const status of ['finished', 'official']) {
      expect((await api(station, 'PATCH', `/api/v1/admin/events/${EVENT}/status`, { headers: master, body: { status } })).status).toBe(200);
    }
    await page.getByTestId('event-official').waitFor({ timeout: 3000 });
    const liveLeft = (p: Page) =>
      p.evaluate(() => {
        const found: string[] = [];
        const text = document.body.innerText;
        for (const word of ['In progress', 'Probíhá', 'Live', 'Živě', 'On course', 'Na trati'])
          if (new RegExp(`\\b${word}\\b`, 'u').test(text)) found.push(word);
        for (const sel of ['.live-dot', '.badge--live', '.badge--running', '[data-testid=oncourse]', '[data-state=running]']) {
          if (document.querySelector(sel)) found.push(sel);
        }
        for (const o of document.querySelectorAll('option')) if (/In progress|Probíhá/.test(o.textContent ?? '')) found.push(`option ${o.textContent}`);
        return found;
      });
    await page.waitForFunction(() => !document.querySelector('[data-state=running]'), null, { timeout: 3000 });
    expect(await liveLeft(page)).toEqual([]);
    for (const [lang, locale] of LANGS) {
      for (const view of [`results/${RACE}`, 'schedule']) {
        const p = await openPage(`#/events/${EVENT}/${view}`, { locale, viewport: { width: 390, height: 844 } });
        await p.getByTestId('event-official').waitFor();
        await p.locator('[data-testid=result-row], [data-testid=schedule-row]').nth(10).waitFor();
        expect(await liveLeft(p), `${lang} ${view}`).toEqual([]);
        if (view === 'schedule') {
          const states = await p.locator('[data-testid=schedule-row]').evaluateAll((r) => [...new Set(r.map((x) => x.getAttribute('data-state')))]);
          expect(states).toEqual(['official']);
        }
        await shot(p, `official-event-${view.split('/')[0]}-390x844-${lang}`);
        await axeClean(p, `official event ${view}, ${lang}`);
      }
      // The events list: under "Finished", with the official badge.
      const list = await openPage('', { locale });
      await list.locator(`[data-testid=event-card][data-event-id=${EVENT}]`).waitFor();
      expect(await list.locator('#sec-live').count()).toBe(0);
      expect(await list.locator(`#sec-finished + ul [data-event-id=${EVENT}] .badge--official`).count()).toBe(1);
    }
  }, 120_000);
});
