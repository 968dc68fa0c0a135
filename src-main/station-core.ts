/**
 * The station's heart: it holds every event's state and runs the same five steps for every input
 * (the one-way flow of the README's layout): the caller has validated the request; the domain decides; the store
 * commits the decision's changes in one transaction; the live hub publishes them; the caller
 * answers. Nothing here knows about HTTP, WebSocket or Electron.
 *
 * Time comes from an injected clock so tests can move it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { EventStatus, MergeStrategy } from './wire/api.ts';
import type { ErrorCode } from './wire/errors.ts';
import type { Change, Decision } from './domain/decision.ts';
import type { Actor, EventMeta, EventState } from './domain/model.ts';
import { decideStatusChange, ingestRejection, type IngestKind } from './domain/event-lifecycle.ts';
import { decideMergeStrategy, decideMetaUpdate, decideRaceOfficial, newEvent } from './domain/event-admin.ts';
import { decideXmlImport, type ImportSummary } from './domain/xml-import.ts';
import {
  decideOnCourseIngest, decideOnCourseLeft, decideOnCourseSightings, decideResultsIngest, dropFinishedWithResults, expireOnCourse,
} from './domain/live-ingest.ts';
import type { LiveResultInput, OnCourseInput } from './domain/canoe123/live-rows.ts';
import type { OnCourseSplitInput } from './domain/canoe123/on-course-splits.ts';
import { XmlParseThread } from './threads/xml-parse-thread.ts';
import type { EventStore } from './store/event-store.ts';
import type { Settings } from './settings.ts';
import type { SourceKind } from './wire/sources.ts';
import { ActivityLog } from './activity-log.ts';
import { FeedMonitor } from './feed-monitor.ts';

/** A refusal the HTTP layer turns into `{ error, message, ...detail }`. */
export class StationError extends Error {
  readonly code: ErrorCode;
  readonly detail: Record<string, unknown>;
  constructor(code: ErrorCode, message?: string, detail: Record<string, unknown> = {}) {
    super(message ?? code);
    this.code = code;
    this.detail = detail;
  }
}

/** Where decided changes go after the store committed them (the spectator hub). */
export interface LiveSink {
  publish(before: EventState | null, after: EventState | null, changes: readonly Change[]): void;
}

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

/**
 * Where live rows came from: pushed by c123-server to the ingest API, or read from Canoe123 itself
 * by the direct source (sources/canoe123/). Both are the same rows through the same decisions; the
 * direct source's on-course rows are single sightings merged per bib (see live-ingest.ts).
 */
export type LiveVia = 'c123-server' | 'canoe123';

export interface StationCoreEvents {
  changed: [eventId: string, changes: readonly Change[]];
}

export class StationCore extends EventEmitter<StationCoreEvents> {
  readonly settings: Settings;
  readonly activity: ActivityLog;
  readonly feeds = new FeedMonitor();
  private readonly store: EventStore;
  private readonly clock: Clock;
  private readonly events = new Map<string, EventState>();
  private readonly byKeyHash = new Map<string, string>();
  private sink: LiveSink = { publish() {} };
  private readonly xmlParser = new XmlParseThread();
  private expiryTimer: NodeJS.Timeout | null = null;
  /** The event's chosen timing source (sources/timing-sources.ts); c123-server until told otherwise. */
  private sourceOf: (eventId: string) => SourceKind = () => 'c123-server';

  constructor(store: EventStore, settings: Settings, clock: Clock = systemClock) {
    super();
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.activity = new ActivityLog(store, () => this.nowIso());
    for (const state of store.loadAll()) this.index(state);
  }

  setLiveSink(sink: LiveSink): void {
    this.sink = sink;
  }

  setSourceOf(sourceOf: (eventId: string) => SourceKind): void {
    this.sourceOf = sourceOf;
  }

  nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  // ---- queries -------------------------------------------------------------------------------

  get(eventId: string): EventState | undefined {
    return this.events.get(eventId);
  }

  all(): EventState[] {
    return [...this.events.values()];
  }

  /** The event an ingest key belongs to; the key is compared by its SHA-256, never as plain text. */
  eventIdForKey(apiKey: string): string | undefined {
    return this.byKeyHash.get(keyHash(apiKey));
  }

  // ---- admin ---------------------------------------------------------------------------------

