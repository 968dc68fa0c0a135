/**
 * Public answers built once per version, as the hub builds its `full` once per change: each
 * answer (results, detailed or not, per category; startlist; event; categories) is serialized
 * once per (event, race, version) and its gzip made once, then the same bytes go to every phone
 * asking. Without it, `?detailed=true` was rebuilt and re-ranked on every request.
 *
 * Versions come from the changes the core decided (its `changed` event): a result row bumps its
 * race; anything else about the event (structure, details, status, official marks, merge
 * strategy, delete, restore) bumps the whole event. An answer about a race also carries the
 * version of its best-run partner, whose rows it combines. On-course answers are not cached (they
 * change about once a second and are small). This file never decides what an answer contains:
 * the route builds it; this only says whether the bytes it holds are still current.
 *
 * A relay has no core: it bumps the versions itself as its copy of the writer's documents changes
 * (`eventChanged`, `racesChanged`, `forget`). The Redis writer reads `versions` to know which
 * documents to publish again.
 */
import type { Change } from '../domain/decision.ts';
import type { StationCoreEvents } from '../station-core.ts';
import { gzipJson } from './compress-json.ts';

/** Answers kept per event; past it, new keys (odd `catId` queries) are built but not kept. */
const MAX_PER_EVENT = 2000;

export interface CachedAnswer {
  json: string;
  /** The gzip of `json`, made once on first demand. */
  gzipped(): Promise<Buffer>;
}

interface EventVersions {
  event: number;
  races: Map<string, number>;
  answers: Map<string, { version: string; answer: CachedAnswer }>;
}

export class PublicAnswers {
  private readonly events = new Map<string, EventVersions>();
  private nextVersion = 1;
  /** Answers built since the start (each one kept or not); a repeat request builds nothing. */
  builds = 0;

  constructor(core?: { on(event: 'changed', listener: (...args: StationCoreEvents['changed']) => void): unknown }) {
    core?.on('changed', (eventId, changes) => this.invalidate(eventId, changes));
  }

  /** The event's versions now: the whole event's, and each race's that changed on its own. */
  versions(eventId: string): { readonly event: number; readonly races: ReadonlyMap<string, number> } {
    return this.versionsOf(eventId);
  }

  /** Everything about the event may have changed. */
  eventChanged(eventId: string): void {
    const v = this.events.get(eventId);
    if (v) v.event = this.nextVersion++;
  }

  /** These races' lists may have changed. */
  racesChanged(eventId: string, raceIds: Iterable<string>): void {
    const v = this.events.get(eventId);
    if (!v) return;
    for (const raceId of raceIds) v.races.set(raceId, this.nextVersion++);
  }

  /** Drops everything kept about the event (deleted, or a relay reloading it from scratch). */
  forget(eventId: string): void {
    this.events.delete(eventId);
  }

  /**
   * The answer under `key` for `eventId`, current for the event and for `races` (the race and its
   * best-run partner); `build` makes the JSON when the kept one is stale or missing.
   */
  get(eventId: string, key: string, races: readonly string[], build: () => string): CachedAnswer {
    const v = this.versionsOf(eventId);
    const version = [v.event, ...races.map((r) => v.races.get(r) ?? 0)].join('.');
    const kept = v.answers.get(key);
    if (kept && kept.version === version) return kept.answer;
    const answer = cachedAnswer(build());
    this.builds++;
    if (kept || v.answers.size < MAX_PER_EVENT) v.answers.set(key, { version, answer });
    return answer;
  }

  private versionsOf(eventId: string): EventVersions {
    let v = this.events.get(eventId);
    if (!v) this.events.set(eventId, (v = { event: this.nextVersion++, races: new Map(), answers: new Map() }));
    return v;
  }

  private invalidate(eventId: string, changes: readonly Change[]): void {
    const v = this.events.get(eventId);
    if (!v) return;
    for (const c of changes) {
      if (c.type === 'onCourseChanged') continue;
      if (c.type === 'rowsUpserted' || c.type === 'rowsRemoved') {
        const races = c.type === 'rowsUpserted' ? c.rows.map((r) => r.raceId) : c.keys.map((k) => k.raceId);
        this.racesChanged(eventId, new Set(races));
        continue;
      }
      if (c.type === 'eventCreated' || c.type === 'eventDeleted') {
        // A new or restored event of the same id starts from nothing kept.
        this.forget(eventId);
        return;
      }
      this.eventChanged(eventId);
    }
    // Stale answers are replaced on their next request; drop them now when the event moved on.
    if (v.answers.size >= MAX_PER_EVENT) v.answers.clear();
  }
}

function cachedAnswer(json: string): CachedAnswer {
  let zipped: Promise<Buffer> | null = null;
  return { json, gzipped: () => (zipped ??= gzipJson(json)) };
}
