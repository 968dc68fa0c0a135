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
import type { DeletedEvent } from './wire/admin.ts';
import type { ErrorCode } from './wire/errors.ts';
import type { Change, Decision } from './domain/decision.ts';
import type { Actor, EventMeta, EventState } from './domain/model.ts';
import { decideStatusChange, ingestRejection, isTimingFeed, type IngestKind } from './domain/event-lifecycle.ts';
import { decideMergeStrategy, decideMetaUpdate, decideRaceOfficial, deleteRejection, newEvent } from './domain/event-admin.ts';
import { decideXmlImport, type ImportSummary } from './domain/xml-import.ts';
import {
  decideOnCourseIngest,
  decideOnCourseLeft,
  decideOnCourseSightings,
  decideResultsIngest,
  dropFinishedWithResults,
  expireOnCourse,
  riderCounts,
} from './domain/live-ingest.ts';
import { problemSentence, silenceSentence, type TimingState } from './domain/feed-health.ts';
import type { FeedProblem, FeedsReport, FeedSource } from './wire/admin.ts';
import type { LiveResultInput, OnCourseInput } from './wire/ingest.ts';
import type { OnCourseSplitInput } from './domain/canoe123/on-course-splits.ts';
import { XmlParseThread } from './threads/xml-parse-thread.ts';
import type { CommitContext, EventStore } from './store/event-store.ts';
import type { Settings } from './settings.ts';
import type { SourceKind } from './wire/sources.ts';
import { ActivityLog } from './activity-log.ts';
import { FeedMonitor } from './feed-monitor.ts';
import { TimingClock } from './timing-clock.ts';

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

export interface StationCoreEvents {
  changed: [eventId: string, changes: readonly Change[]];
}

export class StationCore extends EventEmitter<StationCoreEvents> {
  readonly settings: Settings;
  readonly activity: ActivityLog;
  readonly feeds: FeedMonitor;
  /** Canoe123's clock per event, learned from the riders (timing-clock.ts). */
  private readonly timingClock: TimingClock;
  private readonly store: EventStore;
  private readonly clock: Clock;
  private readonly events = new Map<string, EventState>();
  private readonly byKeyHash = new Map<string, string>();
  private sink: LiveSink = { publish() {} };
  private readonly xmlParser = new XmlParseThread();
  private expiryTimer: NodeJS.Timeout | null = null;
  private watchTimer: NodeJS.Timeout | null = null;
  private watchTicks = 0;
  /** `${eventId}|${source}` → since when the source is silent, as last logged. */
  private readonly silentLogged = new Map<string, number>();
  /** The event's chosen timing source (sources/timing-sources.ts); c123-server until told otherwise. */
  private sourceOf: (eventId: string) => SourceKind = () => 'c123-server';

