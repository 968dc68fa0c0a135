/**
 * What the writer keeps in Redis and relays read (docs/SCALING.md "What is in Redis"). One home
 * for the key names, the stream entry fields and the document names, shared by both sides.
 *
 * | key | type | what |
 * |---|---|---|
 * | `raceside:ids` | set | the ids of the events the writer publishes (drafts included) |
 * | `raceside:list` | hash | `list`: the public events list (`GET /api/v1/events`) |
 * | `raceside:log` | stream | `k`: `created` / `deleted` (`e`: the event), `list` (the list changed), `sync` (the writer has published every event again) |
 * | `raceside:writer` | hash | `boot`, `at`: the writer's run and its last heartbeat (ms), for the relays' `/health` |
 * | `raceside:e:<id>:docs` | hash | the event's documents (JSON) and `v:<name>` their versions, `@boot`, `@seq`, `@status`, `@commit` |
 * | `raceside:e:<id>:stream` | stream | the event's live messages, one entry each, bounded (`MAXLEN ~`) |
 *
 * A stream entry: `b` the writer's boot id, `s` the seq after it (a message's own seq), `m` the
 * message exactly as the hub sent it (absent in an entry that only announces documents), `m1` its
 * protocol 1 form where that differs (a results diff: wire/live.ts), `d` the
 * documents that changed before it (`{name: version}`, on a commit's first entry), `st` the event's
 * status, `k` `reset` (read the snapshot again: what came before is not continuous with what
 * follows) or `deleted`.
 *
 * Documents (`docs` hash): `full` (the `full` message's data), `event` (`GET /events/:id`),
 * `categories`, `oncourse`, `image` (the header image or null), `rows:<raceId>` (a race's
 * complete detailed result list; one per best-run pair, under `resultListId`), `start:<raceId>`.
 * Every write of the writer is one MULTI/EXEC, documents before the entries that need them, so a
 * relay that reads an entry finds its documents (or newer ones) in place.
 */

export const PREFIX = 'raceside:';
export const idsKey = `${PREFIX}ids`;
export const listKey = `${PREFIX}list`;
export const logKey = `${PREFIX}log`;
export const writerKey = `${PREFIX}writer`;

const eventKey = (eventId: string) => `${PREFIX}e:${encodeURIComponent(eventId)}`;
export const docsKey = (eventId: string) => `${eventKey(eventId)}:docs`;
export const streamKey = (eventId: string) => `${eventKey(eventId)}:stream`;

/** Fields of the `docs` hash that are not documents. */
export const META = { boot: '@boot', seq: '@seq', status: '@status', commit: '@commit' } as const;
/** The version field of a document in the `docs` hash. */
export const versionField = (doc: string) => `v:${doc}`;

export const DOC = {
  full: 'full',
  event: 'event',
  categories: 'categories',
  oncourse: 'oncourse',
  image: 'image',
  rows: (listId: string) => `rows:${listId}`,
  start: (raceId: string) => `start:${raceId}`,
} as const;

/**
 * The race whose id names a result list: the race itself, or for a best-run pair the first of the
 * two ids (both runs show the same combined list).
 */
export function resultListId(raceId: string, pairedRaceId: string | null): string {
  return pairedRaceId !== null && pairedRaceId < raceId ? pairedRaceId : raceId;
}

/** Stream entry fields. */
export const F = { boot: 'b', seq: 's', message: 'm', legacy: 'm1', docs: 'd', status: 'st', kind: 'k', event: 'e' } as const;
export type EntryKind = 'reset' | 'deleted';
export type LogKind = 'created' | 'deleted' | 'list' | 'sync';

/** Fields of a stream entry as ioredis returns them (`[name, value, name, value, …]`) as an object. */
export function entryFields(flat: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]] = flat[i + 1];
  return out;
}

/** Stream ids compare by their two numbers (`<ms>-<n>`), not as text. */
export function compareIds(a: string, b: string): number {
  const [am, an] = a.split('-');
  const [bm, bn] = b.split('-');
  return am.length - bm.length || (am < bm ? -1 : am > bm ? 1 : 0) || an.length - bn.length || (an < bn ? -1 : an > bn ? 1 : 0);
}

/** A Redis URL as it may be shown: without its password. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** Throws a sentence an operator understands when `url` is not a Redis URL. */
export function checkRedisUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // Not echoed: a mistyped URL may still hold a password.
    throw new Error('that is not a Redis URL (redis://host:port, or rediss:// for TLS)');
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`'${shownUrl(url)}' is not a Redis URL (redis://host:port, or rediss:// for TLS)`);
}
