/**
 * Deciding what live pushes change: result rows (POST /ingest/results) and the on-course list
 * (POST /ingest/oncourse, and its expiry). Rows for races or participants the XML does not know
 * are skipped and not counted, as in c123-live-mini. Repeating an identical push changes nothing
 * that is stored or shown (an identical on-course push is still a sighting: `lastSeen` moves).
 * A 2nd-run row of a best-run race is repaired first (best-run-repair.ts).
 *
 * After an outage (the station restarted, or no on-course push came for `outageMs`), c123-server's
 * first snapshot with riders may be one from before it: c123-server keeps riders until Canoe123
 * sends news of them. A rider in that snapshot whose start is implausibly old for a run (more than
 * three times the race's slowest finished run, at least 3 minutes; 10 minutes when the race has no
 * finished run yet) is not shown, and stays hidden while pushes keep bringing it with the same
 * start. Such a rider shows the whole snapshot is old, so the riders in it that have not started
 * (no start time: waiting at the start back then) are hidden too, until they start.
 *
 * "Long ago" is measured on the timing's own clock (Canoe123's time of day, which stamps every
 * start): what it reads now comes from the station's clock plus the offset between the two, which
 * the station learns from the riders it shows (a running rider's start plus its running time is
 * Canoe123's present) and keeps across restarts (station-core.ts). The laptop's clock and time zone
 * may be anything. While no offset is known (a new station, first push) nothing is judged stale;
 * a start that looks to be in the future is taken as fresh.
 */
import type { Decision } from './decision.ts';
import type { EventState, OnCourseEntry, OnCourseFeed, ResultRow } from './model.ts';
import { detectLiveUnit, liveRunFields, onCourseEntry, timeOfDayMs, trimBib, type TimeUnit } from './canoe123/live-rows.ts';
import type { LiveResultInput, OnCourseInput } from '../wire/ingest.ts';
import { onCourseSplits, type OnCourseSplitInput } from './canoe123/on-course-splits.ts';
import { effectiveRun, overlayAfterLive, sameRun } from './result-merge.ts';
import { participantOf, raceById } from './public-view.ts';
import { repairSecondRun, type SecondRunRepair } from './best-run-repair.ts';

export function decideResultsIngest(state: EventState, inputs: readonly LiveResultInput[]): Decision<{ updated: number }> {
  const unit = detectLiveUnit(inputs);
  const results = new Map(state.results);
  const copied = new Set<string>();
  const upserted = new Map<string, ResultRow>();
  let updated = 0;
  for (const input of inputs) {
    const raceDef = raceById(state, input.raceId);
    if (!raceDef || !participantOf(state, input.participantId)) continue;
    updated++;
    let race = results.get(input.raceId);
    if (!copied.has(input.raceId)) {
      race = new Map(race ?? []);
      results.set(input.raceId, race);
      copied.add(input.raceId);
    }
    const old = race!.get(input.participantId);
    const base: ResultRow = old ?? {
      raceId: input.raceId,
      participantId: input.participantId,
      bib: null,
      startOrder: null,
      startTime: null,
      heatNr: null,
      roundNr: null,
      qualified: null,
      xml: null,
      live: null,
      c123: null,
    };
    const bib = trimBib(input.bib) ?? base.bib;
    const pushed = liveRunFields(input, unit);
    const { fields, unknown }: Pick<SecondRunRepair, 'fields' | 'unknown'> =
      raceDef.disId === 'BR2'
        ? repairSecondRun(pushed, {
            earlier: old ? effectiveRun(old) : null,
            onCourse: bib === null ? null : onCourseOf(state, input.raceId, input.participantId, bib),
            xml: old?.xml ?? null,
          })
        : { fields: pushed, unknown: [] };
    const row: ResultRow = { ...base, bib, live: overlayAfterLive(base.live, fields, unknown) };
    if (old && old.bib === row.bib && sameRun(effectiveRun(old), effectiveRun(row))) continue;
    race!.set(input.participantId, row);
    upserted.set(`${row.raceId}|${row.participantId}`, row);
  }
  if (upserted.size === 0) return { ok: true, state, changes: [], result: { updated } };
  return {
    ok: true,
    state: { ...state, results },
    changes: [{ type: 'rowsUpserted', rows: [...upserted.values()] }],
    result: { updated },
  };
}

/** When the on-course push arrives: the station's clock, and the timing's by it. */
export interface OnCourseClock {
  nowMs: number;
  /**
   * Canoe123's time of day now (ms since its midnight, as it stamps `dtStart`), as far as the
   * station knows it; null while it does not: then no rider is judged stale.
   */
  timingNowMs: number | null;
  /** No on-course push for this long is an outage. */
  outageMs: number;
}

const STALE_FACTOR = 3;
const STALE_MIN_MS = 3 * 60_000;
const STALE_NO_FINISH_MS = 10 * 60_000;
const DAY_MS = 24 * 3600_000;
/** The start a rider is hidden with when it had not started. */
const NOT_STARTED = '';

