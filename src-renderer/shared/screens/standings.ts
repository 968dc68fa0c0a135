/**
 * What the venue screens say about the standings (issue 15), as pure functions of the results list
 * the shared results layer keeps live (results/use-race-results.ts): who just finished, where that
 * puts them ("moves into 1st, 0.42 s ahead of KREJČÍ"), the time to beat and the running gap of a
 * rider on course, the category leaders. No ranking of our own: places and gaps are the station's
 * (`rnk`, `totalBehind`); only the differences between two riders' ranking totals are taken here.
 *
 * A finish is seen two ways (the finish tracker below): a row whose current run gets its first
 * outcome (a time or a status) between two versions of the same list, or the timing's on-course
 * list saying a rider crossed the line (then the next change of their row, or after a moment the
 * row as it stands, gives the result: an export may already hold it). Later changes to a run are
 * corrections, shown on the finish already seen. The first load of a list is not a finish of
 * everyone in it.
 */
import type { PublicOnCourseEntry } from '@wire/api.ts';
import type { ResultRow } from '../results/results-merge.ts';
import { resultTotal, splitRuns } from '../results/runs.ts';
import { timeToBeat } from '../ui/time-to-beat.ts';

export interface Finish {
  participantId: string;
  /** When the screen saw it (ms, the screen's clock). */
  at: number;
  bib: number | null;
  name: string;
  club: string | null;
  catId: string | null;
  /** The run just finished: its time, penalty and total (centiseconds), or its status. */
  time: number | null;
  pen: number | null;
  total: number | null;
  status: string | null;
  /** Which run of a best-run pair (1 or 2); null for a single race. */
  run: 1 | 2 | null;
  /** The place now, and the place before this run (null: no place before). */
  rank: number | null;
  rankBefore: number | null;
  /** The station's gap to the leader, as it sends it ("+3.00"). */
  behind: string | null;
  move: Move;
}

export type Move =
  | { kind: 'leads' }
  | { kind: 'first' | 'staysFirst'; gap: number; other: string }
  | { kind: 'up' | 'stays' | 'down' | 'new'; rank: number; gap: number; leader: string }
  | { kind: 'status'; status: string }
  | { kind: 'none' };

function hasOutcome(r: ResultRow): boolean {
  return r.time != null || r.total != null || !!r.status || !!r.currStatus;
}

/**
 * The participants whose current run finished between `before` and `after` (two versions of one
 * race's list): their run had no time and no status, and now has one. A time that changes is a
 * correction (or an export disagreeing with the live feed), not a finish. Latest starter last;
 * empty when `before` is empty (a first load).
 */
export function detectFinishes(before: readonly ResultRow[], after: readonly ResultRow[]): string[] {
  if (before.length === 0) return [];
  const old = new Map(before.map((r) => [r.participantId, r]));
  const out: ResultRow[] = [];
  for (const r of after) {
    const o = old.get(r.participantId);
    if (hasOutcome(r) && (!o || !hasOutcome(o))) out.push(r);
  }
  return out.sort((a, b) => (a.startOrder ?? 0) - (b.startOrder ?? 0)).map((r) => r.participantId);
}

/**
 * A finish seen earlier, brought up to date with the list now: its place and gap as others finish
 * after it. The sentence says how the standings moved at the finish, so it is kept, unless the
 * run itself was corrected (a penalty changed): then it is said again from the corrected run.
 */
export function refreshFinish(f: Finish, after: readonly ResultRow[], bestRun: boolean): Finish {
  const now = finishOf([], after, f.participantId, bestRun);
  if (!now) return f;
  const corrected = now.time !== f.time || now.pen !== f.pen || now.total !== f.total || now.status !== f.status;
  const row = after.find((r) => r.participantId === f.participantId)!;
  return { ...now, at: f.at, rankBefore: f.rankBefore, move: corrected ? moveOf(row, f.rankBefore, after, bestRun) : f.move };
}

// ---- the finish tracker ------------------------------------------------------------------------

/** A rider the on-course list says finished, waiting for their row (at most PENDING_MS). */
interface PendingFinish {
  bib: number;
  since: number;
  /** The list as it was when they crossed the line: their place before. */
  before: readonly ResultRow[];
}

export interface FinishTracker {
  key: string;
  rows: readonly ResultRow[];
  /** Newest first. */
  finishes: Finish[];
  pending: PendingFinish[];
  /** On-course finishes already taken (raceId:bib:dtFinish), so a lingering entry counts once. */
  seen: string[];
}

/** How long a finish from the on-course list waits for its row to change before it is taken as it stands. */
export const PENDING_MS = 3000;
const KEEP = 8;
const SEEN = 64;
const BATCH = 2;

export function newTracker(key: string): FinishTracker {
  return { key, rows: [], finishes: [], pending: [], seen: [] };
}

function record(t: FinishTracker, fresh: Finish[], rows: readonly ResultRow[], bestRun: boolean): Finish[] {
  const kept = t.finishes.map((f) => refreshFinish(f, rows, bestRun));
  const ids = new Set(fresh.map((f) => f.participantId));
  return [...fresh, ...kept.filter((f) => !ids.has(f.participantId))].slice(0, KEEP);
}

