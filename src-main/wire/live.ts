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
 * Close codes the station uses: 1000 (event official after the grace, or event deleted),
 * 1001 (station shutting down), 4008 (this socket fell too far behind: its unsent buffer passed
 * the bound; reconnect to get a fresh `full`).
 */
import type {
  PublicAggregatedCategory, PublicClass, PublicEventDetail, PublicEventStatus, PublicOnCourseEntry,
  PublicRace, PublicResult,
} from './api.ts';

export interface WsFullPayload {
  event: PublicEventDetail;
  classes: PublicClass[];
  races: PublicRace[];
  categories: PublicAggregatedCategory[];
}

export interface WsDiffPayload {
  /**
   * Changed result rows, complete and detailed (gates, dtStart/dtFinish), to upsert by
   * participantId (bib is kept for seed clients). Apply `ranks` after `results`.
   */
  results?: PublicResult[];
  /** The race the results belong to. */
  raceId?: string;
  /** For best-run pairs: the other run; the rows are combined rows valid for both ids. */
  pairedRaceId?: string | null;
  /**
   * Rows whose only change is their place or gap (a new finish moves the others): just those
   * fields, merged into the row with the same participantId. Keeps a one-result diff small.
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

export type WsFull = { type: 'full'; seq: number; bootId: string; data: WsFullPayload };
export type WsDiff = { type: 'diff'; seq: number; bootId: string; data: WsDiffPayload };
export type WsRefresh = { type: 'refresh'; seq: number; bootId: string };
export type WsMessage = WsFull | WsDiff | WsRefresh;

/** Close code for a socket cut off because it could not keep up. */
export const CLOSE_TOO_SLOW = 4008;
export const CLOSE_NORMAL = 1000;
export const CLOSE_GOING_AWAY = 1001;
