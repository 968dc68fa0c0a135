/**
 * The Redis writer (SPEC §7, `npm run station -- --publish redis://host:port`): everything the
 * station's spectators get also goes to Redis, where relays (relay.ts) serve it to an internet
 * audience. It owns one Redis connection and, per event, what it has published and what is still
 * to go; it takes what the station committed and never changes the station's state.
 *
 * - Live messages are tapped from the hub after it serialized them (spectator-hub.ts `setTap`):
 *   each goes into the event's stream as the same string phones get, with its seq and boot id.
 * - Documents (layout.ts): the event's public answers as payloads, the `full` data, the events
 *   list. Each is built again only when what it shows moved (event-documents.ts keys), and written
 *   only when its JSON changed.
 * - One MULTI/EXEC per event and turn: documents first, then the entries that need them.
 *
 * Publishing never blocks ingest: the tap only queues the string, and the work runs after the
 * answer went out (setImmediate), a few milliseconds at a time (`budgetMs`), so even a new XML
 * export (every list built again) is spread over many turns. While Redis is down the station goes
 * on serving its own spectators; the writer keeps each event's unsent messages (at most
 * `streamLength`) and, when Redis is back, sends them if Redis still holds what it last wrote, or
 * else writes every document again with a `reset` entry (relays then reload and tell their phones
 * to). A writer that starts writes everything again the same way.
 */
import type { Change } from '../../domain/decision.ts';
import type { PublicAnswers } from '../../http/public-answers.ts';
import type { PublicEventDocument, PublicSource } from '../../http/public-source.ts';
import type { StationCoreEvents } from '../../station-core.ts';
import { planDocuments } from './event-documents.ts';
import { F, META, docsKey, idsKey, listKey, logKey, shownUrl, streamKey, versionField, writerKey, type LogKind } from './layout.ts';
import { openRedis, redisProblem, type RedisLink } from './redis-connection.ts';

export interface RedisWriterDeps {
  url: string;
  source: PublicSource;
  answers: PublicAnswers;
  hub: {
    setTap(tap: (eventId: string, seq: number, message: string, legacy?: string) => void): void;
    fullDataOf(eventId: string): string | undefined;
  };
  core: {
    on(event: 'changed', listener: (...args: StationCoreEvents['changed']) => void): unknown;
    /** Every event id, drafts included. */
    all(): { meta: { eventId: string } }[];
  };
  bootId: string;
  /** Entries kept per event stream (MAXLEN ~), and unsent messages kept per event while Redis is down. */
  streamLength: number;
  log(level: 'info' | 'warn', message: string): void;
  /** Main-thread time one turn of publishing may take before it yields [8 ms]. */
  budgetMs?: number;
}

interface Doc {
  key: string;
  json: string;
}

interface Publication {
  /** Messages tapped and not yet in Redis, oldest first. */
  pending: { seq: number; message: string; legacy?: string }[];
  /** Messages tapped since this publication began (the on-course document moves with them). */
  messages: number;
  /** The next commit writes every document again, after a DEL, with a `reset` entry. */
  reset: boolean;
  /** Deleted here: the next commit removes it from Redis. */
  deleted: boolean;
  /** What Redis holds (as far as this writer knows). */
  published: Map<string, Doc>;
  /** Built since the last commit. */
  staged: Map<string, Doc>;
  /** Documents of races that are gone, found while staging, removed at the commit. */
  removed: string[];
  commits: number;
  inFlight: boolean;
  /** The detail document at the event version it was built for (it also lists the races). */
  detail: { version: number; doc: PublicEventDocument } | null;
}

const LOG_LENGTH = 1000;
const HEARTBEAT_MS = 2000;

export class RedisWriter {
  private readonly deps: RedisWriterDeps;
  private readonly link: RedisLink;
  private readonly events = new Map<string, Publication>();
  /** Events with something to publish. */
  private readonly dirty = new Set<string>();
  /** The last seq the hub gave each event (also while its messages are dropped). */
  private readonly seqs = new Map<string, number>();
  private readonly budgetMs: number;
  private scheduled = false;
  private closing = false;
  /** Checking, after a (re)connect, what Redis still holds. */
  private checking = false;
  private listJson: string | null = null;
  private listDirty = true;
  private listInFlight = false;
  /** After a (re)connect: say `sync` on the log once every event is published again. */
  private syncPending = false;
  private docVersion = 0;
  private outage: { since: number; problem: string } | null = null;
  private connectedOnce = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Commits and bytes sent since the start (the bench reads them). */
  readonly stats = { commits: 0, entries: 0, documents: 0, documentBytes: 0 };