function onCourseOf(state: EventState, raceId: string, participantId: string, bib: number): OnCourseEntry | null {
  const entry = state.onCourse.get(`${raceId}|${bib}`);
  return entry && entry.participantId === participantId ? entry : null;
}

/**
 * c123-server sends the complete list of riders on course with every push, so the list replaces
 * the previous one; entries then expire `ttlMs` after they were last seen if pushes stop.
 * `hidden` lists the riders newly hidden as stale by this push (see the top of this file);
 * `timingNowMs` is what the riders shown say Canoe123's clock reads (null if none is running).
 */
export function decideOnCourseIngest(
  state: EventState,
  inputs: readonly (OnCourseInput & OnCourseSplitInput)[],
  clock: OnCourseClock,
): Decision<{ active: number; hidden: OnCourseEntry[]; timingNowMs: number | null }> {
  const unit = detectLiveUnit(inputs);
  const seen = new Map<string, OnCourseEntry>();
  for (const input of inputs) {
    if (!raceById(state, input.raceId)) continue;
    const entry = entryOf(input, unit, clock.nowMs);
    if (entry) seen.set(`${entry.raceId}|${entry.bib}`, entry);
  }
  const feed = state.onCourseFeed;
  const outage = feed.lastPushAt === null || clock.nowMs - feed.lastPushAt > clock.outageMs;
  const checking = outage || feed.checkNext;
  // One rider of the snapshot too old to be on course makes the snapshot an old one.
  const oldSnapshot = checking && [...seen.values()].some((e) => isStale(state, e, clock));
  const next = new Map<string, OnCourseEntry>();
  const stale = new Map<string, string>();
  const hidden: OnCourseEntry[] = [];
  for (const [key, entry] of seen) {
    const start = entry.dtStart ?? NOT_STARTED;
    const wasHidden = feed.stale.get(key) === start;
    if (wasHidden || (oldSnapshot && (entry.dtStart === null || isStale(state, entry, clock)))) {
      stale.set(key, start);
      if (!wasHidden) hidden.push(entry);
    } else next.set(key, entry);
  }
  const onCourseFeed: OnCourseFeed = { lastPushAt: clock.nowMs, checkNext: checking && seen.size === 0, stale };
  const changed = !sameOnCourse(state.onCourse, next);
  const nextState = { ...state, onCourse: next, onCourseFeed };
  const result = { active: next.size, hidden, timingNowMs: timingNowOf(next.values()) };
  return { ok: true, state: nextState, changes: changed ? [{ type: 'onCourseChanged' }] : [], result };
}

/**
 * Canoe123's present by the riders still running: start + running time (each rider's time was
 * read within about a second, as c123-server merges Canoe123's one-rider messages); the latest.
 */
function timingNowOf(entries: Iterable<OnCourseEntry>): number | null {
  let now: number | null = null;
  for (const e of entries) {
    const start = timeOfDayMs(e.dtStart);
    if (start === null || e.dtFinish !== null || e.time === null) continue;
    const at = (start + e.time * 10) % DAY_MS;
    if (now === null || circularAfter(at, now)) now = at;
  }
  return now;
}

/** `a` is later than `b` on a 24-hour clock (within half a day). */
function circularAfter(a: number, b: number): boolean {
  const d = (((a - b) % DAY_MS) + DAY_MS) % DAY_MS;
  return d > 0 && d < DAY_MS / 2;
}

/** A start longer ago than any plausible run of its race (see the top of this file). */
function isStale(state: EventState, entry: OnCourseEntry, clock: OnCourseClock): boolean {
  const start = timeOfDayMs(entry.dtStart);
  if (start === null || clock.timingNowMs === null) return false;
  const ago = (((clock.timingNowMs - start) % DAY_MS) + DAY_MS) % DAY_MS;
  // More than half a day "ago" is a start slightly in the future (the clocks differ): fresh.
  if (ago > DAY_MS / 2) return false;
  const slowest = slowestFinishedRunMs(state, entry.raceId);
  const limit = slowest === null ? STALE_NO_FINISH_MS : Math.max(STALE_MIN_MS, STALE_FACTOR * slowest);
  return ago > limit;
}

function slowestFinishedRunMs(state: EventState, raceId: string): number | null {
  let slowest: number | null = null;
  for (const row of state.results.get(raceId)?.values() ?? []) {
    const run = effectiveRun(row);
    if (run.status !== null || run.time === null) continue;
    slowest = Math.max(slowest ?? 0, run.time * 10);
  }
  return slowest;
}

/**
 * Canoe123 itself (the direct source) sends ONE rider per message, cycling through everyone on
 * course, so each sighting is merged into the list by bib instead of replacing it: the rider's
 * entry is refreshed (a bib seen in another race moves there), everyone else stays until the
 * expiry drops them `ttlMs` after their last sighting. A rider who finished and whose result the
 * race already shows (the same time) leaves at once and is not brought back by later sightings.
 * A sighting that changes nothing public only refreshes `lastSeen` (`onCourseSeen`: kept in
 * memory, never published).
 */
