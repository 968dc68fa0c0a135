/**
 * A relay's copy of what the writer published (outlets/redis/layout.ts), and the public source
 * (http/public-source.ts) the relay's routes and WebSocket door read from it. Documents are kept
 * as the JSON Redis held and parsed on first use (a relay follows every race of every event, its
 * phones look at a few). The copy is only written by the stream follower (stream-follower.ts);
 * nothing here decides anything: a results query is answered from the race's detailed list with
 * the same `selectResults` the domain checks against its own answer.
 */
import type { EventStatus, PublicAggregatedCategory, PublicEvent, PublicOnCourseEntry, PublicRace, PublicResult, PublicStartlistEntry } from '../wire/api.ts';
import type { EventImage } from '../domain/model.ts';
import { selectResults } from '../domain/public-view.ts';
import type { PublicEventDocument, PublicEventView, PublicSource } from '../http/public-source.ts';
import { DOC, META, resultListId } from '../outlets/redis/layout.ts';
import { bootField } from '../live/spectator-hub.ts';

interface CopiedDoc {
  json: string;
  version: number;
  parsed?: unknown;
}

/** One event as the writer last published it (as far as this relay has read). */
export class EventCopy {
  readonly eventId: string;
  boot = '';
  /** `"bootId":"…"` of `boot`, as it goes into messages. */
  bootField = '';
  /** The seq of the last message forwarded (the `full` a joining socket gets carries it). */
  seq = 0;
  status: EventStatus = 'draft';
  /** The last stream entry read. */
  position = '0-0';
  private docs = new Map<string, CopiedDoc>();
  private races: { detail: unknown; byId: Map<string, PublicRace> } | null = null;

  constructor(eventId: string) {
    this.eventId = eventId;
  }

  /** Replaces everything with a snapshot (the `docs` hash as HGETALL returns it). */
  load(hash: Record<string, string>): void {
    this.docs.clear();
    this.races = null;
    for (const [field, value] of Object.entries(hash)) {
      if (field.startsWith('@') || field.startsWith('v:')) continue;
      this.docs.set(field, { json: value, version: Number(hash[`v:${field}`] ?? 0) });
    }
    this.setBoot(hash[META.boot] ?? '');
    this.seq = Number(hash[META.seq] ?? 0);
    this.status = (hash[META.status] ?? 'draft') as EventStatus;
  }

  setBoot(boot: string): void {
    this.boot = boot;
    this.bootField = bootField(boot);
  }

  version(name: string): number {
    return this.docs.get(name)?.version ?? 0;
  }

  /** Sets a document; false when it held this JSON already. */
  set(name: string, json: string, version: number): boolean {
    const had = this.docs.get(name);
    if (had && had.json === json) {
      had.version = Math.max(had.version, version);
      return false;
    }
    this.docs.set(name, { json, version });
    return true;
  }

  remove(name: string): boolean {
    return this.docs.delete(name);
  }

  /** A document's JSON as published. */
  json(name: string): string | undefined {
    return this.docs.get(name)?.json;
  }

  /** A document, parsed once per version. */
  doc<T>(name: string): T | undefined {
    const d = this.docs.get(name);
    if (!d) return undefined;
    if (d.parsed === undefined) d.parsed = JSON.parse(d.json);
    return d.parsed as T;
  }

  race(raceId: string): PublicRace | undefined {
    const detail = this.doc<PublicEventDocument>(DOC.event);
    if (!detail) return undefined;
    if (this.races?.detail !== detail) this.races = { detail, byId: new Map(detail.races.map((r) => [r.raceId, r])) };
    return this.races.byId.get(raceId);
  }

  /** The two ids a result list document is read under (a best-run pair's both runs). */
  listRaces(listId: string): string[] {
    const partner = this.race(listId)?.pairedRaceId;
    return partner ? [listId, partner] : [listId];
  }
}

/** Every event copy of this relay, and the events list: the relay's public source. */
export class RelayCopies implements PublicSource {
  readonly events = new Map<string, EventCopy>();
  private list: { json: string; parsed: PublicEvent[] } = { json: '[]', parsed: [] };

  setList(json: string): void {
    if (json !== this.list.json) this.list = { json, parsed: JSON.parse(json) as PublicEvent[] };
  }

  eventList(): PublicEvent[] {
    return this.list.parsed;
  }

  event(eventId: string): PublicEventView | undefined {
    const copy = this.events.get(eventId);
    return copy && copy.boot ? viewOf(copy) : undefined;
  }
}

function viewOf(copy: EventCopy): PublicEventView {
  return {
    eventId: copy.eventId,
    status: copy.status,
    detail: () => copy.doc<PublicEventDocument>(DOC.event)!,
    categories: () => copy.doc<PublicAggregatedCategory[]>(DOC.categories) ?? [],
    race: (raceId) => copy.race(raceId),
    results: (raceId, query) => {
      const race = copy.race(raceId);
      if (!race) return [];
      return selectResults(copy.doc<PublicResult[]>(DOC.rows(resultListId(race.raceId, race.pairedRaceId))) ?? [], query);
    },
    startlist: (raceId) => copy.doc<PublicStartlistEntry[]>(DOC.start(raceId)) ?? [],
    oncourse: () => copy.doc<PublicOnCourseEntry[]>(DOC.oncourse) ?? [],
    image: () => copy.doc<EventImage | null>(DOC.image) ?? null,
  };
}
