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
 */
import type { Change } from '../domain/decision.ts';
import type { StationCore } from '../station-core.ts';
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

  constructor(core: StationCore) {
    core.on('changed', (eventId, changes) => this.invalidate(eventId, changes));
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
        for (const raceId of new Set(races)) v.races.set(raceId, this.nextVersion++);
        continue;
      }
      if (c.type === 'eventCreated' || c.type === 'eventDeleted') {
        // A new or restored event of the same id starts from nothing kept.
        this.events.delete(eventId);
        return;
      }
      v.event = this.nextVersion++;
    }
    // Stale answers are replaced on their next request; drop them now when the event moved on.
    if (v.answers.size >= MAX_PER_EVENT) v.answers.clear();
  }
}

function cachedAnswer(json: string): CachedAnswer {
  let zipped: Promise<Buffer> | null = null;
  return { json, gzipped: () => (zipped ??= gzipJson(json)) };
}