/** A new version of the list (another key starts afresh). */
export function trackRows(t: FinishTracker, key: string, rows: readonly ResultRow[], bestRun: boolean, now: number): FinishTracker {
  if (key !== t.key) return { ...newTracker(key), rows };
  const before = t.rows;
  const fresh: Finish[] = [];
  const take = (id: string, from: readonly ResultRow[]) => {
    if (fresh.some((f) => f.participantId === id)) return;
    const f = finishOf(from, rows, id, bestRun);
    if (f) fresh.push({ ...f, at: now });
  };
  // Riders finish some 20 s apart: more than BATCH first results in one update is a list catching
  // up (the station restarted, c123-server's first push after an export), not finishes; of those,
  // only the ones the timing saw cross the line count.
  const firsts = detectFinishes(before, rows);
  const waiting = new Set(t.pending.map((p) => p.bib));
  const live = firsts.length > BATCH ? firsts.filter((id) => waiting.has(rows.find((r) => r.participantId === id)?.bib ?? -1)) : firsts;
  for (const id of live) take(id, before);
  // Riders the timing saw finish whose row changed now: this is their result.
  const changed = new Set(
    rows
      .filter((r) => {
        const o = before.find((b) => b.participantId === r.participantId);
        return !o || o.time !== r.time || o.total !== r.total || o.status !== r.status || o.currStatus !== r.currStatus;
      })
      .map((r) => r.bib),
  );
  const pending = t.pending.filter((p) => {
    if (!changed.has(p.bib)) return true;
    const row = rows.find((r) => r.bib === p.bib);
    if (row && hasOutcome(row)) take(row.participantId, p.before);
    return false;
  });
  fresh.reverse();
  return { ...t, rows, pending, finishes: fresh.length || t.finishes.length ? record(t, fresh, rows, bestRun) : t.finishes };
}

/** The on-course list now: riders of this list's race who crossed the line. */
export function trackOnCourse(t: FinishTracker, finished: readonly Pick<PublicOnCourseEntry, 'raceId' | 'bib' | 'dtFinish'>[], now: number): FinishTracker {
  let next = t;
  for (const e of finished) {
    const tag = `${e.raceId}:${e.bib}:${e.dtFinish}`;
    if (next.seen.includes(tag)) continue;
    const already = next.finishes.some((f) => f.bib === e.bib && now - f.at < 60_000) || next.pending.some((p) => p.bib === e.bib);
    next = {
      ...next,
      seen: [...next.seen, tag].slice(-SEEN),
      pending: already ? next.pending : [...next.pending, { bib: e.bib, since: now, before: next.rows }],
    };
  }
  return next;
}

/** Time passes: a finish the list did not confirm by a change is taken from the row as it stands. */
export function trackTick(t: FinishTracker, bestRun: boolean, now: number): FinishTracker {
  const due = t.pending.filter((p) => now - p.since >= PENDING_MS);
  if (!due.length) return t;
  const fresh: Finish[] = [];
  for (const p of due) {
    const row = t.rows.find((r) => r.bib === p.bib);
    if (!row || !hasOutcome(row)) continue;
    const f = finishOf(p.before, t.rows, row.participantId, bestRun);
    if (f) fresh.push({ ...f, at: now });
  }
  return { ...t, pending: t.pending.filter((p) => !due.includes(p)), finishes: fresh.length ? record(t, fresh.reverse(), t.rows, bestRun) : t.finishes };
}

/** "KREJČÍ Jakub" → "KREJČÍ": the family name as Canoe123 writes it, in capitals before the given name. */
export function familyName(name: string): string {
  const words = name.trim().split(/\s+/);
  const caps = [];
  for (const w of words) {
    if (w !== w.toLocaleUpperCase() || w === w.toLocaleLowerCase()) break;
    caps.push(w);
  }
  return caps.length ? caps.join(' ') : name;
}

/** The leader of a list sorted by the station's order (rank 1, or the first ranked row). */
export function leaderOf(rows: readonly ResultRow[]): ResultRow | null {
  return rows.find((r) => r.rnk != null) ?? null;
}

/** The leader's ranking total and name: the time to beat for first place, from the results list. */
export function leaderTotal(rows: readonly ResultRow[], bestRun: boolean): { total: number; name: string } | null {
  const leader = leaderOf(rows);
  const total = leader ? resultTotal(leader, bestRun) : null;
  return leader && total != null ? { total, name: leader.name } : null;
}

/**
 * A rider on course against the time to beat: their running total (time + penalties so far)
 * minus the leader's, in centiseconds (negative: still under it). Null until both are known.
 */
export function runningGap(entry: Pick<PublicOnCourseEntry, 'total' | 'time'>, toBeat: number | null): number | null {
  if (toBeat == null || entry.time == null || entry.total == null) return null;
  return entry.total - toBeat;
}

export interface VersusBest {
  /** The rider's gap to the time to beat (cs, negative = still under it). */
  gap: number | null;
  /** Whose time it is. */
  name: string | null;
  /** The time to beat (cs). */
  time: number | null;
}

