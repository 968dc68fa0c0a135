/**
 * What changed in one race's public result list, as the smallest `diff` payload of each protocol
 * (wire/live.ts). Pure; the message builder calls it with the lists before and after a decision.
 *
 * - Protocol 2 (`diffRace`): rows new to the list complete, rows that changed as patches of their
 *   changed fields, and the rows a change merely moved as compact `moves` ("places 7…40 move down
 *   by one", "gaps to a new leader"). The moves are derived from the two lists, then applied to the
 *   list before with the app's own function (wire/results-diff.ts): a row they do not put exactly
 *   where the list after has it (ties, the ICF tie-break reordering a tie, a best-run pair's run-1
 *   places) is listed in `ranks` with its places. So a diff is always exact, and compact when it can be.
 * - Protocol 1 (`legacyDiffRace`): every changed row complete, every moved row in `ranks`.
 */
import type { PublicResult } from '../wire/api.ts';
import type { WsRankOp, WsRankUpdate, WsRowPatch } from '../wire/live.ts';
import { applyParts, placeFields, placesCheck, rankingTotal } from '../wire/results-diff.ts';

export interface RaceDiff {
  results: PublicResult[];
  changed: WsRowPatch[];
  moves: WsRankOp[];
  ranks: WsRankUpdate[];
  removed: string[];
  /** placesCheck of the list after. */
  check: number;
}

export interface LegacyRaceDiff {
  results: PublicResult[];
  ranks: WsRankUpdate[];
  removed: string[];
}

type Field = keyof PublicResult;

export function diffRace(before: readonly PublicResult[], after: readonly PublicResult[]): RaceDiff {
  const old = new Map(before.map((r) => [r.participantId, r]));
  const results: PublicResult[] = [];
  const changed: WsRowPatch[] = [];
  /** Rows in both lists that the diff does not name: what `moves` and `ranks` speak of. */
  const others: { was: PublicResult; now: PublicResult }[] = [];
  for (const row of after) {
    const prev = old.get(row.participantId);
    old.delete(row.participantId);
    if (!prev) {
      results.push(row);
      continue;
    }
    const fields = changedFields(prev, row);
    if (fields === null) results.push(row);
    else if (fields.some((f) => !isPlaceField(f))) changed.push(patchOf(row, fields));
    else others.push({ was: prev, now: row });
  }
  const removed = [...old.keys()];
  const d: RaceDiff = { results, changed, moves: [], ranks: [], removed, check: placesCheck(after) };
  const moving = others.filter((o) => placeFields.some((f) => o.was[f] !== o.now[f]));
  if (moving.length === 0) return d;

  const moves = movesOf(others, after);
  const applied = new Map((applyParts(before, { ...d, moves }) ?? []).map((r) => [r.participantId, r]));
  const ranks: WsRankUpdate[] = [];
  for (const { now } of others) {
    const got = applied.get(now.participantId);
    if (!got || placeFields.some((f) => (got[f] ?? null) !== (now[f] ?? null))) ranks.push(rankUpdate(now));
  }
  // Operations that explain nothing (every moved row listed anyway) are left out.
  if (ranks.length < moving.length) d.moves = moves;
  d.ranks = d.moves.length ? ranks : moving.map((o) => rankUpdate(o.now));
  return d;
}

export function legacyDiffRace(before: readonly PublicResult[], after: readonly PublicResult[]): LegacyRaceDiff {
  const old = new Map(before.map((r) => [r.participantId, r]));
  const results: PublicResult[] = [];
  const ranks: WsRankUpdate[] = [];
  for (const row of after) {
    const prev = old.get(row.participantId);
    old.delete(row.participantId);
    const fields = prev ? changedFields(prev, row) : null;
    if (fields === null || fields.some((f) => !isPlaceField(f))) results.push(row);
    else if (fields.length) ranks.push(rankUpdate(row));
  }
  return { results, ranks, removed: [...old.keys()] };
}

export function isEmptyDiff(d: { results: unknown[]; ranks: unknown[]; removed: unknown[]; changed?: unknown[] }): boolean {
  return d.results.length === 0 && d.ranks.length === 0 && d.removed.length === 0 && (d.changed?.length ?? 0) === 0;
}

