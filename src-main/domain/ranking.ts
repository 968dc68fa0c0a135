/**
 * The one ranking authority. Raceside ranks every race itself from the merged totals, whatever the
 * source (XML or live), so a rank never flips between Canoe123's and ours.
 *
 * Ties: in a best-of-two-runs race the ICF rule breaks a tie on the counting total by the other
 * run's total, lower wins (Canoe123 writes that total as `TieBreaker`); a participant whose other
 * run did not count loses to one whose did. Where the rule leaves two rows equal, and in every
 * other race, they share the place (1, 1, 3). test/contract/xml-ranks.test.ts holds this against
 * every place Canoe123 wrote into the real export.
 *
 * Also here: pairing the two runs of a best-run race and combining them (the better run counts).
 */
import type { Race, ResultStatus, RunFields } from './model.ts';
import { totalDisagrees } from './best-run-repair.ts';
import { formatBehind } from '../wire/results-diff.ts';

// The gap's text is part of the wire contract (a live diff can ask a phone to write it).
export { formatBehind };

export interface RankInput {
  key: string;
  /** The total that counts (a standard race's total, a best-run race's better total). */
  total: number | null;
  /**
   * What breaks a tie on `total`, lower first: a best-run race's other run total (null when that
   * run did not count, which loses to any total). Absent in races without a tie-break rule.
   */
  tieBreak?: number | null;
  status: ResultStatus | null;
  catId: string | null;
}

export interface Rank {
  rnk: number | null;
  totalBehind: string | null;
  catRnk: number | null;
  catTotalBehind: string | null;
}

const unranked: Rank = { rnk: null, totalBehind: null, catRnk: null, catTotalBehind: null };

/** Ranks by total ascending, then by the tie-break; rows with a status or without a total are unranked. */
export function rankRows(rows: readonly RankInput[]): Map<string, Rank> {
  const out = new Map<string, Rank>();
  const ranked = rows.filter((r) => r.status === null && r.total !== null).sort((a, b) => a.total! - b.total! || compareTieBreak(a, b));
  const overall = places(ranked);
  // Participants without a category form a group of their own, as in Canoe123.
  const byCat = new Map<string | null, RankInput[]>();
  for (const r of ranked) {
    let list = byCat.get(r.catId);
    if (!list) byCat.set(r.catId, (list = []));
    list.push(r);
  }
  const cat = new Map<string, { place: number; behind: string }>();
  for (const list of byCat.values()) for (const [key, v] of places(list)) cat.set(key, v);
  for (const r of rows) {
    const o = overall.get(r.key);
    if (!o) {
      out.set(r.key, unranked);
      continue;
    }
    const c = cat.get(r.key);
    out.set(r.key, { rnk: o.place, totalBehind: o.behind, catRnk: c?.place ?? null, catTotalBehind: c?.behind ?? null });
  }
  return out;
}

/** Lower tie-break first; a missing one (the other run did not count) after any number. */
function compareTieBreak(a: RankInput, b: RankInput): number {
  const x = a.tieBreak ?? null;
  const y = b.tieBreak ?? null;
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x - y;
}

/** Competition ranking over a sorted list: rows equal on total and tie-break share the place. */
function places(sorted: readonly RankInput[]): Map<string, { place: number; behind: string }> {
  const out = new Map<string, { place: number; behind: string }>();
  const leader = sorted[0]?.total ?? 0;
  let place = 0;
  sorted.forEach((r, i) => {
    const prev = sorted[i - 1];
    if (!prev || prev.total !== r.total || compareTieBreak(prev, r) !== 0) place = i + 1;
    out.set(r.key, { place, behind: formatBehind(r.total! - leader) });
  });
  return out;
}

/**
 * Pairs the runs of best-run races: for each BR2, the BR1 of the same class, preferring the one
 * whose id differs only in the run (K1M_ST_BR1_6 ↔ K1M_ST_BR2_6), else the latest BR1 before it.
 * Returns raceId → the other run's raceId, both directions.
 */
export function pairBestRuns(races: readonly Race[]): Map<string, string> {
  const pairs = new Map<string, string>();
  const br1s = races.filter((r) => r.disId === 'BR1');
  for (const br2 of races) {
    if (br2.disId !== 'BR2') continue;
    const sameClass = br1s.filter((r) => r.classId === br2.classId && !pairs.has(r.raceId));
    const twin = br2.raceId.replace('_BR2_', '_BR1_');
    const before = sameClass.filter((r) => (r.raceOrder ?? 0) <= (br2.raceOrder ?? 0)).sort((a, b) => (b.raceOrder ?? 0) - (a.raceOrder ?? 0));
    const br1 = sameClass.find((r) => r.raceId === twin) ?? before[0] ?? sameClass[0];
    if (!br1) continue;
    pairs.set(br2.raceId, br1.raceId);
    pairs.set(br1.raceId, br2.raceId);
  }
  return pairs;
}

export interface CombinedRuns {
  totalTotal: number | null;
  betterRunNr: 1 | 2 | null;
  /** The total of the run that did not count, when it is a clean run: the ICF tie-break. */
  otherTotal: number | null;
  status: ResultStatus | null;
  prevStatus: ResultStatus | null;
  currStatus: ResultStatus | null;
  /** The second run, its penalty and total blanked if they are not its own (see below). */
  run2: RunFields | null;
}

/**
 * Combines a participant's two runs. The better clean run counts (a tie goes to run 1, as in
 * Canoe123). A run with a status (DNS/DNF/DSQ/CAP) or no total does not count; with no counting
 * run the participant carries the latest run's status (the 2nd run's when it exists).
 *
 * Live 2nd-run rows are repaired when they arrive (best-run-repair.ts); a 2nd run whose total
 * still is not its own time + pen (a row stored before that repair, or a live time beside an
 * XML penalty of another run time) shows its time only and does not count.
 */
export function combineRuns(run1: RunFields | null, run2: RunFields | null): CombinedRuns {
  const r2 = run2 && totalDisagrees(run2) ? { ...run2, pen: null, total: null } : run2;
  const clean1 = run1 && run1.status === null && run1.total !== null ? run1.total : null;
  const clean2 = r2 && r2.status === null && r2.total !== null ? r2.total : null;
  let betterRunNr: 1 | 2 | null = null;
  let totalTotal: number | null = null;
  let otherTotal: number | null = null;
  if (clean1 !== null && (clean2 === null || clean1 <= clean2)) [betterRunNr, totalTotal, otherTotal] = [1, clean1, clean2];
  else if (clean2 !== null) [betterRunNr, totalTotal, otherTotal] = [2, clean2, clean1];
  const both = run1 !== null && r2 !== null;
  const latest = r2 ?? run1;
  return {
    totalTotal,
    betterRunNr,
    otherTotal,
    status: betterRunNr !== null ? null : (latest?.status ?? null),
    prevStatus: both ? run1!.status : null,
    currStatus: latest?.status ?? null,
    run2: r2,
  };
}
