/**
 * WebSocket messages from the station to spectators: `full | diff | refresh`, as c123-live-mini
 * sent them, plus a per-event sequence number and the station's boot id. The contract in prose:
 * docs/LIVE-PIPELINE.md.
 *
 * `seq` increases by exactly one for every message published to an event's room, so a client that
 * sees a gap (last seq + 1 ≠ seq) knows it missed something and reloads over REST. The `full` a
 * socket receives on connect carries the room's current seq; later messages continue from it.
 * `seq` starts again at 0 when the station restarts; `bootId` (random, new at every start, the
 * same in every message of one run) tells a client so: a message with another `bootId` than the
 * last one seen means "reload over REST", whatever its `seq`.
 *
 * Protocol versions: a client names the version it speaks in the socket's URL (`?v=2`,
 * `LIVE_PROTOCOL`). Without it (protocol 1: c123-live-mini's clients, and spectator apps from
 * before version 2) a results diff lists every changed row complete and every moved row in
 * `ranks`. Version 2 clients get the compact form: `changed` rows carry only the fields that
 * changed, and a finish's effect on the others travels as `moves` (wire/results-diff.ts applies
 * them). A station never sends a client a form newer than the one it asked for, so an older app is
 * never shown places it could not compute; a version 2 client that meets an operation it does not
 * know reloads the list over REST.
 *
 * Close codes the station uses: 1000 (event official after the grace, or event deleted),
 * 1001 (station shutting down), 4008 (this socket fell too far behind: its unsent buffer passed
 * the bound; reconnect to get a fresh `full`).
 */
import type { PublicAggregatedCategory, PublicClass, PublicEventDetail, PublicEventStatus, PublicOnCourseEntry, PublicRace, PublicResult } from './api.ts';

export interface WsFullPayload {
  event: PublicEventDetail;
  classes: PublicClass[];
  races: PublicRace[];
  categories: PublicAggregatedCategory[];
}

/** The live protocol version this station and app speak (the socket URL's `?v=`). */
export const LIVE_PROTOCOL = 2;

export interface WsDiffPayload {
  /**
   * Result rows complete and detailed (gates, dtStart/dtFinish), to upsert by participantId (bib
   * is kept for seed clients). Protocol 1: every changed row. Protocol 2: rows new to the list
   * (a row that was there comes as `changed`). Apply `ranks` after `results`.
   */
  results?: PublicResult[];
  /**
   * Protocol 2: rows that were in the list, each with its participantId and only the fields that
   * changed (a detail field, e.g. `gates`, only matters to a row that holds its detail).
   */
  changed?: WsRowPatch[];
  /**
   * Protocol 2: what a change did to the other rows' places and gaps, as compact operations
   * (e.g. "places 7…40 move down by one"), applied after `results`/`changed` to every row they
   * do not name. Rows no operation describes exactly are listed in `ranks`.
   */
  moves?: WsRankOp[];
  /**
   * Protocol 2: `placesCheck` of the whole list after this diff. A client whose list does not
   * give it (it started from another state, e.g. a REST answer that already held this change)
   * reloads the list over REST.
   */
  check?: number;
  /** The race the results belong to. */
  raceId?: string;
  /** For best-run pairs: the other run; the rows are combined rows valid for both ids. */
  pairedRaceId?: string | null;
  /**
   * Rows whose only change is their place or gap (a new finish moves the others): just those
   * fields, merged into the row with the same participantId. Protocol 1: every such row;
   * protocol 2: only those `moves` do not describe.
   */
  ranks?: WsRankUpdate[];
  /** participantIds that left the race's list. */
  removed?: string[];
  /** The event's complete on-course list (replace, do not merge). */
  oncourse?: PublicOnCourseEntry[];
  /** New event status. */
  status?: PublicEventStatus;
  statusChangedAt?: string;
  /** Races whose status or official mark changed (upsert by raceId). */
  races?: PublicRace[];
}

export interface WsRankUpdate {
  participantId: string;
  rnk: number | null;
  totalBehind: string | null;
  catRnk: number | null;
  catTotalBehind: string | null;
  /** Best-run races: the run-1 place can move too. */
  prevRnk?: number | null;
}

/** A row of the list with only the fields that changed (protocol 2). */
export type WsRowPatch = Partial<PublicResult> & { participantId: string };

/**
 * A compact change of the places (protocol 2). Each applies to the rows the diff does not name in
 * `results` or `changed`, reading their values from before the diff:
 * - `shift`: rows whose `field` lies in `from…to` (and, for `catRnk`, whose `catId` is `catId`) get
 *   `by` added ("places 7…40 move down by one" is `{op:'shift',field:'rnk',from:7,to:40,by:1}`);
 * - `gap`: every ranked row (of category `catId`, for `catTotalBehind`) gets its gap to a new
 *   leader whose ranking total is `leader` (centiseconds), written as the station writes gaps.
 * A client that meets another `op` cannot apply the diff: it reloads the list.
 */
export type WsRankOp =
  | { op: 'shift'; field: 'rnk' | 'prevRnk'; from: number; to: number; by: number }
  | { op: 'shift'; field: 'catRnk'; catId: string | null; from: number; to: number; by: number }
  | { op: 'gap'; field: 'totalBehind'; leader: number }
  | { op: 'gap'; field: 'catTotalBehind'; catId: string | null; leader: number };

export type WsFull = { type: 'full'; seq: number; bootId: string; data: WsFullPayload };
export type WsDiff = { type: 'diff'; seq: number; bootId: string; data: WsDiffPayload };
export type WsRefresh = { type: 'refresh'; seq: number; bootId: string };
export type WsMessage = WsFull | WsDiff | WsRefresh;

/** Close code for a socket cut off because it could not keep up. */
export const CLOSE_TOO_SLOW = 4008;
export const CLOSE_NORMAL = 1000;
export const CLOSE_GOING_AWAY = 1001;