  createEvent(meta: EventMeta): EventState {
    if (this.events.has(meta.eventId)) throw new StationError('Conflict', `Event already exists: ${meta.eventId}`);
    const state = newEvent(meta, randomBytes(32).toString('hex'), this.settings.defaultMergeStrategy, this.nowIso());
    this.store.createEvent(state);
    this.index(state);
    this.activity.add(meta.eventId, 'info', `Event created: ${meta.mainTitle}`);
    this.emit('changed', meta.eventId, [{ type: 'eventCreated' }]);
    return state;
  }

  deleteEvent(eventId: string): void {
    const state = this.require(eventId);
    this.store.deleteEvent(eventId);
    this.events.delete(eventId);
    this.byKeyHash.delete(keyHash(state.apiKey));
    this.feeds.forget(eventId);
    const changes: Change[] = [{ type: 'eventDeleted' }];
    this.sink.publish(state, null, changes);
    this.activity.add(eventId, 'info', 'Event deleted');
    this.emit('changed', eventId, changes);
  }

  changeStatus(eventId: string, status: EventStatus, by: Actor) {
    const result = this.apply(eventId, (s) => decideStatusChange(s, status, by, this.nowIso()));
    if (result.previousStatus !== result.status) {
      this.activity.add(eventId, 'info', `Status ${result.previousStatus} → ${result.status} (by ${by})`);
    }
    return result;
  }

  markRaceOfficial(eventId: string, raceId: string, official: boolean, by: Actor) {
    const result = this.apply(eventId, (s) => decideRaceOfficial(s, raceId, official, by, this.nowIso()));
    this.activity.add(eventId, 'info', `Race ${raceId} ${official ? 'marked official' : 'no longer official'} (by ${by})`);
    return result;
  }

  updateMeta(eventId: string, patch: Partial<Omit<EventMeta, 'eventId'>>) {
    return this.apply(eventId, (s) => decideMetaUpdate(s, patch));
  }

  setMergeStrategy(eventId: string, strategy: MergeStrategy) {
    return this.apply(eventId, (s) => decideMergeStrategy(s, strategy));
  }

  // ---- ingest --------------------------------------------------------------------------------

  /**
   * Imports an XML export. The parse runs in a worker thread; the state is checked again after it,
   * since the event may have changed (or gone) while the parser worked.
   */
  async ingestXml(eventId: string, xml: string, by: Actor = 'ingest'): Promise<ImportSummary> {
    this.guard(this.require(eventId), 'xml', by);
    const parsed = await this.xmlParser.parse(xml);
    this.guard(this.require(eventId), 'xml', by);
    if (!parsed.ok) {
      this.feeds.failed(eventId, 'xml', this.clock.now(), parsed.message);
      this.activity.add(eventId, 'warn', `XML refused: ${parsed.message}`);
      throw new StationError('InvalidXml', parsed.message);
    }
    const summary = this.apply(eventId, (s) => decideXmlImport(s, parsed.export, this.nowIso()));
    this.feeds.received(eventId, 'xml', this.clock.now());
    const c = summary.changed;
    this.activity.add(eventId, 'info', `XML imported (${by}): ${summary.imported.participants} participants, ${summary.imported.races} races, `
      + `${summary.imported.results} result rows; ${c.structure ? 'structure changed, ' : ''}${c.results} rows changed, ${c.removed} removed`);
    return summary;
  }

  ingestResults(eventId: string, rows: readonly LiveResultInput[], via: LiveVia = 'c123-server'): { updated: number; ignored?: true } {
    const state = this.require(eventId);
    if (!state.hasXml || this.otherSource(state, 'results', via)) return { updated: 0, ignored: true };
    this.guard(state, 'results', 'ingest');
    const result = via === 'canoe123'
      ? this.apply(eventId, (s) => then(decideResultsIngest(s, rows), dropFinishedWithResults))
      : this.apply(eventId, (s) => decideResultsIngest(s, rows));
    this.feeds.received(eventId, 'results', this.clock.now());
    return result;
  }