  constructor(store: EventStore, settings: Settings, clock: Clock = systemClock) {
    super();
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.activity = new ActivityLog(store, () => this.nowIso());
    this.feeds = new FeedMonitor(store);
    this.timingClock = new TimingClock(store);
    for (const state of store.loadAll()) this.index(state);
    this.watchTimer = setInterval(() => this.watchFeeds(), FEED_WATCH_MS);
    this.watchTimer.unref();
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

  /** The station's clock (ms since the epoch). */
  now(): number {
    return this.clock.now();
  }

  // ---- queries -------------------------------------------------------------------------------

  get(eventId: string): EventState | undefined {
    return this.events.get(eventId);
  }

  all(): EventState[] {
    return [...this.events.values()];
  }

  /** The event's feed health, judged now against what its timing says is due. */
  feedReport(eventId: string): FeedsReport {
    return this.feeds.report(eventId, timingOf(this.existing(eventId)), this.clock.now(), this.primarySource(eventId));
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

  /**
   * Deletes an event without destroying it: its rows move aside in one transaction (restorable
   * with `restoreEvent`), it leaves the public API, the lists and ingest (its key stops working at
   * once), and its spectators are closed with 1000. The id is free again for a new event.
   */
  deleteEvent(eventId: string, by: Actor = 'operator'): { deletedId: number } {
    const state = this.existing(eventId);
    const refusal = deleteRejection(state, by);
    if (refusal) {
      this.activity.refused(`${eventId}|delete|${by}`, eventId, `Refused to delete the event (by ${by}): ${refusal.message}`, this.clock.now(), 10_000, true);
      throw new StationError(refusal.error, refusal.message, refusal.detail);
    }
    const deletedId = this.store.moveToDeleted(eventId, this.nowIso(), by);
    this.events.delete(eventId);
    this.byKeyHash.delete(keyHash(state.apiKey));
    this.feeds.forget(eventId);
    for (const key of this.silentLogged.keys()) if (key.startsWith(`${eventId}|`)) this.silentLogged.delete(key);
    const changes: Change[] = [{ type: 'eventDeleted' }];
    this.sink.publish(state, null, changes);
    this.activity.add(eventId, 'warn', `Event deleted (by ${by}, status ${state.status}); kept and restorable from the dashboard (Events → Deleted events)`);
    this.emit('changed', eventId, changes);
    return { deletedId };
  }

  /** The kept copies of deleted events, newest first. */
  deletedEvents(): DeletedEvent[] {
    return this.store.listDeleted();
  }

  /**
   * Brings a deleted event back, under its own id or under `newEventId` when its id was taken
   * again meanwhile (c123-server creates the event anew after its delete).
   */
  restoreEvent(deletedId: number, newEventId?: string): EventState {
    const kept = this.store.getDeleted(deletedId);
    if (!kept) throw new StationError('NotFound', `There is no deleted event ${deletedId}`);
    const eventId = newEventId ?? kept.eventId;
    if (this.events.has(eventId)) {
      throw new StationError('Conflict', `An event with the id ${eventId} exists (created after the delete?): restore this copy under another id`, { eventId });
    }
    const state = this.store.restoreDeleted(deletedId, eventId);
    this.index(state);
    this.feeds.reload(eventId);
    const renamed = eventId !== kept.eventId ? ` as ${eventId} (deleted as ${kept.eventId})` : '';
    this.activity.add(
      eventId,
      'info',
      `Event restored${renamed}: status ${state.status}, ${kept.resultRows} result rows, deleted ${kept.deletedAt} by ${kept.deletedBy}`,
    );
    this.emit('changed', eventId, [{ type: 'eventCreated' }]);
    return state;
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
   * since the event may have changed (or gone, or been deleted and created anew) while the parser
   * worked. Pushed exports (`by` 'ingest', or the direct source's watched file, 'canoe123') count in
   * the feed health of their `source`; every import becomes the last import.
   */
  async ingestXml(eventId: string, xml: string, by: Actor = 'ingest', source: FeedSource = SOURCE): Promise<ImportSummary> {
    const ingestKey = this.existing(eventId).apiKey;
    this.guard(this.existing(eventId), 'xml', by, source);
    const parsed = await this.xmlParser.parse(xml);
    // Deleted meanwhile, and perhaps created anew under the same id: this XML was for the old one.
    if (this.eventIdForKey(ingestKey) !== eventId) throw new StationError('NotFound', `Event not found: ${eventId} (deleted while its XML was read)`);
    this.guard(this.existing(eventId), 'xml', by, source);
    if (!parsed.ok) {
      if (isTimingFeed(by)) this.feedProblem(eventId, source, 'xml', { kind: 'invalidXml', detail: parsed.message }, false);
      this.activity.add(eventId, 'warn', `XML refused: ${parsed.message}`);
      throw new StationError('InvalidXml', parsed.message);
    }
    const summary = this.apply(eventId, (s) => decideXmlImport(s, parsed.export, this.nowIso()), { xml });
    if (isTimingFeed(by)) this.feeds.delivered(eventId, source, 'xml', this.clock.now(), timingOf(this.existing(eventId)));
    this.feeds.imported(eventId, { ...summary, at: this.nowIso(), by });
    this.feeds.flush();
    const c = summary.changed;
    this.activity.add(
      eventId,
      'info',
      `XML imported (${by}): ${summary.imported.participants} participants, ${summary.imported.races} races, ` +
        `${summary.imported.results} result rows; ${c.structure ? 'structure changed, ' : ''}${c.results} rows changed, ${c.removed} removed`,
    );
    return summary;
  }

  /**
   * Live result rows from a source: c123-server's pushes (the default), or the direct Canoe123
   * source, whose riders who finished leave the course at once when their result lands.
   */
  ingestResults(eventId: string, rows: readonly LiveResultInput[], source: FeedSource = SOURCE): { updated: number; ignored?: true } {
    const state = this.existing(eventId);
    if (this.otherSource(state, 'results', source)) return { updated: 0, ignored: true };
    if (!state.hasXml) {
      this.feedProblem(eventId, source, 'results', { kind: 'beforeXml', channel: 'results' });
      return { updated: 0, ignored: true };
    }
    this.guard(state, 'results', 'ingest', source);
    const result =
      source === 'canoe123'
        ? this.apply(eventId, (s) => then(decideResultsIngest(s, rows), dropFinishedWithResults))
        : this.apply(eventId, (s) => decideResultsIngest(s, rows));
    this.feeds.delivered(eventId, source, 'results', this.clock.now(), timingOf(this.existing(eventId)));
    const unknown = rows.length - result.updated;
    if (unknown > 0) this.feedProblem(eventId, source, 'results', { kind: 'unknownRows', count: unknown });
    return result;
  }

  /**
   * On-course rows from a source: c123-server's complete list (replaces the last), or the direct
   * Canoe123 source's single sightings (merged per bib; see live-ingest.ts).
   */
  ingestOnCourse(eventId: string, rows: readonly (OnCourseInput & OnCourseSplitInput)[], source: FeedSource = SOURCE): { active: number; ignored?: true } {
    const state = this.existing(eventId);
    if (this.otherSource(state, 'oncourse', source)) return { active: 0, ignored: true };
    if (!state.hasXml) {
      this.feedProblem(eventId, source, 'oncourse', { kind: 'beforeXml', channel: 'oncourse' });
      return { active: 0, ignored: true };
    }
    this.guard(state, 'oncourse', 'ingest', source);
    const now = this.clock.now();
    // Canoe123 itself sends what is on course now: no old snapshot to judge, each rider merged by bib.
    const { active, hidden, timingNowMs } =
      source === 'canoe123'
        ? { ...this.apply(eventId, (s) => decideOnCourseSightings(s, rows, now)), hidden: [], timingNowMs: null }
        : this.apply(eventId, (s) =>
            decideOnCourseIngest(s, rows, {
              nowMs: now,
              timingNowMs: this.timingClock.timingNow(eventId, now),
              outageMs: this.settings.onCourseOutageMs,
            }),
          );
    if (timingNowMs !== null) this.timingClock.learn(eventId, now, timingNowMs);
    const after = this.existing(eventId);
    this.feeds.delivered(eventId, source, 'oncourse', now, timingOf(after));
    const riders = riderCounts(after.onCourse.values());
    this.feeds.riders(eventId, source, now, riders.running, riders.atStart);
    this.scheduleExpiry();
    if (hidden.length) {
      const who = hidden.map((e) => `${e.raceId} bib ${e.bib} (${e.dtStart ? `started ${e.dtStart}` : 'not started'})`).join(', ');
      this.activity.add(
        eventId,
        'warn',
        `On course after an outage: a list from before it (a start too long ago for a run); not shown until they start again: ${who}`,
      );
    }
    return { active };
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
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = null;
    this.feeds.flush();
    await this.xmlParser.close();
  }

  /**
   * Once a second: says in the activity log when a source falls silent while timing data is due,
   * and when it speaks again; every few seconds, writes the feed records that changed. A restarted
   * station says it at its first tick if the silence began before it stopped.
   */
  watchFeeds(): void {
    const now = this.clock.now();
    for (const [eventId, state] of this.events) {
      for (const src of this.feeds.report(eventId, timingOf(state), now, this.primarySource(eventId)).sources) {
        const key = `${eventId}|${src.source}`;
        const logged = this.silentLogged.get(key);
        if (src.silent && logged !== src.silent.since) {
          this.silentLogged.set(key, src.silent.since);
          this.activity.add(eventId, 'warn', silenceSentence(src.source, now - src.silent.since, src.silent.reason));
        } else if (!src.silent && logged !== undefined) {
          this.silentLogged.delete(key);
          if (src.lastAt !== null && src.lastAt > logged) {
            this.activity.add(eventId, 'info', `${src.source} is sending again after ${Math.round((src.lastAt - logged) / 1000)} s of silence.`);
          }
        }
      }
    }
    if (++this.watchTicks % FEED_FLUSH_TICKS === 0) this.feeds.flush();
  }

  // ---- the five steps --------------------------------------------------------------------------

  private apply<R>(eventId: string, decide: (state: EventState) => Decision<R>, context?: CommitContext): R {
    const before = this.existing(eventId);
    const decision = decide(before);
    if (!decision.ok) throw new StationError(decision.error, decision.message, decision.detail);
    if (decision.changes.length === 0) {
      // Nothing to store or publish, but memory-only state may have moved (an identical on-course
      // snapshot is still a sighting): keep it, or riders would expire 10 s after the last change.
      if (decision.state !== before) this.events.set(eventId, decision.state);
      return decision.result;
    }
    this.store.commit(decision.state, decision.changes, context);
    this.events.set(eventId, decision.state);
    this.sink.publish(before, decision.state, decision.changes);
    this.emit('changed', eventId, decision.changes);
    return decision.result;
  }

  /** The event, or NotFound (404) when there is none. */
  existing(eventId: string): EventState {
    const state = this.events.get(eventId);
    if (!state) throw new StationError('NotFound', `Event not found: ${eventId}`);
    return state;
  }

  private guard(state: EventState, kind: IngestKind, by: Actor, source: FeedSource = SOURCE): void {
    // The operator may import XML by hand in any state but official (a correction before sign-off).
    const refusal = ingestRejection(state.status, kind);
    if (refusal && !(by === 'operator' && kind === 'xml' && state.status !== 'official')) {
      if (isTimingFeed(by)) this.feedProblem(state.meta.eventId, source, kind, { kind: 'refused', channel: kind, status: state.status });
      throw new StationError('Forbidden', refusal, { currentStatus: state.status });
    }
  }

  /**
   * A c123-server push to an event whose operator chose another timing source (direct Canoe123,
   * or XML only) is answered `ignored` (never 4xx, so c123-server's breaker stays shut) and noted.
   */
  private otherSource(state: EventState, kind: IngestKind, source: FeedSource): boolean {
    const id = state.meta.eventId;
    const chosen = this.sourceOf(id);
    if (source !== 'c123-server' || chosen === 'c123-server') return false;
    const what = chosen === 'canoe123' ? 'reads Canoe123 directly' : 'takes XML only';
    this.activity.refused(
      `${id}|${kind}|source`,
      id,
      `Ignored a c123-server ${kind} push: this event ${what} (Timing source on the dashboard)`,
      this.clock.now(),
    );
    return true;
  }

  /** Notes a feed problem for the source, and says it in the activity log (at most every 10 s per kind). */
  private feedProblem(eventId: string, source: FeedSource, channel: IngestKind, problem: FeedProblem, log = true): void {
    const now = this.clock.now();
    this.feeds.problem(eventId, source, channel, now, problem);
    if (log) this.activity.refused(`${eventId}|${source}|${channel}|${problem.kind}`, eventId, problemSentence(problem), now);
  }

  /** The feed source the event's chosen timing source reports as (none for XML only). */
  private primarySource(eventId: string): FeedSource | null {
    const kind = this.sourceOf(eventId);
    return kind === 'manual' ? null : kind;
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

/** The source that pushes through the ingest routes (a direct Canoe123 link passes its own). */
const SOURCE: FeedSource = 'c123-server';
const FEED_WATCH_MS = 1000;
/** Feed records are written every this many watch ticks (and after problems, imports, at shutdown). */
const FEED_FLUSH_TICKS = 5;

/** What the event's timing says, for what feed data is due. */
function timingOf(state: EventState): TimingState {
  return { running: state.status === 'running', raceInProgress: state.structure.races.some((r) => r.raceStatus === 3) };
}

export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