/**
 * A rider on course against the time to beat: Canoe123's own, when the timing sends it (one rule
 * for the phones and the screens, shared/ui/time-to-beat.ts: its time, or its measured gap at a
 * split or the finish), else the leader of the results list and the running total against it.
 * Canoe123 renews its time to beat some seconds after a new leader's result; until then, a leader
 * in the results list who is faster is the one to beat (a measured gap stays Canoe123's).
 */
export function versusBest(entry: PublicOnCourseEntry, leader: { total: number; name: string } | null): VersusBest {
  const ttb = timeToBeat(entry);
  const stale = !!ttb && !ttb.measured && ttb.time !== null && !!leader && leader.total < ttb.time;
  if (ttb && !stale && (ttb.gap !== null || ttb.time !== null)) {
    return { gap: ttb.gap, name: ttb.name ?? (leader ? familyName(leader.name) : null), time: ttb.time ?? leader?.total ?? null };
  }
  return { gap: runningGap(entry, leader?.total ?? null), name: leader ? familyName(leader.name) : null, time: leader?.total ?? null };
}

/** Where a finish puts the rider, from the list after it (and before it, for the old place). */
export function finishOf(before: readonly ResultRow[], after: readonly ResultRow[], participantId: string, bestRun: boolean): Finish | null {
  const row = after.find((r) => r.participantId === participantId);
  if (!row) return null;
  const old = before.find((r) => r.participantId === participantId);
  const runs = bestRun ? splitRuns(row) : null;
  const current = runs ? (runs[1] ?? runs[0]) : null;
  const base = {
    participantId,
    at: 0,
    bib: row.bib,
    name: row.name,
    club: row.club,
    catId: row.catId,
    time: current ? current.time : row.time,
    pen: current ? current.pen : row.pen,
    total: current ? current.total : row.total,
    status: current ? current.status : row.status,
    run: current ? current.nr : null,
    rank: row.rnk,
    rankBefore: old?.rnk ?? null,
    behind: row.totalBehind,
  };
  return { ...base, move: moveOf(row, base.rankBefore, after, bestRun) };
}

function moveOf(row: ResultRow, rankBefore: number | null, after: readonly ResultRow[], bestRun: boolean): Move {
  const rank = row.rnk;
  const mine = resultTotal(row, bestRun);
  if (rank == null || mine == null) {
    const status = row.status ?? row.currStatus;
    return status ? { kind: 'status', status } : { kind: 'none' };
  }
  if (rank === 1) {
    const others = after.filter((r) => r.participantId !== row.participantId && r.rnk != null && resultTotal(r, bestRun) != null);
    const second = others[0];
    if (!second) return { kind: 'leads' };
    const gap = resultTotal(second, bestRun)! - mine;
    return { kind: rankBefore === 1 ? 'staysFirst' : 'first', gap, other: familyName(second.name) };
  }
  const leader = leaderOf(after);
  const leaderTotal = leader ? resultTotal(leader, bestRun) : null;
  if (!leader || leaderTotal == null) return { kind: 'none' };
  const gap = mine - leaderTotal;
  const kind = rankBefore == null ? 'new' : rank < rankBefore ? 'up' : rank > rankBefore ? 'down' : 'stays';
  return { kind, rank, gap, leader: familyName(leader.name) };
}

/** Each category's leader, in the order of the station's whole-field list (ranked rows only). */
export function categoryLeaders(rows: readonly ResultRow[]): ResultRow[] {
  const seen = new Set<string>();
  const out: ResultRow[] = [];
  for (const r of rows) {
    if (r.rnk == null || !r.catId || seen.has(r.catId)) continue;
    seen.add(r.catId);
    out.push(r);
  }
  return out;
}

/** English ordinals for places ("1st", "22nd", "13th"); Czech writes "1." in the sentence itself. */
export function ordinal(n: number, lang: 'en' | 'cs'): string {
  if (lang === 'cs') return String(n);
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** What the last finisher's card shows, from the results list (or, for the first second, the on-course entry). */
export interface FinishView {
  /** One card per finish: the on-course entry's race and bib, then the results row's participant. */
  key: string;
  bib: number | null;
  name: string;
  club: string | null;
  total: number | null;
  pen: number | null;
  status: string | null;
  rank: number | null;
  gap: string | null;
  finish: Finish | null;
}

/** The card for the newest finish: the on-course entry until the results list has the run. */
export function finishView(finish: Finish | null, entry: PublicOnCourseEntry | null): FinishView | null {
  if (entry && (!finish || finish.bib !== entry.bib)) {
    return {
      key: `${entry.raceId}:${entry.bib}`,
      bib: entry.bib,
      name: entry.name,
      club: entry.club,
      total: entry.total,
      pen: entry.pen,
      status: null,
      rank: entry.rank,
      gap: entry.ttbDiff,
      finish: null,
    };
  }
  if (!finish) return null;
  return {
    key: `${finish.participantId}`,
    bib: finish.bib,
    name: finish.name,
    club: finish.club,
    total: finish.total,
    pen: finish.pen,
    status: finish.status,
    rank: finish.rank,
    gap: finish.behind,
    finish,
  };
}
