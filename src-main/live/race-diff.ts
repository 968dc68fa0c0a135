/**
 * What changed in one race's public result list, as the smallest `diff` payload: complete rows
 * for participants whose run changed, rank-only updates for those a new finish merely moved, and
 * the ids that left. Pure; the hub calls it with the lists before and after a decision.
 */
import type { PublicResult } from '../wire/api.ts';
import type { WsRankUpdate } from '../wire/live.ts';

const rankFields = ['rnk', 'totalBehind', 'catRnk', 'catTotalBehind', 'prevRnk'] as const;

export interface RaceDiff {
  results: PublicResult[];
  ranks: WsRankUpdate[];
  removed: string[];
}

export function diffRace(before: readonly PublicResult[], after: readonly PublicResult[]): RaceDiff {
  const old = new Map(before.map((r) => [r.participantId, r]));
  const results: PublicResult[] = [];
  const ranks: WsRankUpdate[] = [];
  for (const row of after) {
    const prev = old.get(row.participantId);
    old.delete(row.participantId);
    if (!prev) {
      results.push(row);
      continue;
    }
    if (sameExcept(prev, row, rankFields)) {
      if (!rankFields.every((f) => prev[f] === row[f])) {
        const update: WsRankUpdate = {
          participantId: row.participantId, rnk: row.rnk, totalBehind: row.totalBehind, catRnk: row.catRnk, catTotalBehind: row.catTotalBehind,
        };
        if ('prevRnk' in row) update.prevRnk = row.prevRnk ?? null;
        ranks.push(update);
      }
      continue;
    }
    results.push(row);
  }
  return { results, ranks, removed: [...old.keys()] };
}

export function isEmptyDiff(d: RaceDiff): boolean {
  return d.results.length === 0 && d.ranks.length === 0 && d.removed.length === 0;
}

function sameExcept(a: PublicResult, b: PublicResult, skip: readonly string[]): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (skip.includes(k)) continue;
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (x === y) continue;
    if (JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}