export function decideOnCourseSightings(
  state: EventState,
  inputs: readonly (OnCourseInput & OnCourseSplitInput)[],
  nowMs: number,
): Decision<{ active: number }> {
  const unit = detectLiveUnit(inputs);
  let next: Map<string, OnCourseEntry> | null = null;
  let changed = false;
  for (const input of inputs) {
    if (!raceById(state, input.raceId)) continue;
    const entry = entryOf(input, unit, nowMs);
    if (!entry) continue;
    next ??= new Map(state.onCourse);
    for (const [key, e] of next) {
      if (e.bib === entry.bib && e.raceId !== entry.raceId) {
        next.delete(key);
        changed = true;
      }
    }
    const key = `${entry.raceId}|${entry.bib}`;
    const old = next.get(key);
    if (resultShown(state, entry)) {
      if (old) {
        next.delete(key);
        changed = true;
      }
      continue;
    }
    if (!old || !sameEntry(old, entry)) changed = true;
    next.set(key, entry);
  }
  if (!next) return { ok: true, state, changes: [], result: { active: state.onCourse.size } };
  return {
    ok: true,
    state: { ...state, onCourse: next },
    changes: [{ type: changed ? 'onCourseChanged' : 'onCourseSeen' }],
    result: { active: next.size },
  };
}

/**
 * Riders the direct source has not seen for the TTL by Canoe123's own clock leave the course
 * (`${raceId}|${bib}` keys). The venue clock runs faster than the station's in a replay, and keeps
 * a rider's 10 s the timing's 10 s.
 */
export function decideOnCourseLeft(state: EventState, keys: readonly string[]): Decision {
  const gone = keys.filter((k) => state.onCourse.has(k));
  if (gone.length === 0) return { ok: true, state, changes: [], result: undefined };
  const next = new Map(state.onCourse);
  for (const k of gone) next.delete(k);
  return { ok: true, state: { ...state, onCourse: next }, changes: [{ type: 'onCourseChanged' }], result: undefined };
}

/** Riders who finished and whose result the race now shows leave the course at once (direct source). */
export function dropFinishedWithResults(state: EventState): Decision {
  let next: Map<string, OnCourseEntry> | null = null;
  for (const [key, e] of state.onCourse) {
    if (!resultShown(state, e)) continue;
    next ??= new Map(state.onCourse);
    next.delete(key);
  }
  if (!next) return { ok: true, state, changes: [], result: undefined };
  return { ok: true, state: { ...state, onCourse: next }, changes: [{ type: 'onCourseChanged' }], result: undefined };
}

/** The rider finished and the race's results carry that run (same time, or a status). */
function resultShown(state: EventState, e: OnCourseEntry): boolean {
  if (e.dtFinish === null || e.time === null) return false;
  const row = state.results.get(e.raceId)?.get(e.participantId);
  if (!row) return false;
  const run = effectiveRun(row);
  return run.time === e.time;
}

/**
 * Who the on-course list holds: riders in the start gate (no start time yet: spectators do not see
 * them), riders on the course (started; spectators see them, finished ones for a few seconds more)
 * and, of those, riders still running (started, not finished: pushes must keep coming).
 */
export function riderCounts(entries: Iterable<OnCourseEntry>): { atStart: number; onCourse: number; running: number } {
  const out = { atStart: 0, onCourse: 0, running: 0 };
  for (const e of entries) {
    if (e.dtStart === null) out.atStart++;
    else {
      out.onCourse++;
      if (e.dtFinish === null) out.running++;
    }
  }
  return out;
}

export function expireOnCourse(state: EventState, nowMs: number, ttlMs: number): Decision {
  let next: Map<string, OnCourseEntry> | null = null;
  for (const [key, e] of state.onCourse) {
    if (nowMs - e.lastSeen < ttlMs) continue;
    next ??= new Map(state.onCourse);
    next.delete(key);
  }
  if (!next) return { ok: true, state, changes: [], result: undefined };
  return { ok: true, state: { ...state, onCourse: next }, changes: [{ type: 'onCourseChanged' }], result: undefined };
}

function sameOnCourse(a: Map<string, OnCourseEntry>, b: Map<string, OnCourseEntry>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, x] of a) {
    const y = b.get(key);
    if (!y || !sameEntry(x, y)) return false;
  }
  return true;
}

/** An on-course row as the domain keeps it, split times included when the row carried them. */
function entryOf(input: OnCourseInput & OnCourseSplitInput, unit: TimeUnit, nowMs: number): OnCourseEntry | null {
  const entry = onCourseEntry(input, unit, nowMs);
  if (!entry) return null;
  const splits = onCourseSplits(input);
  return splits.length ? { ...entry, splits } : entry;
}

/** Equal but for when the rider was last seen. */
function sameEntry(x: OnCourseEntry, y: OnCourseEntry): boolean {
  const { lastSeen: _a, ...xs } = x;
  const { lastSeen: _b, ...ys } = y;
  return JSON.stringify(xs) === JSON.stringify(ys);
}
