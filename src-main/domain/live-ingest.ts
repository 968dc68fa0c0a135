/**
 * Deciding what live pushes change: result rows (POST /ingest/results) and the on-course list
 * (POST /ingest/oncourse, and its expiry). Rows for races or participants the XML does not know
 * are skipped and not counted, as in c123-live-mini. Repeating an identical push changes nothing.
 * A 2nd-run row of a best-run race is repaired first (best-run-repair.ts).
 */
import type { Decision } from './decision.ts';
import type { EventState, OnCourseEntry, ResultRow } from './model.ts';
import {
  detectLiveUnit, liveRunFields, onCourseEntry, trimBib, type LiveResultInput, type OnCourseInput,
} from './canoe123/live-rows.ts';
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
      raceId: input.raceId, participantId: input.participantId, bib: null, startOrder: null, startTime: null,
      heatNr: null, roundNr: null, qualified: null, xml: null, live: null, c123: null,
    };
    const bib = trimBib(input.bib) ?? base.bib;
    const pushed = liveRunFields(input, unit);
    const { fields, unknown }: Pick<SecondRunRepair, 'fields' | 'unknown'> = raceDef.disId === 'BR2'
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

function onCourseOf(state: EventState, raceId: string, participantId: string, bib: number): OnCourseEntry | null {
  const entry = state.onCourse.get(`${raceId}|${bib}`);
  return entry && entry.participantId === participantId ? entry : null;
}

/**
 * c123-server sends the complete list of riders on course with every push, so the list replaces
 * the previous one; entries then expire `ttlMs` after they were last seen if pushes stop.
 */
export function decideOnCourseIngest(
  state: EventState, inputs: readonly (OnCourseInput & OnCourseSplitInput)[], nowMs: number,
): Decision<{ active: number }> {
  const unit = detectLiveUnit(inputs);
  const next = new Map<string, OnCourseEntry>();
  for (const input of inputs) {
    if (!raceById(state, input.raceId)) continue;
    const entry = onCourseEntry(input, unit, nowMs);
    if (!entry) continue;
    const splits = onCourseSplits(input);
    next.set(`${entry.raceId}|${entry.bib}`, splits.length ? { ...entry, splits } : entry);
  }
  const changed = !sameOnCourse(state.onCourse, next);
  const nextState = { ...state, onCourse: next };
  return { ok: true, state: nextState, changes: changed ? [{ type: 'onCourseChanged' }] : [], result: { active: next.size } };
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
    if (!y) return false;
    const { lastSeen: _a, ...xs } = x;
    const { lastSeen: _b, ...ys } = y;
    if (JSON.stringify(xs) !== JSON.stringify(ys)) return false;
  }
  return true;
}
