/**
 * A relay's reader of Redis: it keeps the relay's copy of every event (relay-source.ts) as the
 * writer published it, and forwards each live message to the event's room (relay-hub.ts). One
 * connection does blocking reads (XREAD BLOCK) of the log and of every event's stream, from where
 * it last read; another loads snapshots and documents.
 *
 * Per event, the copy knows the writer's boot id, the seq of the last message forwarded, and its
 * stream position. An entry is forwarded only when it continues that seq under that boot id (its
 * documents fetched first, so a phone joining after it finds REST as current as its `full`). An
 * entry that does not continue it (a `reset`, another boot, a gap because the stream was trimmed
 * past the position, or Redis lost its data) makes the relay load the event's snapshot and
 * resume from the stream position that snapshot was taken at; its phones then get a `full` when
 * the event's structure moved meanwhile, else a `refresh`, at the snapshot's seq. So a phone never
 * sees a gap that is not followed by a fresh `full` or `refresh`.
 *
 * When Redis goes away the relay keeps serving what it has; when it is back the relay resumes
 * from its positions (a stream that is gone or restarted is read from its beginning, where the
 * writer's `reset` will be). Events leave only when the writer says so (a `deleted` entry, or its
 * `sync` after a restart no longer listing them): a Redis that restarted empty closes no room.
 */
import type { EventStatus } from '../wire/api.ts';
import type { PublicAnswers } from '../http/public-answers.ts';
import type { HealthReport } from '../http/health-routes.ts';
import { fullMessageText, refreshMessageText } from '../live/spectator-hub.ts';
import {
  DOC,
  F,
  META,
  compareIds,
  docsKey,
  entryFields,
  idsKey,
  listKey,
  logKey,
  shownUrl,
  streamKey,
  versionField,
  writerKey,
} from '../outlets/redis/layout.ts';
import { openRedis, redisProblem, type RedisLink } from '../outlets/redis/redis-connection.ts';
import { EventCopy, type RelayCopies } from './relay-source.ts';
import type { RelayHub } from './relay-hub.ts';

export interface FollowerDeps {
  url: string;
  copies: RelayCopies;
  hub: RelayHub;
  answers: PublicAnswers;
  log(level: 'info' | 'warn', message: string): void;
  /** How long one blocking read waits [1000 ms]. */
  blockMs?: number;
}

type StreamReply = [key: string, entries: [id: string, fields: string[]][]][] | null;

export class StreamFollower {
  private readonly deps: FollowerDeps;
  private readonly commands: RedisLink;
  private readonly reader: RedisLink;
  private readonly blockMs: number;
  private logPosition: string | null = null;
  /** Load ids, list and positions again before the next read (at start and after every reconnect). */
  private needsLoad = true;
  private loadedOnce = false;
  private lastReadAt = 0;
  private closed = false;
  private outage: { since: number; problem: string } | null = null;
  private writer: { boot: string; at: number } | null = null;
  private writerCheckedAt = 0;
  private loop: Promise<void> | null = null;
  /** Messages forwarded, snapshots loaded, and refresh/full sent after a gap, since the start. */
  readonly stats = { forwarded: 0, snapshots: 0, resyncMessages: 0 };

  constructor(deps: FollowerDeps) {
    this.deps = deps;
    this.blockMs = deps.blockMs ?? 1000;
    this.commands = openRedis(deps.url, 'raceside-relay');
    this.reader = openRedis(deps.url, 'raceside-relay-reader', { blocking: true });
    for (const link of [this.commands, this.reader]) link.redis.on('error', (err) => this.problem(err));
  }

