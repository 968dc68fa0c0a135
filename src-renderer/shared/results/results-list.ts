/**
 * One live results list as a view holds it (use-race-results.ts), and the pure steps it goes
 * through: seeded from the first view the page came with, settled from a REST answer with the
 * diffs that arrived while it was in flight, patched by a diff, given its run details. The row
 * rules themselves (order, diffs, details) are results-merge.ts's; this file owns only the list's
 * identity (`key`: which races and category it answers for) and its `version` (bumped on every
 * change of the rows' outcomes, so details asked for one state are not taken for another).
 * Pure: no React, no fetch.
 */
import type { FirstView } from '@wire/first-view.ts';
import type { WsDiffPayload } from '@wire/live.ts';
import { applyResultsDiff, mergeDetails, sortResults, type ResultRow, type ResultsViewKey } from './results-merge.ts';

export interface ResultsList {
  key: string;
  rows: ResultRow[];
  /** Bumped on every change of the rows' outcomes (REST load or diff). */
  version: number;
}

/** A list and whether it must be fetched again (a diff it could not take exactly). */
export interface ListOutcome {
  list: ResultsList;
  refetch: boolean;
}

/** The identity of the list of some races (both runs of a best-run pair) and a category. */
export function resultsListKey(raceIds: readonly string[], catId: string | null): string {
  return `${raceIds.join(',')}|${catId ?? ''}`;
}

/** The race id the station answers a round's list for: its last run (the first view's too). */
export function listRaceId(view: ResultsViewKey): string {
  return view.raceIds[view.raceIds.length - 1];
}

/**
 * The round's list the page came with (shared/first-view.ts), when it is the list asked for: the
 * whole field of the same races. Null otherwise (the list is fetched).
 */
export function seededList(first: FirstView | null, raceIds: readonly string[], catId: string | null): ResultsList | null {
  if (catId !== null || !first?.round || first.round.raceIds.join(',') !== raceIds.join(',')) return null;
  return { key: resultsListKey(raceIds, catId), rows: sortResults(first.round.rows), version: 0 };
}

/**
 * A REST answer made the list: the diffs queued while it was in flight replayed on top, and the
 * run details the previous state of the same list had kept where the rows did not change.
 */
export function settledList(
  prev: ResultsList | null,
  key: string,
  fetched: readonly ResultRow[],
  queued: readonly WsDiffPayload[],
  view: ResultsViewKey,
): ListOutcome {
  let rows = sortResults(fetched, view.catId !== null);
  let refetch = false;
  for (const diff of queued) {
    const out = applyResultsDiff(rows, diff, view);
    if (out) [rows, refetch] = [out.rows, refetch || out.refetch];
  }
  if (prev?.key === key) rows = mergeDetails(rows, prev.rows);
  return { list: { key, rows, version: (prev?.version ?? 0) + 1 }, refetch };
}

/** A live diff applied to the list; null when it does not concern it (another list, no change). */
export function patchedList(cur: ResultsList | null, key: string, diff: WsDiffPayload, view: ResultsViewKey): ListOutcome | null {
  if (!cur || cur.key !== key) return null;
  const out = applyResultsDiff(cur.rows, diff, view);
  if (!out) return null;
  return { list: { key, rows: out.rows, version: cur.version + 1 }, refetch: out.refetch };
}

/** What a details request is for: this state of the list, and the category asked. */
export function detailsTag(list: ResultsList, catId: string | null): string {
  return `${list.key}#${list.version}#${catId ?? ''}`;
}

/** The run details (gates) of a `detailed=true` answer merged into the list; same version. */
export function withDetails(list: ResultsList, detailed: readonly ResultRow[]): ResultsList {
  return { ...list, rows: mergeDetails(list.rows, detailed) };
}
