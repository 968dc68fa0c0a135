/**
 * The event page's shared state and its one pure transition function. It holds what every view
 * of an event needs (event, classes, races, categories, who is on course, the link status); result
 * lists are NOT here: each results view keeps its own list and receives the results diffs through
 * the store (live-event-store.ts), because only it knows its race and category filter.
 *
 * `reloadToken` is how the state tells views "what you fetched over REST may be stale, fetch
 * again": it goes up on a `full` (structure changed or reconnected), a `refresh`, a sequence gap,
 * and every poll while the socket is down. Views keep showing their old rows until the new ones
 * arrive, so a reload never flickers. `synced` turns true once REST reads make sense (first `full`,
 * or the socket could not open, or the event is read over REST only).
 */
import type { PublicAggregatedCategory, PublicClass, PublicEventDetail, PublicOnCourseEntry, PublicRace } from '@wire/api.ts';
import type { WsMessage } from '@wire/live.ts';
import type { FirstView } from '@wire/first-view.ts';
import type { LinkStatus, MessageInfo } from '../live-socket.ts';

export type LoadError = 'EventNotFound' | 'NetworkError' | null;

export interface LiveEventState {
  eventId: string;
  event: PublicEventDetail | null;
  classes: PublicClass[];
  races: PublicRace[];
  categories: PublicAggregatedCategory[];
  oncourse: PublicOnCourseEntry[];
  /** Counts on-course updates; 0 = not known yet (the empty list means nothing). */
  oncourseVersion: number;
  /** null until a socket was tried; REST-only (official) events keep a 'stopped' link. */
  link: LinkStatus | null;
  synced: boolean;
  reloadToken: number;
  error: LoadError;
}

export type LiveEventAction =
  | { type: 'structureLoaded'; event: PublicEventDetail; classes: PublicClass[]; races: PublicRace[]; categories?: PublicAggregatedCategory[] }
  | { type: 'categoriesLoaded'; categories: PublicAggregatedCategory[] }
  | { type: 'oncourseLoaded'; oncourse: PublicOnCourseEntry[] }
  | { type: 'messageReceived'; msg: WsMessage; info: MessageInfo }
  | { type: 'linkChanged'; link: LinkStatus }
  | { type: 'reloadRequested' }
  | { type: 'loadFailed'; error: Exclude<LoadError, null> };

/**
 * The state before anything is loaded; with the first view the page came with (wire/first-view.ts),
 * the state it describes, already synced: views may show it and read more over REST.
 */
export function initialLiveEventState(eventId: string, first?: FirstView | null): LiveEventState {
  const empty: LiveEventState = {
    eventId,
    event: null,
    classes: [],
    races: [],
    categories: [],
    oncourse: [],
    oncourseVersion: 0,
    link: null,
    synced: false,
    reloadToken: 0,
    error: null,
  };
  if (!first || first.eventId !== eventId) return empty;
  const { event, classes, races, categories, oncourse } = first;
  return { ...empty, event, classes, races, categories, oncourse, oncourseVersion: 1, synced: true };
}

/** Upsert races by raceId, keeping the list's order and appending new ones. */
export function upsertRaces(races: readonly PublicRace[], changed: readonly PublicRace[]): PublicRace[] {
  const byId = new Map(changed.map((r) => [r.raceId, r]));
  const out = races.map((r) => byId.get(r.raceId) ?? r);
  for (const r of changed) if (!races.some((x) => x.raceId === r.raceId)) out.push(r);
  return out;
}

export function liveEventReducer(state: LiveEventState, action: LiveEventAction): LiveEventState {
  switch (action.type) {
    case 'structureLoaded':
      return {
        ...state,
        event: action.event,
        classes: action.classes,
        races: action.races,
        categories: action.categories ?? state.categories,
        error: null,
      };
    case 'categoriesLoaded':
      return { ...state, categories: action.categories };
    case 'oncourseLoaded':
      return { ...state, oncourse: action.oncourse, oncourseVersion: state.oncourseVersion + 1 };
    case 'loadFailed':
      return { ...state, error: action.error };
    case 'reloadRequested':
      return { ...state, synced: true, reloadToken: state.reloadToken + 1 };
    case 'linkChanged': {
      const next = { ...state, link: action.link };
      // The socket could not open (yet): let views read over REST now rather than wait for it.
      if (!state.synced && (action.link.state === 'retrying' || action.link.state === 'stopped')) {
        next.synced = true;
        next.reloadToken = state.reloadToken + 1;
      }
      return next;
    }
    case 'messageReceived':
      return applyMessage(state, action.msg, action.info);
  }
}

function applyMessage(state: LiveEventState, msg: WsMessage, info: MessageInfo): LiveEventState {
  const bump = info.gap ? 1 : 0;
  if (msg.type === 'refresh') return { ...state, synced: true, reloadToken: state.reloadToken + 1 };
  if (msg.type === 'full') {
    const { event, classes, races, categories } = msg.data;
    return {
      ...state,
      event,
      classes,
      races,
      categories,
      error: null,
      synced: true,
      reloadToken: state.reloadToken + (info.resumed && state.synced ? 0 : 1),
    };
  }
  const d = msg.data;
  let next: LiveEventState = bump ? { ...state, reloadToken: state.reloadToken + 1 } : state;
  if (d.oncourse) next = { ...next, oncourse: d.oncourse, oncourseVersion: next.oncourseVersion + 1 };
  if (d.races?.length) next = { ...next, races: upsertRaces(next.races, d.races) };
  if (d.status && next.event) {
    next = {
      ...next,
      event: { ...next.event, status: d.status, statusChangedAt: d.statusChangedAt ?? next.event.statusChangedAt },
    };
    // Nobody is on the water once the event is official.
    if (d.status === 'official') next = { ...next, oncourse: [], oncourseVersion: next.oncourseVersion + 1 };
  }
  return next;
}
