/**
 * What the public side reads (the public routes and the WebSocket door): the public documents of
 * each event, as plain wire objects. A station answers them from its own state
 * (`stationPublicSource`, built on StationCore); a relay answers them from its copy of the
 * writer's snapshots in Redis (relay/relay-source.ts). The routes, the door and the rooms are the
 * same code in both: only this source differs.
 *
 * A source never decides anything and never hides anything: it answers drafts too (with their
 * status), and the callers apply the public rules (a draft is 404, an official event refuses the
 * upgrade). Every answer is a fresh or a shared object that callers must not change.
 */
import type {
  EventStatus,
  PublicAggregatedCategory,
  PublicClass,
  PublicEvent,
  PublicEventDetail,
  PublicOnCourseEntry,
  PublicRace,
  PublicResult,
  PublicStartlistEntry,
} from '../wire/api.ts';
import type { EventImage, EventState } from '../domain/model.ts';
import type { ResultsQuery } from '../domain/public-view.ts';
import {
  aggregatedCategories,
  onCourseList,
  publicClasses,
  publicEvent,
  publicEventDetail,
  publicRace,
  publicRaces,
  raceById,
  raceResults,
  startlist,
} from '../domain/public-view.ts';
import { headerImage } from '../domain/canoe123/event-images.ts';
import { liveEventOf, type LiveEventCandidate } from '../domain/live-event.ts';

/** The `GET /events/:eventId` document. */
export interface PublicEventDocument {
  event: PublicEventDetail;
  classes: PublicClass[];
  races: PublicRace[];
}

export interface PublicSource {
  /** The public events list: every event but the drafts, newest first. */
  eventList(): PublicEvent[];
  /** One event's public documents, drafts included (callers hide them); undefined when there is none. */
  event(eventId: string): PublicEventView | undefined;
  /**
   * The event a venue screen with no `?event=` shows (domain/live-event.ts). Only a station knows
   * it: venue screens talk to the venue's station, never to a relay.
   */
  liveEvent?(): LiveEventCandidate | null;
}

export interface PublicEventView {
  readonly eventId: string;
  readonly status: EventStatus;
  detail(): PublicEventDocument;
  categories(): PublicAggregatedCategory[];
  /** The race as the event's race list shows it (its best-run partner in `pairedRaceId`); undefined when unknown. */
  race(raceId: string): PublicRace | undefined;
  /** The race's ranked result list (a best-run pair's combined list) for a query; [] for an unknown race. */
  results(raceId: string, query: ResultsQuery): readonly PublicResult[];
  /** The race's start list; [] for an unknown race. */
  startlist(raceId: string): PublicStartlistEntry[];
  oncourse(): PublicOnCourseEntry[];
  /** The organiser's header image, or null. */
  image(): EventImage | null;
}

/** The events list's order: newest start date first, then newest created. */
export function publicEventList(states: readonly EventState[]): PublicEvent[] {
  return states
    .filter((s) => s.status !== 'draft')
    .sort((a, b) => (b.meta.startDate ?? '').localeCompare(a.meta.startDate ?? '') || b.createdAt.localeCompare(a.createdAt))
    .map(publicEvent);
}

/** A station's public source: the core's current state, through the domain's public views. */
export function stationPublicSource(core: { get(eventId: string): EventState | undefined; all(): EventState[] }): PublicSource {
  return {
    eventList: () => publicEventList(core.all()),
    event: (eventId) => {
      const state = core.get(eventId);
      return state ? stateView(state) : undefined;
    },
    liveEvent: () => liveEventOf(core.all().map((s) => ({ eventId: s.meta.eventId, status: s.status, statusChangedAt: s.statusChangedAt }))),
  };
}

function stateView(state: EventState): PublicEventView {
  return {
    eventId: state.meta.eventId,
    status: state.status,
    detail: () => ({ event: publicEventDetail(state), classes: publicClasses(state), races: publicRaces(state) }),
    categories: () => aggregatedCategories(state),
    race: (raceId) => {
      const race = raceById(state, raceId);
      return race ? publicRace(state, race) : undefined;
    },
    results: (raceId, query) => raceResults(state, raceId, query) ?? [],
    startlist: (raceId) => startlist(state, raceId) ?? [],
    oncourse: () => onCourseList(state),
    image: () => headerImage(state.images),
  };
}