  ingestOnCourse(eventId: string, rows: readonly (OnCourseInput & OnCourseSplitInput)[], via: LiveVia = 'c123-server'): { active: number; ignored?: true } {
    const state = this.require(eventId);
    if (!state.hasXml || this.otherSource(state, 'oncourse', via)) return { active: 0, ignored: true };
    this.guard(state, 'oncourse', 'ingest');
    const now = this.clock.now();
    const result = via === 'canoe123'
      ? this.apply(eventId, (s) => decideOnCourseSightings(s, rows, now))
      : this.apply(eventId, (s) => decideOnCourseIngest(s, rows, now));
    this.feeds.received(eventId, 'oncourse', now);
    this.scheduleExpiry();
    return result;
  }

  /** Riders the direct source last saw more than the TTL ago by the venue clock (`${raceId}|${bib}`). */
  leaveOnCourse(eventId: string, keys: readonly string[]): void {
    this.apply(eventId, (s) => decideOnCourseLeft(s, keys));
  }

  /** Drops on-course riders not seen for the TTL; runs on a timer while anyone is on course. */
  expireOnCourse(): void {
    for (const [id, state] of this.events) {
      if (state.onCourse.size === 0) continue;
      this.apply(id, (s) => expireOnCourse(s, this.clock.now(), this.settings.onCourseTtlMs));
    }
  }

  async close(): Promise<void> {
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    this.expiryTimer = null;
    await this.xmlParser.close();
  }

  // ---- the five steps --------------------------------------------------------------------------

  private apply<R>(eventId: string, decide: (state: EventState) => Decision<R>): R {
    const before = this.require(eventId);
    const decision = decide(before);
    if (!decision.ok) throw new StationError(decision.error, decision.message, decision.detail);
    if (decision.changes.length === 0) return decision.result;
    this.store.commit(decision.state, decision.changes);
    this.events.set(eventId, decision.state);
    this.sink.publish(before, decision.state, decision.changes);
    this.emit('changed', eventId, decision.changes);
    return decision.result;
  }

  private require(eventId: string): EventState {
    const state = this.events.get(eventId);
    if (!state) throw new StationError('NotFound', `Event not found: ${eventId}`);
    return state;
  }

  private guard(state: EventState, kind: IngestKind, by: Actor): void {
    // The operator may import XML by hand in any state but official (a correction before sign-off).
    const refusal = ingestRejection(state.status, kind);
    if (refusal && !(by === 'operator' && kind === 'xml' && state.status !== 'official')) {
      this.feeds.failed(state.meta.eventId, kind, this.clock.now(), refusal);
      this.activity.refused(`${state.meta.eventId}|${kind}|state`, state.meta.eventId, `Refused ${kind} push: ${refusal}`, this.clock.now());
      throw new StationError('Forbidden', refusal, { currentStatus: state.status });
    }
  }

  /**
   * A c123-server push to an event whose operator chose another timing source (direct Canoe123,
   * or XML only) is answered `ignored` (never 4xx, so c123-server's breaker stays shut) and noted.
   */
  private otherSource(state: EventState, kind: IngestKind, via: LiveVia): boolean {
    const id = state.meta.eventId;
    const chosen = this.sourceOf(id);
    if (via !== 'c123-server' || chosen === 'c123-server') return false;
    const what = chosen === 'canoe123' ? 'reads Canoe123 directly' : 'takes XML only';
    this.activity.refused(`${id}|${kind}|source`, id, `Ignored a c123-server ${kind} push: this event ${what} (Timing source on the dashboard)`, this.clock.now());
    return true;
  }

  private index(state: EventState): void {
    this.events.set(state.meta.eventId, state);
    this.byKeyHash.set(keyHash(state.apiKey), state.meta.eventId);
  }

  private scheduleExpiry(): void {
    if (this.expiryTimer) return;
    const tick = Math.max(250, Math.min(1000, this.settings.onCourseTtlMs / 4));
    this.expiryTimer = setInterval(() => {
      this.expireOnCourse();
      if (this.all().every((s) => s.onCourse.size === 0) && this.expiryTimer) {
        clearInterval(this.expiryTimer);
        this.expiryTimer = null;
      }
    }, tick);
    this.expiryTimer.unref();
  }
}

/** Two decisions on one input as one: the second decides on the first's state, and their changes add up. */
function then<R>(first: Decision<R>, second: (state: EventState) => Decision<unknown>): Decision<R> {
  if (!first.ok) return first;
  const next = second(first.state);
  if (!next.ok) return next;
  return { ok: true, state: next.state, changes: [...first.changes, ...next.changes], result: first.result };
}

export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
