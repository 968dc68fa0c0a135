/**
 * Which in-page alerts a change of the live state deserves, for the spectator's favourites: a
 * favourite started, a favourite finished (with time and rank), a race with a favourite became
 * official. Pure: it compares the previous and the next on-course list and races, and remembers
 * what it already announced in `seen` so an alert fires once, not on every 10 Hz on-course push.
 *
 * The browser's Notification API needs a secure context and is refused on a plain-http LAN
 * station (reference §9 item 20), so these are shown inside the page.
 */
import type { PublicOnCourseEntry, PublicRace } from '@wire/api.ts';
import { isFinal, raceState } from '../../shared/ui/race-status.ts';

export interface AlertSnapshot {
  oncourse: readonly PublicOnCourseEntry[];
  races: readonly PublicRace[];
}

export type FavouriteAlert =
  | { id: string; kind: 'start'; name: string; raceId: string }
  | { id: string; kind: 'finish'; name: string; raceId: string; total: number | null; rank: number | null }
  | { id: string; kind: 'official'; raceId: string };

function finished(e: PublicOnCourseEntry): boolean {
  return e.completed || e.dtFinish !== null;
}

/**
 * Alerts for the step prev → next. `favourites` holds "classId:bib" keys (lib/favourites.ts).
 * With `prev` null (first data of the page) nothing is announced: what was already true is only
 * recorded in `seen`.
 */
export function detectAlerts(
  prev: AlertSnapshot | null, next: AlertSnapshot, favourites: ReadonlySet<string>, seen: Set<string>,
): FavouriteAlert[] {
  const out: FavouriteAlert[] = [];
  const classOf = new Map(next.races.map((r) => [r.raceId, r.classId]));
  for (const e of next.oncourse) {
    if (e.dtStart === null) continue;
    const run = `${e.raceId}|${e.bib}|${e.dtStart}`;
    const fav = favourites.has(`${classOf.get(e.raceId) ?? ''}:${e.bib}`);
    const startId = `start|${run}`;
    if (!seen.has(startId)) {
      seen.add(startId);
      if (prev && fav && !finished(e)) out.push({ id: startId, kind: 'start', name: e.name, raceId: e.raceId });
    }
    const finishId = `finish|${run}`;
    if (finished(e) && !seen.has(finishId)) {
      seen.add(finishId);
      if (prev && fav) out.push({ id: finishId, kind: 'finish', name: e.name, raceId: e.raceId, total: e.total, rank: e.rank });
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
