/**
 * The first view a phone gets with the spectator page itself (issue 17): the station serves the
 * page for the event that is running with everything the event page's first screen needs, so the
 * app draws it without waiting for a REST answer or the socket's first message.
 *
 * - `FirstView` is the JSON in the page's `<script type="application/json" id="first-view">`
 *   (a data block: never run, so the page's script policy is unchanged): the event as
 *   `GET /events/{id}` and `/categories` give it, who is on course, the results of the round the
 *   app opens when the link names none, and the live `seq`/`bootId` at that moment, so the socket's
 *   first `full` tells the app whether anything happened since.
 * - `FirstViewRenderer` is the server side of the spectator app (dist-renderer/ssr/first-view.js,
 *   built from src-renderer/spectator/first-view/first-view-ssr.tsx): the app's own choice of
 *   round and its own results table, rendered to HTML so the first rows are on screen before any
 *   script has run.
 */
import type { PublicAggregatedCategory, PublicClass, PublicEventDetail, PublicOnCourseEntry, PublicRace, PublicResult } from './api.ts';

export interface FirstViewStructure {
  event: PublicEventDetail;
  classes: PublicClass[];
  races: PublicRace[];
  categories: PublicAggregatedCategory[];
}

export interface FirstView extends FirstViewStructure {
  eventId: string;
  /** The event's live `seq` and the station's `bootId` when the page was served (wire/live.ts). */
  seq: number;
  bootId: string;
  oncourse: PublicOnCourseEntry[];
  /** The round the app opens without a race in its link: its race ids and its whole-field list (plain). */
  round: { key: string; raceIds: string[]; rows: PublicResult[] } | null;
}

export interface FirstViewRender {
  /** Markup for the page's root element (the app replaces it when it starts). */
  html: string;
  /** The language it is in ("en" | "cs"), for `<html lang>`. */
  lang: string;
  /** The first view the markup shows, `round` included: the page's data block. */
  view: FirstView;
}

export interface FirstViewRenderer {
  /**
   * The app's first screen for an event, or null when it opens on something other than a results
   * list (no race yet, a startlist). `rowsOf` gives a race's plain whole-field list.
   */
  renderFirstView(input: {
    first: Omit<FirstView, 'round'> & { round: null };
    acceptLanguage: string | undefined;
    rowsOf(raceId: string): readonly PublicResult[] | null;
  }): FirstViewRender | null;
}