function isPlaceField(f: Field): boolean {
  return (placeFields as readonly string[]).includes(f);
}

/** The fields whose values differ; null when the rows do not have the same keys (send it whole). */
function changedFields(a: PublicResult, b: PublicResult): Field[] | null {
  const keys = Object.keys(b) as Field[];
  if (Object.keys(a).length !== keys.length) return null;
  const out: Field[] = [];
  for (const k of keys) {
    if (!(k in a)) return null;
    if (!sameJson(a[k], b[k])) out.push(k);
  }
  return out;
}

/** Equal JSON values (a row's fields: scalars, gate lists), compared without serializing them. */
function sameJson(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i], y[i])) return false;
    return true;
  }
  if (Array.isArray(y)) return false;
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  for (const k of kx) if (!sameJson((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k])) return false;
  return true;
}

function patchOf(row: PublicResult, fields: readonly Field[]): WsRowPatch {
  const patch: Record<string, unknown> = { participantId: row.participantId };
  for (const f of fields) patch[f] = row[f];
  return patch as WsRowPatch;
}

function rankUpdate(row: PublicResult): WsRankUpdate {
  const update: WsRankUpdate = {
    participantId: row.participantId,
    rnk: row.rnk,
    totalBehind: row.totalBehind,
    catRnk: row.catRnk,
    catTotalBehind: row.catTotalBehind,
  };
  if ('prevRnk' in row) update.prevRnk = row.prevRnk ?? null;
  return update;
}

/**
 * The operations that move the unnamed rows from their places before to their places after:
 * for each place field (per category for `catRnk`), runs of rows next to each other in the old
 * order that moved by the same amount become one shift; a gap that changed becomes "gaps to the
 * new leader". Not necessarily exact: the caller checks them.
 */
function movesOf(others: readonly { was: PublicResult; now: PublicResult }[], after: readonly PublicResult[]): WsRankOp[] {
  const moves: WsRankOp[] = [];
  for (const field of ['rnk', 'prevRnk'] as const) {
    for (const [from, to, by] of runs(others, field)) moves.push({ op: 'shift', field, from, to, by });
  }
  const cats = new Map<string | null, { was: PublicResult; now: PublicResult }[]>();
  for (const o of others) {
    const c = o.now.catId ?? null;
    let list = cats.get(c);
    if (!list) cats.set(c, (list = []));
    list.push(o);
  }
  for (const [catId, list] of cats) {
    for (const [from, to, by] of runs(list, 'catRnk')) moves.push({ op: 'shift', field: 'catRnk', catId, from, to, by });
  }
  if (others.some((o) => o.was.totalBehind !== o.now.totalBehind)) {
    const leader = after.find((r) => r.rnk === 1);
    const total = leader ? rankingTotal(leader) : null;
    if (total !== null && total !== undefined) moves.push({ op: 'gap', field: 'totalBehind', leader: total });
  }
  for (const [catId, list] of cats) {
    if (!list.some((o) => o.was.catTotalBehind !== o.now.catTotalBehind)) continue;
    const leader = after.find((r) => r.catRnk === 1 && (r.catId ?? null) === catId);
    const total = leader ? rankingTotal(leader) : null;
    if (total !== null && total !== undefined) moves.push({ op: 'gap', field: 'catTotalBehind', catId, leader: total });
  }
  return moves;
}

/** [from, to, by] for each run of rows, in their old order by `field`, that moved by the same amount. */
function runs(rows: readonly { was: PublicResult; now: PublicResult }[], field: 'rnk' | 'prevRnk' | 'catRnk'): [number, number, number][] {
  const placed = rows
    .filter((o) => typeof o.was[field] === 'number' && typeof o.now[field] === 'number')
    .map((o) => ({ at: o.was[field] as number, by: (o.now[field] as number) - (o.was[field] as number) }))
    .sort((a, b) => a.at - b.at);
  const out: [number, number, number][] = [];
  let run: [number, number, number] | null = null;
  for (const p of placed) {
    if (run && p.by === run[2] && p.by !== 0) {
      run[1] = p.at;
      continue;
    }
    if (run) out.push(run);
    run = p.by === 0 ? null : [p.at, p.at, p.by];
  }
  if (run) out.push(run);
  return out;
}
