/**
 * Creating an event and the operator's per-event decisions that are not lifecycle steps: marking
 * a race official, changing the merge strategy, who may delete it.
 */
import type { MergeStrategy } from '../wire/api.ts';
import { reject, type Decision, type Rejection } from './decision.ts';
import { freshOnCourseFeed, type Actor, type EventMeta, type EventState } from './model.ts';
import { raceById } from './public-view.ts';

export function newEvent(meta: EventMeta, apiKey: string, strategy: MergeStrategy, now: string): EventState {
  return {
    meta,
    apiKey,
    status: 'draft',
    statusChangedAt: now,
    history: [],
    mergeStrategy: strategy,
    createdAt: now,
    hasXml: false,
    images: [],
    structureVersion: 0,
    structure: { classes: [], participants: [], races: [], courses: [] },
    results: new Map(),
    officialRaces: new Map(),
    onCourse: new Map(),
    onCourseFeed: freshOnCourseFeed,
  };
}

export function decideRaceOfficial(
  state: EventState,
  raceId: string,
  official: boolean,
  by: Actor,
  now: string,
): Decision<{ raceId: string; officialAt: string | null }> {
  const race = raceById(state, raceId);
  if (!race) return reject('RaceNotFound', `Race not found: ${raceId}`);
  if (state.status === 'draft') return reject('Forbidden', 'A draft event has no public results to make official');
  const current = state.officialRaces.get(raceId);
  if (!!current === official) {
    return { ok: true, state, changes: [], result: { raceId, officialAt: current?.at ?? null } };
  }
  const officialRaces = new Map(state.officialRaces);
  const mark = official ? { raceId, at: now, by } : null;
  if (mark) officialRaces.set(raceId, mark);
  else officialRaces.delete(raceId);
  const next = { ...state, officialRaces };
  return { ok: true, state: next, changes: [{ type: 'raceOfficialChanged', raceId, mark }], result: { raceId, officialAt: mark?.at ?? null } };
}

export function decideMergeStrategy(state: EventState, strategy: MergeStrategy): Decision<{ mergeStrategy: MergeStrategy }> {
  if (state.mergeStrategy === strategy) return { ok: true, state, changes: [], result: { mergeStrategy: strategy } };
  return { ok: true, state: { ...state, mergeStrategy: strategy }, changes: [{ type: 'mergeStrategyChanged' }], result: { mergeStrategy: strategy } };
}

/** The operator edits the event's details (title, place, dates). */
export function decideMetaUpdate(state: EventState, patch: Partial<Omit<EventMeta, 'eventId'>>): Decision<{ eventId: string }> {
  const meta: EventMeta = { ...state.meta };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || k === 'eventId') continue;
    (meta as unknown as Record<string, unknown>)[k] = k === 'startDate' || k === 'endDate' ? (v ? String(v).slice(0, 10) : null) : v;
  }
  if (JSON.stringify(meta) === JSON.stringify(state.meta)) return { ok: true, state, changes: [], result: { eventId: meta.eventId } };
  return { ok: true, state: { ...state, meta }, changes: [{ type: 'metaChanged', meta }], result: { eventId: meta.eventId } };
}

/**
 * Whether `by` may delete the event now. c123-server sends its delete with the event's ingest key
 * from its local admin page, which has no login: that key may remove an event still being set up
 * or raced, never one whose results are finished or official. The operator may delete any event
 * (a delete only moves it aside; it stays restorable).
 */
export function deleteRejection(state: EventState, by: Actor): Rejection | null {
  if (by !== 'ingest' || (state.status !== 'finished' && state.status !== 'official')) return null;
  return reject('Forbidden', `A ${state.status} event can only be deleted by the operator, from the Raceside dashboard`, { currentStatus: state.status });
}
