/**
 * The translation of one decision's changes into the live messages an event's room receives, in
 * order (docs/LIVE-PIPELINE.md). Pure: two states and the changes in, message bodies out, each
 * `data` serialized once; the hub gives them their `seq` and `bootId` and sends them.
 *
 * - structure, event details or the event's images changed → `full`;
 * - result rows changed → one `diff` per affected race carrying only what changed (race-diff.ts),
 *   in protocol 2's compact form, and in protocol 1's when asked for (older clients);
 * - on-course changed → `diff { oncourse }` (the event's complete list);
 * - status changed → `diff { status }`, with the races whose public state it changed (an official
 *   event makes every race official);
 * - race official mark → `diff { races }`, with the on-course list when riders of that race were on it;
 * - merge strategy changed, or a diff cannot be computed → `refresh`.
 *
 * Nobody listening: the same messages with no data built (`data` null), so the sequence moves the
 * same whether or not anyone is connected.
 */
import type { PublicResult } from '../wire/api.ts';
import type { WsDiffPayload } from '../wire/live.ts';
import type { Change } from '../domain/decision.ts';
import type { EventState } from '../domain/model.ts';
import { onCourseList, pairsOf, publicRace, publicRaces, raceById, raceResults } from '../domain/public-view.ts';
import { diffRace, isEmptyDiff, legacyDiffRace } from './race-diff.ts';

export interface LiveMessage {
  type: 'full' | 'diff' | 'refresh';
  /** The `data` JSON (a `full`'s is the hub's to build and keep); null when nobody listens. */
  data: string | null;
  /** Protocol 1's `data` where it differs from protocol 2's (results diffs). */
  legacyData?: string;
}

export interface BuildOptions {
  /** Someone is connected: build the data (else only count the messages). */
  listening: boolean;
  /** Someone connected speaks protocol 1: build its form of results diffs too. */
  legacy: boolean;
}

export function liveMessages(before: EventState | null, after: EventState, changes: readonly Change[], opts: BuildOptions): LiveMessage[] {
  const types = new Set(changes.map((c) => c.type));
  const out: LiveMessage[] = [];
  const diff = (data: WsDiffPayload): LiveMessage => ({ type: 'diff', data: opts.listening ? JSON.stringify(data) : null });

  if (types.has('structureChanged') || types.has('metaChanged') || types.has('imagesChanged')) {
    out.push({ type: 'full', data: null });
  } else if (types.has('mergeStrategyChanged')) {
    out.push({ type: 'refresh', data: null });
  } else if (before && (types.has('rowsUpserted') || types.has('rowsRemoved'))) {
    for (const raceId of affectedRaces(after, changes)) {
      if (!opts.listening) {
        out.push({ type: 'diff', data: null });
        continue;
      }
      try {
        const m = raceDiffMessage(before, after, raceId, opts.legacy);
        if (m) out.push(m);
      } catch {
        out.push({ type: 'refresh', data: null });
      }
    }
  }
  let oncourseSent = false;
  for (const c of changes) {
    if (c.type !== 'raceOfficialChanged') continue;
    const race = raceById(after, c.raceId);
    if (!race) continue;
    const data: WsDiffPayload = { races: [publicRace(after, race)] };
    // An official race has nobody on course any more (public-view.ts): say so at once.
    if ([...after.onCourse.values()].some((e) => e.raceId === c.raceId)) {
      data.oncourse = opts.listening ? onCourseList(after) : [];
      oncourseSent = true;
    }
    out.push(diff(data));
  }
  if (types.has('onCourseChanged') && !oncourseSent) out.push(diff({ oncourse: opts.listening ? onCourseList(after) : [] }));
  const status = changes.find((c) => c.type === 'statusChanged');
  if (status?.type === 'statusChanged' && status.change.to !== 'draft') {
    const data: WsDiffPayload = { status: status.change.to, statusChangedAt: status.change.at };
    const races = before ? changedRaces(before, after) : [];
    if (races.length) data.races = races;
    out.push(diff(data));
  }
  return out;
}

/** Races whose public list a decision may have changed (a best-run pair is one list). */
function affectedRaces(state: EventState, changes: readonly Change[]): string[] {
  const pairs = pairsOf(state);
  const out = new Set<string>();
  for (const c of changes) {
    const ids = c.type === 'rowsUpserted' ? c.rows.map((r) => r.raceId) : c.type === 'rowsRemoved' ? c.keys.map((k) => k.raceId) : [];
    for (const id of ids) {
      const partner = pairs.get(id);
      // One list per best-run pair, announced under the run that changed.
      if (partner && out.has(partner)) continue;
      out.add(id);
    }
  }
  return [...out];
}

/** Races whose public view differs between two states (a status change can make them official). */
function changedRaces(before: EventState, after: EventState) {
  const old = new Map(publicRaces(before).map((r) => [r.raceId, JSON.stringify(r)]));
  return publicRaces(after).filter((r) => old.get(r.raceId) !== JSON.stringify(r));
}

function raceDiffMessage(before: EventState, after: EventState, raceId: string, legacy: boolean): LiveMessage | null {
  if (!raceById(after, raceId)) return null;
  const old: readonly PublicResult[] = raceById(before, raceId) ? (raceResults(before, raceId, { detailed: true }) ?? []) : [];
  const now = raceResults(after, raceId, { detailed: true }) ?? [];
  const d = diffRace(old, now);
  if (isEmptyDiff(d)) return null;
  const head: WsDiffPayload = { raceId, pairedRaceId: pairsOf(after).get(raceId) ?? null };
  const data: WsDiffPayload = { ...head };
  if (d.results.length) data.results = d.results;
  if (d.changed.length) data.changed = d.changed;
  if (d.moves.length) data.moves = d.moves;
  if (d.ranks.length) data.ranks = d.ranks;
  if (d.removed.length) data.removed = d.removed;
  data.check = d.check;
  const message: LiveMessage = { type: 'diff', data: JSON.stringify(data) };
  if (legacy) {
    const l = legacyDiffRace(old, now);
    const v1: WsDiffPayload = { ...head, results: l.results };
    if (l.ranks.length) v1.ranks = l.ranks;
    if (l.removed.length) v1.removed = l.removed;
    message.legacyData = JSON.stringify(v1);
  }
  return message;
}
