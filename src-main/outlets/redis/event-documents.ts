/**
 * The documents the writer keeps in Redis for one event (layout.ts), as JSON, each built from the
 * station's public source exactly as its own routes build the payload (so a relay's routes,
 * serializing the same payload through the same schemas, send the same bytes), and a key saying
 * what it was built from: a document is built again only when its key moves.
 *
 * Keys come from the public answers' versions (http/public-answers.ts: a result row moves its
 * race, anything else moves the event), the hub's `full` data and the count of live messages (the
 * on-course list changes with them). This file decides nothing about the event: it only asks the
 * public source.
 */
import type { PublicRace } from '../../wire/api.ts';
import type { PublicEventDocument, PublicEventView } from '../../http/public-source.ts';
import { DOC, resultListId } from './layout.ts';

export interface DocumentPlan {
  name: string;
  /** What the document was built from; the same key means the same JSON. */
  key: string;
  build(): string;
}

export interface EventVersions {
  readonly event: number;
  readonly races: ReadonlyMap<string, number>;
}

/**
 * Every document of the event, with the key each would be built at now: the small ones first, the
 * result lists last (they cost the most: a list of 100 detailed rows takes a few ms).
 */
export function planDocuments(
  view: PublicEventView,
  detail: PublicEventDocument,
  versions: EventVersions,
  messages: number,
  fullData: string | undefined,
): DocumentPlan[] {
  const ev = String(versions.event);
  const raceVersion = (raceId: string | null) => (raceId === null ? '' : String(versions.races.get(raceId) ?? 0));
  const plans: DocumentPlan[] = [
    { name: DOC.event, key: ev, build: () => JSON.stringify(detail) },
    { name: DOC.categories, key: ev, build: () => JSON.stringify(view.categories()) },
    { name: DOC.image, key: ev, build: () => JSON.stringify(view.image()) },
    { name: DOC.oncourse, key: `${ev}.${messages}`, build: () => JSON.stringify(view.oncourse()) },
  ];
  if (fullData !== undefined) plans.push({ name: DOC.full, key: fullData, build: () => fullData });
  for (const race of detail.races) {
    plans.push({ name: DOC.start(race.raceId), key: `${ev}.${raceVersion(race.raceId)}`, build: () => JSON.stringify(view.startlist(race.raceId)) });
  }
  for (const race of detail.races) {
    if (resultListId(race.raceId, race.pairedRaceId) !== race.raceId) continue;
    plans.push({
      name: DOC.rows(race.raceId),
      key: `${ev}.${raceVersion(race.raceId)}.${raceVersion(race.pairedRaceId)}`,
      build: () => JSON.stringify(view.results(race.raceId, { detailed: true })),
    });
  }
  return plans;
}

/** The races of a detail document by id (a relay looks races up in its copy the same way). */
export function racesById(detail: PublicEventDocument): Map<string, PublicRace> {
  return new Map(detail.races.map((r) => [r.raceId, r]));
}