  /** Starts following; resolves once every event is loaded the first time (it waits for Redis). */
  start(): Promise<void> {
    this.loop = this.run();
    return new Promise((resolve) => {
      const check = () => (this.loadedOnce || this.closed ? resolve() : setTimeout(check, 20));
      check();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reader.redis.disconnect();
    this.commands.redis.disconnect();
    await this.loop?.catch(() => {});
  }

  /** Connected to Redis and reading: what `/health` says (503 when not). */
  health(): HealthReport {
    const connected = this.commands.ready() && this.reader.ready();
    const current = connected && !this.needsLoad && Date.now() - this.lastReadAt < this.blockMs * 3 + 1000;
    return {
      ok: current,
      detail: {
        redis: connected ? 'connected' : 'disconnected',
        current,
        events: this.deps.copies.events.size,
        writer: this.writer ? { bootId: this.writer.boot, lastSeenMs: Date.now() - this.writer.at } : null,
      },
    };
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      try {
        await this.untilReady();
        if (this.closed) return;
        if (this.needsLoad) await this.load();
        const copies = [...this.deps.copies.events.values()];
        const keys = [logKey, ...copies.map((c) => streamKey(c.eventId))];
        const ids = [this.logPosition ?? '$', ...copies.map((c) => c.position)];
        const reply = (await this.reader.redis.xread('COUNT', 500, 'BLOCK', this.blockMs, 'STREAMS', ...keys, ...ids)) as StreamReply;
        this.lastReadAt = Date.now();
        for (const [key, entries] of reply ?? []) {
          if (key === logKey) await this.readLog(entries);
          else {
            const copy = copies[keys.indexOf(key) - 1];
            if (this.deps.copies.events.get(copy.eventId) === copy) await this.readEvent(copy, entries);
          }
        }
        if (this.lastReadAt - this.writerCheckedAt > 2000) {
          this.writerCheckedAt = this.lastReadAt;
          this.noteWriter(await this.commands.redis.hgetall(writerKey));
        }
        if (this.outage) {
          this.deps.log('info', `Redis at ${shownUrl(this.deps.url)} is back after ${Math.round((Date.now() - this.outage.since) / 1000)} s; relaying again.`);
          this.outage = null;
        }
      } catch (err) {
        if (this.closed) return;
        this.problem(err);
        this.needsLoad = true;
        await sleep(200);
      }
    }
  }

  private problem(err: unknown): void {
    if (this.closed || this.outage) return;
    this.outage = { since: Date.now(), problem: redisProblem(err) };
    this.deps.log(
      'warn',
      this.loadedOnce
        ? `Redis at ${shownUrl(this.deps.url)} is unreachable (${this.outage.problem}): serving what this relay has until it is back.`
        : `Redis at ${shownUrl(this.deps.url)} is unreachable (${this.outage.problem}): waiting for it before listening.`,
    );
  }

  private async untilReady(): Promise<void> {
    while (!this.closed && !(this.commands.ready() && this.reader.ready())) await sleep(50);
  }

  /** At start and after every reconnect: the events list, new events, and where each stream stands. */
  private async load(): Promise<void> {
    const redis = this.commands.redis;
    const [logLast, ids, list, writer] = await Promise.all([
      redis.xrevrange(logKey, '+', '-', 'COUNT', 1),
      redis.smembers(idsKey),
      redis.hget(listKey, 'list'),
      redis.hgetall(writerKey),
    ]);
    this.noteWriter(writer);
    const logLastId = logLast[0]?.[0] ?? '0-0';
    // First start: from now on. After a reconnect: on from where we were, unless the log is not the
    // one we read (Redis restarted): then all of it.
    if (this.logPosition === null || compareIds(logLastId, this.logPosition) < 0) this.logPosition = this.logPosition === null ? logLastId : '0-0';
    if (list !== null) this.deps.copies.setList(list);
    for (const copy of this.deps.copies.events.values()) {
      const last = await redis.xrevrange(streamKey(copy.eventId), '+', '-', 'COUNT', 1);
      // A stream that is gone or started over: read it from its beginning (the writer's reset).
      if (last.length === 0 || compareIds(last[0][0], copy.position) < 0) copy.position = '0-0';
    }
    for (const id of ids) if (!this.deps.copies.events.has(id)) await this.resync(id);
    this.needsLoad = false;
    this.loadedOnce = true;
    this.lastReadAt = Date.now();
  }

  private async readLog(entries: [string, string[]][]): Promise<void> {
    for (const [id, flat] of entries) {
      this.logPosition = id;
      const f = entryFields(flat);
      const eventId = f[F.event];
      if (f[F.kind] === 'created' && eventId !== undefined && !this.deps.copies.events.has(eventId)) await this.resync(eventId);
      else if (f[F.kind] === 'deleted' && eventId !== undefined) this.drop(eventId);
      else if (f[F.kind] === 'list') {
        const list = await this.commands.redis.hget(listKey, 'list');
        if (list !== null) this.deps.copies.setList(list);
      } else if (f[F.kind] === 'sync') await this.reconcile();
    }
  }

  /** After the writer published everything again: events it no longer has are gone. */
  private async reconcile(): Promise<void> {
    const ids = new Set(await this.commands.redis.smembers(idsKey));
    for (const eventId of [...this.deps.copies.events.keys()]) if (!ids.has(eventId)) this.drop(eventId);
    for (const eventId of ids) if (!this.deps.copies.events.has(eventId)) await this.resync(eventId);
  }

  private async readEvent(copy: EventCopy, entries: [string, string[]][]): Promise<void> {
    for (const [id, flat] of entries) {
      if (this.deps.copies.events.get(copy.eventId) !== copy) return;
      if (compareIds(id, copy.position) <= 0) continue;
      const f = entryFields(flat);
      if (f[F.kind] === 'deleted') {
        this.drop(copy.eventId);
        return;
      }
      const seq = Number(f[F.seq]);
      const message = f[F.message];
      const continues =
        f[F.kind] !== 'reset' && f[F.boot] === copy.boot && (message === undefined ? seq === copy.seq : seq === copy.seq + 1 || seq <= copy.seq);
      if (!continues) {
        await this.resync(copy.eventId);
        continue;
      }
      if (message !== undefined && seq <= copy.seq) {
        // Sent twice (the writer could not know its commit went through): forwarded already.
        copy.position = id;
        continue;
      }
      if (f[F.docs] !== undefined) await this.fetchDocs(copy, JSON.parse(f[F.docs]) as Record<string, number | null>);
      if (f[F.status] !== undefined) this.setStatus(copy, f[F.status] as EventStatus);
      if (message !== undefined) {
        copy.seq = seq;
        this.deps.hub.forward(copy.eventId, message, f[F.legacy]);
        this.stats.forwarded++;
      }
      copy.position = id;
    }
  }

  /** The documents an entry announces, unless this copy holds them (or newer ones) already. */
  private async fetchDocs(copy: EventCopy, versions: Record<string, number | null>): Promise<void> {
    const names: string[] = [];
    for (const [name, version] of Object.entries(versions)) {
      if (version === null) this.changedDoc(copy, name, copy.remove(name));
      else if (copy.version(name) < version) names.push(name);
    }
    if (names.length === 0) return;
    const values = await this.commands.redis.hmget(docsKey(copy.eventId), ...names, ...names.map(versionField));
    names.forEach((name, i) => {
      const json = values[i];
      // Gone meanwhile (the event deleted): its `deleted` entry follows.
      if (json === null) return;
      this.changedDoc(copy, name, copy.set(name, json, Number(values[names.length + i] ?? 0)));
    });
  }

  /** Kept REST answers built from a document that changed are built again on the next request. */
  private changedDoc(copy: EventCopy, name: string, changed: boolean): void {
    if (!changed) return;
    const { answers } = this.deps;
    if (name === DOC.event || name === DOC.categories || name === DOC.image) answers.eventChanged(copy.eventId);
    else if (name.startsWith('rows:')) answers.racesChanged(copy.eventId, copy.listRaces(name.slice('rows:'.length)));
    else if (name.startsWith('start:')) answers.racesChanged(copy.eventId, [name.slice('start:'.length)]);
  }

  /** Closes the rooms as the station does when its event becomes official or goes back to draft. */
  private setStatus(copy: EventCopy, status: EventStatus): void {
    const before = copy.status;
    copy.status = status;
    if (before === status) return;
    if (status === 'official') this.deps.hub.endEvent(copy.eventId, 'official');
    else if (status === 'draft') this.deps.hub.endEvent(copy.eventId, 'withdrawn');
  }

  /**
   * Loads the event's snapshot and the stream position it was taken at (one MULTI, so they agree),
   * and tells its phones when they missed something.
   */
  private async resync(eventId: string): Promise<void> {
    const replies = await this.commands.redis.multi().hgetall(docsKey(eventId)).xrevrange(streamKey(eventId), '+', '-', 'COUNT', 1).exec();
    if (!replies) throw new Error('snapshot read aborted');
    for (const [err] of replies) if (err) throw err;
    const hash = replies[0][1] as Record<string, string>;
    const last = replies[1][1] as [string, string[]][];
    // Not (or no longer, or not yet again) in Redis: keep what we have; the writer will say.
    if (!hash[META.boot]) return;
    let copy = this.deps.copies.events.get(eventId);
    const before = copy ? { boot: copy.boot, seq: copy.seq, full: copy.json(DOC.full), status: copy.status } : null;
    if (!copy) this.deps.copies.events.set(eventId, (copy = new EventCopy(eventId)));
    copy.load(hash);
    copy.position = last[0]?.[0] ?? '0-0';
    this.deps.answers.forget(eventId);
    this.stats.snapshots++;
    if (!before) return;
    const full = copy.json(DOC.full);
    if (before.boot !== copy.boot || before.seq !== copy.seq || before.full !== full) {
      // The structure moved: a `full` (a refresh would not reload it); else a `refresh`.
      const message =
        before.full !== full && full !== undefined ? fullMessageText(copy.seq, copy.bootField, full) : refreshMessageText(copy.seq, copy.bootField);
      this.deps.hub.forward(eventId, message);
      this.stats.resyncMessages++;
    }
    const status = copy.status;
    copy.status = before.status;
    this.setStatus(copy, status);
  }

  private drop(eventId: string): void {
    if (!this.deps.copies.events.delete(eventId)) return;
    this.deps.hub.endEvent(eventId, 'deleted');
    this.deps.answers.forget(eventId);
  }

  private noteWriter(hash: Record<string, string>): void {
    if (hash.boot) this.writer = { boot: hash.boot, at: Number(hash.at ?? 0) };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
