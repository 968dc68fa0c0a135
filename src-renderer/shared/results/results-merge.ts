/**
 * Pure rules for a results list on the phone: one ordering rule, and how a live diff changes the
 * list. c123-live-mini upserted diffs by bib into whatever list was shown, so a category-filtered
 * list filled up with other categories, and its REST and WS orders disagreed.
 *
 * Ordering (the same for REST answers and after diffs, so a diff never reshuffles equal rows):
 * ranked rows by rank (the category rank in a category view; ties share a rank and then go by
 * start order), then rows without rank or status (not finished yet) by start order, then
 * DNF/CAP/DSQ/DNS.
 *
 * Applying a diff:
 * - Whole-field view, protocol 2 (what this app asks for; wire/live.ts): the station's own rules
 *   (wire/results-diff.ts: patches, compact `moves`, then `ranks`), then re-sort. When the list
 *   cannot take the diff exactly (its `check` does not come out, or it uses an operation this app
 *   does not know) the list is fetched again.
 * - Whole-field view, protocol 1 (a station older than this app): complete rows upserted by
 *   participantId, then `ranks` merged (every row a new finish merely moved, place and gap only),
 *   `removed` dropped, re-sorted.
 * - Category view: the station computes category ranks (catRnk, catTotalBehind) only in `?catId=`
 *   REST answers; diff rows carry whole-field data for all categories. Recomputing category ranks
 *   here would duplicate the station's tie and best-run rules, so we take the simplest correct
 *   route: drop removed rows at once, and if the diff touches this category at all, ask for a
 *   (debounced) refetch of the filtered list. Rows of other categories are never inserted.
 */
import type { PublicResult } from '@wire/api.ts';
import type { WsDiffPayload } from '@wire/live.ts';
import { applyRaceDiff, isCompactDiff, withPlaces } from '@wire/results-diff.ts';

export type ResultRow = PublicResult;

export interface ResultsViewKey {
  /** The ids this list answers for (both runs of a best-run pair). */
  raceIds: readonly string[];
  catId: string | null;
}

const STATUS_ORDER: Record<string, number> = { DNF: 0, CAP: 1, DSQ: 2, DNS: 3 };

function group(r: ResultRow, byCat: boolean): number {
  if (r.status) return 2;
  return (byCat ? r.catRnk : r.rnk) != null ? 0 : 1;
}

function nullsLast(a: number | null | undefined, b: number | null | undefined): number {
  return (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER);
}

export function compareResults(a: ResultRow, b: ResultRow, byCat = false): number {
  const ga = group(a, byCat);
  const gb = group(b, byCat);
  if (ga !== gb) return ga - gb;
  if (ga === 0) {
    const d = nullsLast(byCat ? a.catRnk : a.rnk, byCat ? b.catRnk : b.rnk);
    if (d) return d;
  }
  if (ga === 2) {
    const d = (STATUS_ORDER[a.status ?? ''] ?? 9) - (STATUS_ORDER[b.status ?? ''] ?? 9);
    if (d) return d;
  }
  return nullsLast(a.startOrder, b.startOrder) || nullsLast(a.bib, b.bib) || a.participantId.localeCompare(b.participantId);
}

export function sortResults(rows: readonly ResultRow[], byCat = false): ResultRow[] {
  return [...rows].sort((a, b) => compareResults(a, b, byCat));
}

/** Fields that describe a run's outcome; when one changes, any cached gate detail is stale. */
const RUN_FIELDS = ['time', 'pen', 'total', 'status', 'prevTime', 'prevPen', 'prevTotal', 'prevStatus', 'currStatus'] as const;
const DETAIL_FIELDS = ['dtStart', 'dtFinish', 'gates', 'prevDtStart', 'prevDtFinish', 'prevGates'] as const;

/**
 * A diff row over the row we had: fields the diff carries win, fields it does not carry stay.
 * If the run's outcome changed but the diff brought no gates, the old gate detail is dropped so
 * the run detail fetches it again instead of showing stale gates.
 */
export function mergeRow(old: ResultRow | undefined, incoming: ResultRow): ResultRow {
  if (!old) return incoming;
  const merged: ResultRow = { ...old, ...incoming };
  if (!('gates' in incoming) && RUN_FIELDS.some((f) => f in incoming && incoming[f] !== old[f])) {
    for (const f of DETAIL_FIELDS) delete merged[f];
  }
  return merged;
}

/** Does this diff concern the list? (either run id of a best-run pair) */
export function diffConcerns(diff: WsDiffPayload, view: ResultsViewKey): boolean {
  if (!diff.results && !diff.removed && !diff.ranks && !diff.changed && !diff.moves) return false;
  return (diff.raceId != null && view.raceIds.includes(diff.raceId)) || (diff.pairedRaceId != null && view.raceIds.includes(diff.pairedRaceId));
}

export interface DiffOutcome {
  rows: ResultRow[];
  /** The list cannot be made exact locally: fetch it again (category views). */
  refetch: boolean;
}

export function applyResultsDiff(rows: readonly ResultRow[], diff: WsDiffPayload, view: ResultsViewKey): DiffOutcome | null {
  if (!diffConcerns(diff, view)) return null;
  const removed = new Set(diff.removed ?? []);
  const incoming = diff.results ?? [];
  if (view.catId !== null) {
    const kept = removed.size ? rows.filter((r) => !removed.has(r.participantId)) : [...rows];
    const shown = new Set(rows.map((r) => r.participantId));
    const touches =
      kept.length !== rows.length ||
      incoming.some((r) => r.catId === view.catId || shown.has(r.participantId)) ||
      (diff.changed ?? []).some((p) => shown.has(p.participantId)) ||
      // A move can reach any row (a new finish moves the places below it).
      !!diff.moves?.length ||
      (diff.ranks ?? []).some((u) => shown.has(u.participantId));
    return { rows: kept, refetch: touches };
  }
  if (isCompactDiff(diff)) {
    const next = applyRaceDiff(rows, diff);
    if (next) return { rows: sortResults(next), refetch: false };
    // Cannot be made exact here: keep what is shown (less the rows that left) and read it again.
    return { rows: removed.size ? rows.filter((r) => !removed.has(r.participantId)) : [...rows], refetch: true };
  }
  const byId = new Map(rows.map((r) => [r.participantId, r]));
  for (const id of removed) byId.delete(id);
  for (const r of incoming) byId.set(r.participantId, mergeRow(byId.get(r.participantId), r));
  for (const u of diff.ranks ?? []) {
    const old = byId.get(u.participantId);
    if (old) byId.set(u.participantId, withPlaces(old, u));
  }
  return { rows: sortResults([...byId.values()]), refetch: false };
}

/**
 * Detail fields from a `detailed=true` answer merged into the list, for rows whose run outcome is
 * unchanged since (a row that changed meanwhile keeps no detail, so it is fetched again).
 */
export function mergeDetails(rows: readonly ResultRow[], detailed: readonly ResultRow[]): ResultRow[] {
  const byId = new Map(detailed.map((r) => [r.participantId, r]));
  return rows.map((r) => {
    const d = byId.get(r.participantId);
    if (!d || !('gates' in d) || RUN_FIELDS.some((f) => (d[f] ?? null) !== (r[f] ?? null))) return r;
    const out: ResultRow = { ...r, courseGateCount: d.courseGateCount ?? r.courseGateCount };
    for (const f of DETAIL_FIELDS) (out as Record<string, unknown>)[f] = d[f] ?? null;
    return out;
  });
}
