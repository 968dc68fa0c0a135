/**
 * The shapes of the uplink's admin API (http/uplink-routes.ts): an event's target on a public
 * results server (c123-live-mini or another Raceside) and the state of its outbox, as the
 * dashboard reads them. Types only. The target's ingest key goes in with `PUT` and never comes
 * back out: no answer shape here has a field for it.
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { EventStatus } from './api.ts';

const target = {
  url: { type: 'string', minLength: 1, maxLength: 500 },
  remoteEventId: { type: 'string', minLength: 1, maxLength: 200 },
  apiKey: { type: 'string', minLength: 1, maxLength: 500 },
  enabled: { type: 'boolean' },
} as const;

/** `PUT /api/v1/admin/events/:eventId/uplink`. Leave `apiKey` out to keep the saved one. */
export const uplinkSettingsSchema = { type: 'object', properties: target, required: ['url', 'remoteEventId', 'enabled'], additionalProperties: false } as const;
export type UplinkSettingsInput = FromSchema<typeof uplinkSettingsSchema>;

/** `POST …/uplink/test`: the saved target, or these fields tried over it (nothing is saved). */
export const uplinkTestSchema = { type: ['object', 'null'], properties: target, additionalProperties: false } as const;

/**
 * - `off`: no target set for this event;
 * - `disabled`: a target is set but the operator switched it off (the outbox still fills);
 * - `connecting`: enabled, no answer from the target yet;
 * - `connected`: the last request was answered and nothing waits on a retry;
 * - `retrying`: the target cannot be reached or answered 5xx/429: waiting to try again;
 * - `paused`: the target refused the key or does not know the event (401/403/404): nothing is
 *   sent until the operator saves the settings again; the queue is kept;
 * - `refused`: as connected, but the target refused some items (see `refused`).
 */
export type UplinkState = 'off' | 'disabled' | 'connecting' | 'connected' | 'retrying' | 'paused' | 'refused';

/** Why the last request failed; the dashboard says it as a sentence in its language. */
export type UplinkErrorReason =
  | 'network' // no connection, reset, or the answer was cut off
  | 'timeout' // no answer within the per-request timeout
  | 'server' // 5xx
  | 'rateLimited' // 429
  | 'unauthorized' // 401: wrong or expired key
  | 'forbidden' // 403: the target's event is in a state that refuses this
  | 'notFound' // 404: unknown event or route on the target
  | 'refused' // another 4xx: the item is parked in `refused`
  | 'ignored' // the target ignored results: it has no XML export yet
  | 'badAnswer'; // 2xx that is not JSON

export interface UplinkError {
  /** ms since the epoch, station clock. */
  at: number;
  reason: UplinkErrorReason;
  /** HTTP status, or null when there was no answer. */
  httpStatus: number | null;
  /** The target's own `message` (or the network error), as it said it. */
  detail: string | null;
  /** The same in one English sentence (the activity log, scripts). */
  message: string;
}

/** Something the target refused (a 4xx other than 401/403/404), kept until retried or discarded. */
export interface UplinkRefusedItem {
  id: number;
  kind: 'xml' | 'results' | 'status';
  /** What it was: "K1M_ST_BR2_6 (3 rows)", "running → finished", "XML export". */
  label: string;
  count: number;
  error: UplinkError;
}

export interface UplinkStatus {
  configured: boolean;
  url: string | null;
  remoteEventId: string | null;
  enabled: boolean;
  /** Whether a key is saved (the key itself is never sent back). */
  keySet: boolean;
  state: UplinkState;
  /** Changes waiting to go up (coalesced: one per result row, XML, status step). */
  queued: number;
  /** Age of the oldest change not yet accepted by the target, or null when nothing waits. */
  oldestUnsentMs: number | null;
  lastSuccessAt: number | null;
  lastError: UplinkError | null;
  /** Why the uplink is paused, when it is. */
  pausedBy: UplinkError | null;
  /**
   * The XML export must go first, but the station has none at hand: it keeps the raw export only
   * for events with a target, and restarted since the last import. The next import sends it.
   */
  waitingForXml: boolean;
  refused: UplinkRefusedItem[];
  /** Request body bytes sent to the target since the station started (retries included). */
  bytesSent: number;
  requestsSent: number;
  /** The target event's status as its last answer gave it. */
  remoteStatus: EventStatus | null;
  /** What the target turned out to be, from its answer to an XML upload. */
  targetKind: 'raceside' | 'c123-live-mini' | null;
  /** The station's clock, so a dashboard elsewhere judges the ages right. */
  serverNow: number;
}

/** `GET /api/v1/admin/uplinks`: every event's uplink in one answer (the dashboard header). */
export interface UplinkOverview {
  uplinks: ({ eventId: string } & Pick<UplinkStatus, 'state' | 'queued' | 'oldestUnsentMs' | 'enabled'>)[];
  serverNow: number;
}

/** `POST /api/v1/admin/events/:eventId/uplink/test`: what each check found. */
export interface UplinkTestResult {
  ok: boolean;
  /** The target answered /health (and how fast). */
  reachable: boolean;
  latencyMs: number | null;
  /** The key was accepted by the ingest route (null: not checked, unreachable). */
  keyAccepted: boolean | null;
  /** The target event is public there, and its status; null when it is a draft or unknown. */
  remoteStatus: EventStatus | null;
  error: UplinkError | null;
}