  constructor(deps: RedisWriterDeps) {
    this.deps = deps;
    this.budgetMs = deps.budgetMs ?? 8;
    this.link = openRedis(deps.url, `raceside-writer-${deps.bootId}`);
    const redis = this.link.redis;
    redis.on('ready', () => void this.connected());
    redis.on('error', (err) => this.problem(err));
    redis.on('close', () => this.problem(new Error('connection closed')));
    deps.hub.setTap((eventId, seq, message, legacy) => this.tapped(eventId, seq, message, legacy));
    deps.core.on('changed', (eventId, changes) => this.changed(eventId, changes));
    for (const state of deps.core.all()) this.publication(state.meta.eventId);
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** The writer's heartbeat, for the relays' `/health`. */
  private beat(): void {
    if (this.link.ready()) this.link.redis.hset(writerKey, 'boot', this.deps.bootId, 'at', String(Date.now())).catch(() => {});
  }

  /** Whether Redis is connected and holds everything committed so far. */
  status(): { url: string; connected: boolean; current: boolean; pendingMessages: number } {
    let pendingMessages = 0;
    for (const p of this.events.values()) pendingMessages += p.pending.length;
    const connected = this.link.ready();
    return { url: shownUrl(this.deps.url), connected, current: connected && this.dirty.size === 0 && !this.checking, pendingMessages };
  }

  /** Resolves once everything published so far is in Redis (tests and the bench), or after `timeoutMs`. */
  async settled(timeoutMs = 5000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.status().current && this.inFlight.size === 0 && !this.listDirty && !this.syncPending) return true;
      await new Promise((r) => setTimeout(r, 10));
    }
    return false;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    // What the last requests committed goes out before the connection closes (at most 1 s).
    this.flush();
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => setTimeout(r, 1000).unref())]);
    this.closing = true;
    this.link.redis.disconnect();
  }

  // ---- what the station does -----------------------------------------------------------------

  private tapped(eventId: string, seq: number, message: string, legacy?: string): void {
    this.seqs.set(eventId, seq);
    const pub = this.publication(eventId);
    if (pub.deleted) return;
    pub.messages++;
    pub.pending.push(legacy === undefined ? { seq, message } : { seq, message, legacy });
    if (pub.pending.length > this.deps.streamLength) {
      // Relays could not replay this much anyway: they reload from the documents instead.
      pub.pending = [];
      pub.reset = true;
    }
    this.markDirty(eventId);
  }

  private changed(eventId: string, changes: readonly Change[]): void {
    if (changes.some((c) => c.type === 'eventDeleted')) {
      const pub = this.publication(eventId);
      pub.deleted = true;
      pub.pending = [];
      this.seqs.delete(eventId);
    } else if (changes.some((c) => c.type === 'eventCreated')) {
      // A new event, or one restored: published from scratch (once a pending delete is out).
      const pub = this.publication(eventId);
      if (!pub.deleted) pub.reset = true;
    }
    if (!changes.every((c) => c.type === 'rowsUpserted' || c.type === 'rowsRemoved' || c.type === 'onCourseChanged')) this.listDirty = true;
    this.markDirty(eventId);
  }

  private publication(eventId: string): Publication {
    let pub = this.events.get(eventId);
    if (!pub) {
      pub = {
        pending: [],
        messages: 0,
        reset: true,
        deleted: false,
        published: new Map(),
        staged: new Map(),
        removed: [],
        commits: 0,
        inFlight: false,
        detail: null,
      };
      this.events.set(eventId, pub);
      this.markDirty(eventId);
    }
    return pub;
  }

  private markDirty(eventId: string): void {
    this.dirty.add(eventId);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.closing) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  // ---- Redis comes and goes ------------------------------------------------------------------

  private problem(err: unknown): void {
    if (this.closing) return;
    if (this.outage) return;
    this.outage = { since: Date.now(), problem: redisProblem(err) };
    this.deps.log(
      'warn',
      `Redis at ${shownUrl(this.deps.url)} is unreachable (${this.outage.problem}): this station's own spectators are served as before; relays are caught up when Redis is back.`,
    );
  }

  /** After every (re)connect: find out what Redis still holds of what this writer wrote. */
  private async connected(): Promise<void> {
    this.checking = true;
    this.beat();
    try {
      const redis = this.link.redis;
      const ids = [...this.events.keys()];
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hmget(docsKey(id), META.boot, META.commit);
      pipeline.smembers(idsKey);
      const replies = (await pipeline.exec()) ?? [];
      for (const [err] of replies) if (err) throw err;
      ids.forEach((id, i) => {
        const [boot, commit] = replies[i][1] as (string | null)[];
        const pub = this.events.get(id)!;
        // Redis holds exactly what we committed last (a short break): just send what is waiting.
        if (!(boot === this.deps.bootId && Number(commit) === pub.commits && pub.commits > 0)) pub.reset = true;
        this.dirty.add(id);
      });
      // Events Redis knows that this station does not have (deleted while Redis was away, or an
      // older data folder): removed.
      for (const id of replies[ids.length][1] as string[]) {
        if (!this.events.has(id)) this.publication(id).deleted = true;
      }
      this.listDirty = true;
      this.syncPending = true;
      const back = this.outage ? ` after ${Math.round((Date.now() - this.outage.since) / 1000)} s` : '';
      if (this.outage || !this.connectedOnce) {
        this.deps.log('info', `Publishing to Redis at ${shownUrl(this.deps.url)}${back}: ${this.events.size} event${this.events.size === 1 ? '' : 's'}.`);
      }
      this.outage = null;
      this.connectedOnce = true;
    } catch (err) {
      // Not knowing what Redis holds: write everything again.
      for (const pub of this.events.values()) pub.reset = true;
      this.problem(err);
    } finally {
      this.checking = false;
      this.schedule();
    }
  }

  // ---- publishing ----------------------------------------------------------------------------

  private flush(): void {
    this.scheduled = false;
    if (this.closing || this.checking || !this.link.ready()) return;
    const deadline = performance.now() + this.budgetMs;
    for (const eventId of [...this.dirty]) {
      const pub = this.events.get(eventId);
      if (!pub) {
        this.dirty.delete(eventId);
        continue;
      }
      if (pub.inFlight) continue;
      const view = pub.deleted ? undefined : this.deps.source.event(eventId);
      if (!view) {
        this.commitDeletion(eventId, pub);
        continue;
      }
      if (!this.stage(eventId, pub, view, deadline)) {
        this.schedule();
        break;
      }
      this.commit(eventId, pub, view.status);
    }
    this.publishList();
    this.announceSync();
  }

  /** Builds what moved; false when the turn's time ran out first (the rest in the next turn). */
  private stage(eventId: string, pub: Publication, view: NonNullable<ReturnType<PublicSource['event']>>, deadline: number): boolean {
    const versions = this.deps.answers.versions(eventId);
    if (!pub.detail || pub.detail.version !== versions.event) {
      pub.detail = { version: versions.event, doc: view.detail() };
      this.listDirty = true;
    }
    const plans = planDocuments(view, pub.detail.doc, versions, pub.messages, this.deps.hub.fullDataOf(eventId));
    for (const plan of plans) {
      const staged = pub.staged.get(plan.name);
      if (staged?.key === plan.key) continue;
      const published = pub.published.get(plan.name);
      if (published?.key === plan.key) {
        // Current in Redis; a reset writes it again as it is.
        if (pub.reset) pub.staged.set(plan.name, published);
        else pub.staged.delete(plan.name);
        continue;
      }
      if (performance.now() > deadline) return false;
      pub.staged.set(plan.name, { key: plan.key, json: plan.build() });
    }
    // Documents of races that are gone.
    const names = new Set(plans.map((p) => p.name));
    for (const name of pub.staged.keys()) if (!names.has(name)) pub.staged.delete(name);
    pub.removed = [...pub.published.keys()].filter((n) => !names.has(n));
    return true;
  }

  private commit(eventId: string, pub: Publication, status: string): void {
    const reset = pub.reset;
    const removed = reset ? [] : pub.removed;
    const changed = [...pub.staged].filter(([name, d]) => reset || pub.published.get(name)?.json !== d.json);
    const messages = reset ? [] : [...pub.pending];
    if (!reset && changed.length === 0 && removed.length === 0 && messages.length === 0) {
      pub.staged.clear();
      this.dirty.delete(eventId);
      return;
    }
    const seq = this.seqs.get(eventId) ?? 0;
    const redis = this.link.redis;
    const n = String(this.deps.streamLength);
    const docs = docsKey(eventId);
    const stream = streamKey(eventId);
    const multi = redis.multi();
    if (reset) {
      multi.del(docs);
      multi.persist(stream);
    }
    const fields: string[] = [];
    // Removed documents (races that are gone) are announced as null.
    const versions: Record<string, number | null> = Object.fromEntries(removed.map((name) => [name, null]));
    for (const [name, d] of changed) {
      const v = ++this.docVersion;
      versions[name] = v;
      fields.push(name, d.json, versionField(name), String(v));
      this.stats.documents++;
      this.stats.documentBytes += d.json.length;
    }
    fields.push(META.boot, this.deps.bootId, META.seq, String(messages.at(-1)?.seq ?? seq), META.status, status, META.commit, String(pub.commits + 1));
    multi.hset(docs, ...fields);
    if (removed.length) multi.hdel(docs, ...removed, ...removed.map(versionField));
    const d = JSON.stringify(versions);
    const head = [F.docs, d, F.status, status];
    if (reset) {
      multi.xadd(stream, 'MAXLEN', '~', n, '*', F.kind, 'reset', F.boot, this.deps.bootId, F.seq, String(seq), ...head);
      multi.sadd(idsKey, eventId);
      this.log(multi, 'created', eventId);
    } else if (messages.length === 0) {
      multi.xadd(stream, 'MAXLEN', '~', n, '*', F.boot, this.deps.bootId, F.seq, String(seq), ...head);
    } else {
      messages.forEach((m, i) => {
        multi.xadd(
          stream,
          'MAXLEN',
          '~',
          n,
          '*',
          F.boot,
          this.deps.bootId,
          F.seq,
          String(m.seq),
          ...(i === 0 ? head : []),
          F.message,
          m.message,
          ...(m.legacy === undefined ? [] : [F.legacy, m.legacy]),
        );
      });
    }
    const entries = reset || messages.length === 0 ? 1 : messages.length;
    const staged = pub.staged;
    pub.staged = new Map();
    pub.reset = false;
    if (reset) pub.pending = [];
    pub.inFlight = true;
    this.dirty.delete(eventId);
    this.track(
      multi
        .exec()
        .then(
          (replies) => {
            checkReplies(replies);
            if (reset) pub.published = new Map(staged);
            else {
              for (const [name, doc] of staged) pub.published.set(name, doc);
              for (const name of removed) pub.published.delete(name);
            }
            pub.commits++;
            const last = messages.at(-1)?.seq;
            if (last !== undefined) pub.pending = pub.pending.filter((m) => m.seq > last);
            this.stats.commits++;
            this.stats.entries += entries;
          },
          (err) => {
            // Redis may or may not have it: write everything again when it is back.
            pub.reset = true;
            this.problem(err);
          },
        )
        .finally(() => {
          pub.inFlight = false;
          if (pub.reset || pub.pending.length || pub.deleted) this.markDirty(eventId);
          else if (this.dirty.has(eventId)) this.schedule();
        }),
    );
  }

  private commitDeletion(eventId: string, pub: Publication): void {
    const multi = this.link.redis.multi();
    multi.del(docsKey(eventId));
    multi.xadd(streamKey(eventId), 'MAXLEN', '~', String(this.deps.streamLength), '*', F.kind, 'deleted', F.boot, this.deps.bootId, F.seq, '0');
    // Kept a day for relays that were away; a new event under the same id makes it permanent again.
    multi.expire(streamKey(eventId), 86_400);
    multi.srem(idsKey, eventId);
    this.log(multi, 'deleted', eventId);
    pub.inFlight = true;
    this.dirty.delete(eventId);
    this.listDirty = true;
    this.track(
      multi
        .exec()
        .then(
          (replies) => {
            checkReplies(replies);
            this.events.delete(eventId);
            // Created again meanwhile (c123-server deletes and creates, or a restore): from scratch.
            if (this.deps.source.event(eventId)) this.publication(eventId);
          },
          (err) => {
            this.problem(err);
          },
        )
        .finally(() => {
          pub.inFlight = false;
          if (this.events.get(eventId) === pub) this.markDirty(eventId);
        }),
    );
  }

  private publishList(): void {
    if (!this.listDirty || this.listInFlight) return;
    const json = JSON.stringify(this.deps.source.eventList());
    this.listDirty = false;
    if (json === this.listJson && !this.syncPending) return;
    const multi = this.link.redis.multi();
    multi.hset(listKey, 'list', json);
    this.log(multi, 'list');
    this.listInFlight = true;
    this.track(
      multi
        .exec()
        .then(
          (replies) => {
            checkReplies(replies);
            this.listJson = json;
          },
          (err) => {
            this.listDirty = true;
            this.problem(err);
          },
        )
        .finally(() => {
          this.listInFlight = false;
          if (this.listDirty) this.schedule();
        }),
    );
  }

  /** Once every event is in Redis again after a (re)connect, relays may drop what Redis no longer has. */
  private announceSync(): void {
    if (!this.syncPending || this.listDirty || this.listInFlight) return;
    for (const pub of this.events.values()) if (pub.reset || pub.deleted || pub.inFlight) return;
    this.syncPending = false;
    const multi = this.link.redis.multi();
    this.log(multi, 'sync');
    this.track(
      multi.exec().then(checkReplies, (err) => {
        this.syncPending = true;
        this.problem(err);
      }),
    );
  }

  private log(multi: ReturnType<RedisLink['redis']['multi']>, kind: LogKind, eventId?: string): void {
    multi.xadd(logKey, 'MAXLEN', '~', String(LOG_LENGTH), '*', F.kind, kind, ...(eventId === undefined ? [] : [F.event, eventId]));
  }

  private track(p: Promise<unknown>): void {
    const tracked = p.catch(() => {});
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}

/** An EXEC's replies: throws the first command's error (MULTI/EXEC is all or nothing only for syntax errors). */
function checkReplies(replies: [Error | null, unknown][] | null): void {
  if (!replies) throw new Error('transaction aborted');
  for (const [err] of replies) if (err) throw err;
}
