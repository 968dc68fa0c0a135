/**
 * The spectator page with its first view in it (issue 17; wire/first-view.ts): for the event that
 * is running, the page carries the first screen already drawn (by the app's own server module,
 * dist-renderer/ssr/first-view.js), the data the app starts from (a JSON data block, never run),
 * and its stylesheets inline. The drawn screen starts hidden; one small constant script right
 * after it (allowed by its hash in the page's policy, `SHOW_SCRIPT_HASH`) shows it when the
 * address names that event's page, so a link to any other page of the app never flashes it. On a slow mobile link every round trip costs seconds: this way the
 * first results are on screen when the page itself has arrived, and the app, once loaded, needs
 * no REST answer and no socket message before it shows the same. The socket's first `full` says
 * whether anything happened in between (its `seq` against the one in the page).
 *
 * Which event: the one running (the latest to start running, when more are). None running, no
 * server module (pages not built by `npm run build:renderer`), or it fails: the plain page.
 * Pages are built once per state of the event, live seq and language, gzip included, and never
 * cached by the phone (the page routes say `no-store`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventState } from '../domain/model.ts';
import { aggregatedCategories, onCourseList, publicClasses, publicEventDetail, publicRaces, raceResults } from '../domain/public-view.ts';
import type { FirstView, FirstViewRenderer } from '../wire/first-view.ts';
import type { StationCore } from '../station-core.ts';
import { gzipJson } from './compress-json.ts';

export interface LiveSeq {
  /** The event's live `seq` now and the station's `bootId` (live/spectator-hub.ts). */
  seqOf(eventId: string): number;
  bootId: string;
}

export interface FirstViewPage {
  html: string;
  gzipped(): Promise<Buffer>;
}

export class FirstViewPages {
  private renderer: Promise<FirstViewRenderer | null> | null = null;
  private kept: { state: EventState; seq: number; lang: string; template: string; page: FirstViewPage } | null = null;
  private readonly root: string;
  private readonly core: StationCore;
  private readonly live: LiveSeq;

  constructor(root: string, core: StationCore, live: LiveSeq) {
    this.root = root;
    this.core = core;
    this.live = live;
  }

  /** The spectator page (`template`: its built index.html) with the running event's first view, or null. */
  async page(template: string, acceptLanguage: string | undefined): Promise<FirstViewPage | null> {
    const state = this.current();
    if (!state) return null;
    const renderer = await this.loadRenderer();
    if (!renderer) return null;
    const eventId = state.meta.eventId;
    const seq = this.live.seqOf(eventId);
    const languageKey = acceptLanguage ?? '';
    const k = this.kept;
    if (k && k.state === state && k.seq === seq && k.lang === languageKey && k.template === template) return k.page;
    const first = {
      eventId,
      seq,
      bootId: this.live.bootId,
      event: publicEventDetail(state),
      classes: publicClasses(state),
      races: publicRaces(state),
      categories: aggregatedCategories(state),
      oncourse: onCourseList(state),
      round: null,
    };
    let rendered;
    try {
      rendered = renderer.renderFirstView({ first, acceptLanguage, rowsOf: (raceId) => raceResults(state, raceId) });
    } catch {
      return null;
    }
    if (!rendered) return null;
    const html = withFirstView(template, rendered.html, rendered.lang, rendered.view, (href) => this.stylesheet(href));
    let zipped: Promise<Buffer> | null = null;
    const page: FirstViewPage = { html, gzipped: () => (zipped ??= gzipJson(html)) };
    this.kept = { state, seq, lang: languageKey, template, page };
    return page;
  }

  /** The running event (the latest to start running). */
  private current(): EventState | null {
    let best: EventState | null = null;
    for (const s of this.core.all()) {
      if (s.status !== 'running') continue;
      if (!best || (s.statusChangedAt ?? '') > (best.statusChangedAt ?? '')) best = s;
    }
    return best;
  }

  private loadRenderer(): Promise<FirstViewRenderer | null> {
    const file = join(this.root, 'ssr', 'first-view.js');
    this.renderer ??= existsSync(file)
      ? import(pathToFileURL(file).href).then(
          (m) => m as FirstViewRenderer,
          () => null,
        )
      : Promise.resolve(null);
    return this.renderer;
  }

  private readonly styles = new Map<string, string | null>();
  /** A built stylesheet's text (`/assets/x.css`; hashed names never change content). */
  private stylesheet(href: string): string | null {
    if (!this.styles.has(href)) {
      const file = join(this.root, href.replace(/^\//, ''));
      this.styles.set(href, /^\/assets\/[\w.-]+\.css$/.test(href) && existsSync(file) ? readFileSync(file, 'utf8') : null);
    }
    return this.styles.get(href)!;
  }
}

/**
 * Shows the drawn first view when the address's fragment is one of the routes it was drawn for
 * (its `data-routes`, decoded). Constant text: the page's policy allows it by its hash.
 */
export const SHOW_SCRIPT =
  '(function(){var e=document.getElementById("first-view-root");try{if(JSON.parse(e.getAttribute("data-routes")).indexOf(decodeURIComponent(location.hash))>=0)e.hidden=false}catch(x){}})()';
/** `'sha256-…'` of SHOW_SCRIPT, for the pages' script-src (page-routes.ts). */
export const SHOW_SCRIPT_HASH = `'sha256-${createHash('sha256').update(SHOW_SCRIPT).digest('base64')}'`;

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The page with the first view in it: the drawn screen inside the app's root element, the data
 * block after it, the stylesheets inline (a linked stylesheet holds the first paint back by a
 * round trip; inline styles are allowed by the page's policy, inline scripts are not and none is
 * added), and the language on `<html>`.
 */
export function withFirstView(template: string, markup: string, lang: string, data: FirstView, stylesheet: (href: string) => string | null): string {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return template
    .replace(/<html lang="[^"]*">/, `<html lang="${lang === 'cs' ? 'cs' : 'en'}">`)
    .replace(/<link rel="stylesheet"(?: crossorigin)? href="([^"]+)">/g, (tag, href: string) => {
      const css = stylesheet(href);
      return css === null ? tag : `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
    })
    .replace(
      '<div id="root"></div>',
      `<div id="root"><div id="first-view-root" hidden data-routes="${attr(JSON.stringify(routesOf(data)))}">${markup}</div>` +
        `<script>${SHOW_SCRIPT}</script></div><script type="application/json" id="first-view">${json}</script>`,
    );
}

/** The app's routes that open this first view (spectator lib/routes.ts), as a fragment reads decoded. */
function routesOf(data: FirstView): string[] {
  const event = `#/events/${data.eventId}`;
  const out = [event, `${event}/`];
  if (data.round) out.push(`${event}/results/${data.round.key}`);
  return out;
}
