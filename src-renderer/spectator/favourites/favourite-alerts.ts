/**
 * Which in-page alerts a change of the live state deserves, for the spectator's favourites: a
 * favourite started, finished (with time and rank), or vanished from the course without finishing
 * (c123-server drops a rider who did not finish: DNF, DSQ, a run abandoned), and a race with a
 * favourite became official. Pure: it compares the previous and the next on-course list and races,
 * with the times they arrived, and keeps what it already announced in `memory`:
 *
 * - `seen`: a start or finish is announced once per run, not on every 10 Hz on-course push;
 * - `last`: per favourite and kind, when it was last announced; the same alert is never repeated
 *   within `ALERT_COOLDOWN_MS` (c123-live-mini's 30 s per-tag cooldown), so a rider flickering
 *   in and out of a shaky feed does not make a burst of alerts.
 *
 * A rider also leaves the station's list when the feed stops (entries expire 10 s after the last
 * push), or when the event becomes official; neither is "left the course", so a vanish is
 * announced only when the on-course list before it is at most `VANISH_MAX_GAP_MS` old and the
 * event is not official.
 *
 * The browser's Notification API needs a secure context and is refused on a plain-http LAN
 * station, so these are shown inside the page.
 */
import type { PublicOnCourseEntry, PublicRace } from '@wire/api.ts';
import { isFinal, raceState } from '../../shared/ui/race-status.ts';

export const ALERT_COOLDOWN_MS = 30_000;
/** Below the station's 10 s on-course expiry, above the 1–6 s between real c123-server pushes. */
export const VANISH_MAX_GAP_MS = 8_000;

export interface AlertSnapshot {
  oncourse: readonly PublicOnCourseEntry[];
  races: readonly PublicRace[];
  /** When this on-course list arrived (ms). */
  at: number;
  /** The event is official: the list was emptied, nobody left the course. */
  official?: boolean;
}

export interface AlertMemory {
  seen: Set<string>;
  last: Map<string, number>;
}

export function newAlertMemory(): AlertMemory {
  return { seen: new Set(), last: new Map() };
}

export type FavouriteAlert =
  | { id: string; kind: 'start'; name: string; raceId: string }
  | { id: string; kind: 'finish'; name: string; raceId: string; total: number | null; rank: number | null }
  | { id: string; kind: 'vanish'; name: string; raceId: string }
  | { id: string; kind: 'official'; raceId: string };

function finished(e: PublicOnCourseEntry): boolean {
  return e.completed || e.dtFinish !== null;
}

/**
 * Alerts for the step prev → next at `now`. `favourites` holds "classId:bib" keys
 * (lib/favourites.ts). With `prev` null (first data of the page) nothing is announced: what was
 * already true is only recorded in `memory.seen`.
 */
export function detectAlerts(
  prev: AlertSnapshot | null,
  next: AlertSnapshot,
  favourites: ReadonlySet<string>,
  memory: AlertMemory,
  now: number,
): FavouriteAlert[] {
  const out: FavouriteAlert[] = [];
  const { seen } = memory;
  const classOf = new Map(next.races.map((r) => [r.raceId, r.classId]));
  const favOf = (e: PublicOnCourseEntry) => `${classOf.get(e.raceId) ?? ''}:${e.bib}`;
  /** True (and remembered) when this favourite's alert of this kind is not in its cooldown. */
  const cooled = (kind: string, fav: string) => {
    const key = `${kind}|${fav}`;
    const last = memory.last.get(key);
    if (last !== undefined && now - last < ALERT_COOLDOWN_MS) return false;
    memory.last.set(key, now);
    return true;
  };

  for (const e of next.oncourse) {
    if (e.dtStart === null) continue;
    const run = `${e.raceId}|${e.bib}|${e.dtStart}`;
    const fav = favourites.has(favOf(e));
    const startId = `start|${run}`;
    if (!seen.has(startId)) {
      seen.add(startId);
      if (prev && fav && !finished(e) && cooled('start', favOf(e))) out.push({ id: startId, kind: 'start', name: e.name, raceId: e.raceId });
    }
    const finishId = `finish|${run}`;
    if (finished(e) && !seen.has(finishId)) {
      seen.add(finishId);
      if (prev && fav && cooled('finish', favOf(e))) {
        out.push({ id: finishId, kind: 'finish', name: e.name, raceId: e.raceId, total: e.total, rank: e.rank });
      }
    }
  }

  if (prev && !next.official && next.at - prev.at <= VANISH_MAX_GAP_MS) {
    const still = new Set(next.oncourse.map((e) => `${e.raceId}|${e.bib}`));
    for (const e of prev.oncourse) {
      if (e.dtStart === null || finished(e) || still.has(`${e.raceId}|${e.bib}`)) continue;
      if (!favourites.has(favOf(e)) || !cooled('vanish', favOf(e))) continue;
      out.push({ id: `vanish|${e.raceId}|${e.bib}|${e.dtStart}|${now}`, kind: 'vanish', name: e.name, raceId: e.raceId });
    }
  }

  const favClasses = new Set([...favourites].map((k) => k.slice(0, k.lastIndexOf(':'))));
  const before = new Map((prev?.races ?? []).map((r) => [r.raceId, r]));
  for (const r of next.races) {
    const id = `official|${r.raceId}`;
    if (!isFinal(raceState(r)) || seen.has(id)) continue;
    seen.add(id);
    const old = before.get(r.raceId);
    if (prev && old && !isFinal(raceState(old)) && favClasses.has(r.classId)) {
      out.push({ id, kind: 'official', raceId: r.raceId });
    }
  }
  return out;
}
