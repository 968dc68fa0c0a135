/**
 * How a protocol 2 results `diff` (wire/live.ts) changes one race's list: the one definition the
 * station and the spectator app share. The station builds a diff's `moves` and checks them with
 * this very function before it sends them (live/race-diff.ts); the app applies diffs with it. Pure:
 * rows in, rows out; it never ranks (places come from the station, only a gap to a new leader is
 * written here, in the station's own format).
 *
 * Order: `removed` rows leave; `results` rows are upserted whole; `changed` patches are merged
 * into their rows (detail fields only into rows that hold their detail, so a plain list stays
 * plain); `moves` apply to every row not named so far, reading its values from before the diff;
 * `ranks` overwrite the places of the rows they name; then the list must give `check`.
 */
import { resultDetailKeys, type PublicResult } from './api.ts';
import type { WsDiffPayload, WsRankOp, WsRankUpdate } from './live.ts';

/** The fields that say where a row stands; only these change when another row moves. */
export const placeFields = ['rnk', 'totalBehind', 'catRnk', 'catTotalBehind', 'prevRnk'] as const;

/** Gap to the leader as Canoe123 prints it: "0.00" for the leader, "+9.22" otherwise. */
export function formatBehind(cs: number): string {
  const s = (cs / 100).toFixed(2);
  return cs === 0 ? '0.00' : `+${s}`;
}

/** The total a row is ranked by: the better run's of a best-run row, else its total. */
export function rankingTotal(row: PublicResult): number | null {
  return row.totalTotal !== undefined ? row.totalTotal : row.total;
}

/**
 * A 32-bit fingerprint of where every row of the list stands (ids and place fields), independent
 * of the rows' order: equal lists give equal checks, and a place applied twice or not at all
 * almost surely changes it.
 */
export function placesCheck(rows: readonly PublicResult[]): number {
  let sum = 0;
  for (const r of rows) {
    const text = `${r.participantId}\u0000${r.rnk}\u0000${r.totalBehind}\u0000${r.catRnk}\u0000${r.catTotalBehind}\u0000${r.prevRnk ?? null}`;
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    sum = (sum + (h >>> 0)) >>> 0;
  }
  return sum;
}

/** True when this diff uses protocol 2's compact parts (else it is read as protocol 1). */
export function isCompactDiff(diff: WsDiffPayload): boolean {
  return diff.changed !== undefined || diff.moves !== undefined || diff.check !== undefined;
}

const detailKeys = new Set<string>(resultDetailKeys);
const knownOps = new Set(['shift', 'gap']);

/**
 * The list after `diff`, or null when this list cannot take it exactly (a patch for a row it does
 * not hold, an operation this app does not know, or the result does not give `check`): then the
 * list must be read again over REST. Rows come back in no particular order.
 *
 * When the list already holds the diff's places (a REST answer taken after the diff was
 * published, with the diff replayed on top), the rows are upserted and the places left as they are.
 */
export function applyRaceDiff(rows: readonly PublicResult[], diff: WsDiffPayload): PublicResult[] | null {
  const full = applyParts(rows, diff, true);
  if (full && (diff.check === undefined || placesCheck(full) === diff.check)) return full;
  if (diff.check === undefined) return null;
  const rowsOnly = applyParts(rows, diff, false);
  return rowsOnly && placesCheck(rowsOnly) === diff.check ? rowsOnly : null;
}

/** The diff's parts on `rows`, without checking the result; `places` false skips `moves` and `ranks`. */
export function applyParts(rows: readonly PublicResult[], diff: WsDiffPayload, places = true): PublicResult[] | null {
  const byId = new Map(rows.map((r) => [r.participantId, r]));
  for (const id of diff.removed ?? []) byId.delete(id);
  const named = new Set<string>();
  for (const row of diff.results ?? []) {
    byId.set(row.participantId, { ...byId.get(row.participantId), ...row });
    named.add(row.participantId);
  }
  for (const patch of diff.changed ?? []) {
    const old = byId.get(patch.participantId);
    if (!old) return null;
    const merged: Record<string, unknown> = { ...old };
    const hasDetail = 'gates' in old;
    for (const [k, v] of Object.entries(patch)) if (hasDetail || !detailKeys.has(k)) merged[k] = v;
    byId.set(patch.participantId, merged as PublicResult);
    named.add(patch.participantId);
  }
  if (!places) return [...byId.values()];
  const moves = diff.moves ?? [];
  if (moves.some((m) => !knownOps.has(m.op))) return null;
  if (moves.length) {
    for (const [id, row] of byId) if (!named.has(id)) byId.set(id, moved(row, moves));
  }
  for (const u of diff.ranks ?? []) {
    const row = byId.get(u.participantId);
    if (row) byId.set(u.participantId, withPlaces(row, u));
  }
  return [...byId.values()];
}

/** A place-and-gap-only update merged into its row (nothing else about the run changed). */
export function withPlaces(row: PublicResult, u: WsRankUpdate): PublicResult {
  const out: PublicResult = { ...row, rnk: u.rnk, totalBehind: u.totalBehind, catRnk: u.catRnk, catTotalBehind: u.catTotalBehind };
  if ('prevRnk' in u) out.prevRnk = u.prevRnk ?? null;
  return out;
}

/** One row after the operations, each reading the row as it was before any of them. */
function moved(row: PublicResult, moves: readonly WsRankOp[]): PublicResult {
  let out: PublicResult | null = null;
  const set = <K extends keyof PublicResult>(k: K, v: PublicResult[K]) => {
    if (row[k] === v) return;
    out ??= { ...row };
    out[k] = v;
  };
  for (const m of moves) {
    if (m.op === 'shift') {
      const v = row[m.field];
      if (typeof v !== 'number' || v < m.from || v > m.to) continue;
      if (m.field === 'catRnk' && row.catId !== m.catId) continue;
      set(m.field, v + m.by);
    } else if (m.op === 'gap') {
      const total = rankingTotal(row);
      if (total === null || total === undefined) continue;
      // Only ranked rows have a gap; a shift never ranks or unranks a row.
      if (m.field === 'totalBehind') {
        if (row.rnk !== null) set('totalBehind', formatBehind(total - m.leader));
      } else if (row.catId === m.catId && row.catRnk !== null) {
        set('catTotalBehind', formatBehind(total - m.leader));
      }
    }
  }
  return out ?? row;
}
