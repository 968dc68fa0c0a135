/**
 * The shapes of the admin API (http/admin-routes.ts, http/station-routes.ts): what the operator
 * dashboard and the officials page read and send. Written once here for the station and the
 * renderer alike. Types (and the PIN pattern both sides check): the admin answers carry API keys
 * and are never public.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { eventStatuses, mergeStrategies, type EventStatus, type MergeStrategy, type PublicClass, type PublicRace } from './api.ts';
import { EVENT_ID_PATTERN } from './params.ts';

/**
 * Who did something: the answer to "by whom" in the lifecycle history and the activity log.
 * `ingest` is c123-server (the ingest key); `canoe123` the station's direct Canoe123 source. Both
 * are timing feeds: they may move the status forward several steps at once, never to official.
 */
export type Actor = 'operator' | 'official' | 'ingest' | 'canoe123' | 'system';

export interface AdminEvent {
  eventId: string;
  mainTitle: string;
  subTitle: string | null;
  location: string | null;
  facility: string | null;
  startDate: string | null;
  endDate: string | null;
  discipline: string | null;
  status: EventStatus;
  statusChangedAt: string;
  apiKey: string;
  hasXmlData: boolean;
  hasImage: boolean;
  createdAt: string;
  mergeStrategy: MergeStrategy;
}

export interface StatusChange {
  from: EventStatus;
  to: EventStatus;
  at: string;
  by: Actor;
}

/**
 * Where timing data comes from. Each source reports into the same feed health, channel by channel:
 * c123-server's pushes today; a direct Canoe123 connection (issue 12) adds its own kind.
 */
export type FeedSource = 'c123-server' | 'canoe123';
export const feedSources: readonly FeedSource[] = ['c123-server', 'canoe123'];

export type FeedChannel = 'xml' | 'results' | 'oncourse';
export const feedChannels: readonly FeedChannel[] = ['xml', 'results', 'oncourse'];

/**
 * What went wrong with a feed, as data: the dashboard says it in a sentence in its language, the
 * activity log in English. Never an error code alone.
 */
export type FeedProblem =
  /** The event's state refuses this kind of data (e.g. results for an official event). */
  | { kind: 'refused'; channel: FeedChannel; status: EventStatus }
  /** An XML export that is not a readable Canoe123 export; `detail` is the reader's reason. */
  | { kind: 'invalidXml'; detail: string }
  /** Results or riders on course before any XML: ignored until the XML arrives. */
  | { kind: 'beforeXml'; channel: FeedChannel }
  /** Result rows naming races or competitors the imported XML does not know: skipped. */
  | { kind: 'unknownRows'; count: number };

/** Why the timing says data is due now. */
export type FeedReason = 'ridersOnCourse' | 'raceInProgress';

/**
 * - never: nothing yet;
 * - ok: delivering, or quiet within its rhythm;
 * - idle: quiet, and nothing is due (no rider on course, no race in progress);
 * - stale: quiet past its rhythm while something is due;
 * - warning: delivering, but a problem in the last minutes (never green);
 * - failing: its last push was refused or unreadable.
 */
export type FeedChannelState = 'never' | 'ok' | 'idle' | 'stale' | 'warning' | 'failing';

export interface FeedChannelReport {
  channel: FeedChannel;
  state: FeedChannelState;
  /** When the channel last delivered accepted data (ms since the epoch, the station's clock). */
  lastAt: number | null;
  count: number;
  perMinute: number;
  errors: number;
  problem: FeedProblem | null;
  problemAt: number | null;
  /** Why data is due on this channel now, or null. */
  due: FeedReason | null;
  /** Quiet time after which this channel is stale while data is due: twice its observed rhythm. */
  staleAfterMs: number | null;
}

/**
 * One source's health. `silent` is set when nothing at all has come from it for longer than the
 * rhythm of what is due: the source (or the link to it) has died.
 */
export interface FeedSourceReport {
  source: FeedSource;
  /** When anything last came from the source, refused or ignored pushes included. */
  lastAt: number | null;
  silent: { since: number; reason: FeedReason } | null;
  channels: FeedChannelReport[];
}

/** The last XML import, from c123-server or by hand. */
export interface LastImport extends XmlImportSummary {
  at: string;
  by: Actor;
}

export interface FeedsReport {
  sources: FeedSourceReport[];
  lastImport: LastImport | null;
}

export interface AdminEventDetail {
  event: AdminEvent;
  history: StatusChange[];
  validNextStates: EventStatus[];
  officialRaces: { raceId: string; at: string; by: Actor }[];
  feeds: FeedsReport;
  spectators: number;
  /** The event's room size (the station's `maxConnectionsPerEvent`). */
  spectatorLimit: number;
  /** Spectator sockets cut off for falling behind (close 4008) since the station started. */
  spectatorsCutOff: number;
  /** Riders on the course (started: what spectators see, finished ones for a few seconds more). */
  onCourse: number;
  /** Riders in the start gate, not started yet (spectators do not see them). */
  atStart: number;
  /** The station's clock (ms since the epoch), to judge feed staleness from another machine. */
  serverNow: number;
  classes: PublicClass[];
  races: PublicRace[];
}

/**
 * A deleted event's kept copy (`GET /admin/deleted-events`): everything it held is stored and can
 * be restored (`POST /admin/deleted-events/:deletedId/restore`, optionally under a new id).
 */
export interface DeletedEvent {
  deletedId: number;
  eventId: string;
  mainTitle: string;
  /** Its status when it was deleted (it comes back in it). */
  status: EventStatus;
  resultRows: number;
  deletedAt: string;
  /** `ingest` = c123-server with the event's key; `operator` = the dashboard or the master key. */
  deletedBy: Actor;
}

export interface XmlImportSummary {
  imported: { classes: number; categories: number; races: number; participants: number; results: number; courses: number };
  changed: { structure: boolean; details: boolean; results: number; removed: number };
  timeUnit: string;
}

export interface ActivityEntry {
  id: number;
  at: string;
  eventId: string | null;
  level: 'info' | 'warn' | 'error';
  message: string;
}

export interface StationSettings {
  /** Interface to listen on. */
  host: string;
  /** Port to listen on; when taken, the next free one is used and reported. */
  port: number;
  /** Spectator sockets allowed per event before new ones get 503. */
  maxConnectionsPerEvent: number;
  /** Spectator sockets one client address may hold (all events together) before new ones get 503. */
  maxConnectionsPerAddress: number;
  /** Interval between WebSocket pings. */
  heartbeatMs: number;
  /** A socket that has not answered a ping within this time is terminated. */
  heartbeatTimeoutMs: number;
  /** After an event becomes official, its sockets are closed with 1000 after this grace. */
  officialGraceMs: number;
  /** Merge strategy given to new events. */
  defaultMergeStrategy: MergeStrategy;
}

/** An officials PIN: 6 to 12 digits (the station's settings schema and the dashboard's form). */
export const OFFICIALS_PIN_PATTERN = '^[0-9]{6,12}$';

/**
 * `PATCH /admin/settings`: the settings the dashboard may change while racing, with their limits
 * (the dashboard's form checks the same ones, read from here).
 */
export const settingsPatchSchema = {
  type: 'object',
  properties: {
    maxConnectionsPerEvent: { type: 'integer', minimum: 1, maximum: 100_000 },
    maxConnectionsPerAddress: { type: 'integer', minimum: 1, maximum: 100_000 },
    heartbeatMs: { type: 'integer', minimum: 1000, maximum: 600_000 },
    heartbeatTimeoutMs: { type: 'integer', minimum: 500, maximum: 600_000 },
    officialGraceMs: { type: 'integer', minimum: 0, maximum: 600_000 },
    defaultMergeStrategy: { type: 'string', enum: mergeStrategies },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    officialsPin: { type: ['string', 'null'], pattern: OFFICIALS_PIN_PATTERN },
  },
  additionalProperties: false,
} as const;

export type SettingsPatch = FromSchema<typeof settingsPatchSchema>;

const text = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;
const metaFields = {
  mainTitle: { type: 'string', minLength: 1, maxLength: 200 },
  subTitle: text(200),
  location: text(200),
  facility: text(200),
  startDate: text(40),
  endDate: text(40),
  discipline: text(40),
} as const;

/** `POST /admin/events` (c123-server's create, and the dashboard's). */
export const eventCreateSchema = {
  type: 'object',
  properties: {
    eventId: { type: 'string', pattern: EVENT_ID_PATTERN },
    ...metaFields,
    imageData: { type: ['string', 'null'], maxLength: 1_048_576 },
  },
  required: ['eventId', 'mainTitle'],
} as const;

export type CreateEventInput = FromSchema<typeof eventCreateSchema>;

/** `PATCH /admin/events/:eventId`: the event's details and its merge strategy. */
export const eventUpdateSchema = {
  type: 'object',
  properties: { ...metaFields, mergeStrategy: { type: 'string', enum: mergeStrategies } },
  additionalProperties: false,
} as const;

/** `PATCH /admin/events/:eventId/status`. */
export const statusChangeSchema = {
  type: 'object',
  properties: { status: { type: 'string', enum: eventStatuses } },
  required: ['status'],
} as const;

/** `PUT /admin/events/:eventId/races/:raceId/official`. */
export const raceOfficialSchema = {
  type: 'object',
  properties: { official: { type: 'boolean' } },
  required: ['official'],
} as const;

/** Restore under the event's own id, or under `eventId` when that one was taken again. */
export const restoreSchema = {
  type: 'object',
  properties: { eventId: { type: 'string', pattern: EVENT_ID_PATTERN } },
  additionalProperties: false,
} as const;

/**
 * What the station saw of people trying secrets (the dashboard's Settings page): wrong officials
 * PINs and lockouts, wrong operator tokens. Counts are since the station started; the details are
 * in the activity log.
 */
export interface SignInStatus {
  wrongPins: number;
  /** Addresses locked out of PIN sign-in now (too many wrong PINs), with the seconds left. */
  lockedAddresses: { address: string; secondsLeft: number }[];
  /** Seconds PIN sign-in stays paused for every address (the station-wide budget ran out), or 0. */
  pinPausedSeconds: number;
  wrongTokens: number;
  lastWrongToken: { address: string; at: string } | null;
}

/** The station process, measured by Node itself (the hardening suite and the bench read it). */
export interface StationProcess {
  pid: number;
  startedAt: string;
  /** Resident memory. */
  rssBytes: number;
  heapUsedBytes: number;
  /** Active handles and requests by type (`process.getActiveResourcesInfo()`). */
  resources: Record<string, number>;
}

export interface StationInfo {
  /** The station's URL on the LAN, one per address (spectators at `/`, officials at `/officials`). */
  lanUrls: string[];
  /**
   * False when the station listens only on a loopback address (e.g. `--host 127.0.0.1`): the LAN
   * URLs are shown but reach nothing, and the dashboard says so wherever it shows them.
   */
  listensOnLan: boolean;
  listeningPort: number;
  settings: StationSettings;
  officialsPinSet: boolean;
  /** A PIN kept from an older Raceside that has fewer than 6 digits: set a new one. */
  officialsPinShort: boolean;
  connections: Record<string, number>;
  signIn: SignInStatus;
  process: StationProcess;
  /** Publishing to Redis for relays (`--publish`), or null when the station does not publish. */
  publish: PublishStatus | null;
}

/** The Redis writer's state (outlets/redis/redis-writer.ts). */
export interface PublishStatus {
  /** The Redis URL, without its password. */
  url: string;
  connected: boolean;
  /** Connected, and everything committed so far is in Redis. */
  current: boolean;
  /** Live messages waiting for Redis (kept while it is down, at most `publishStreamLength` per event). */
  pendingMessages: number;
}

/** `GET /admin/connections`: live sockets per event, and the addresses holding the most. */
export interface ConnectionsInfo {
  connections: Record<string, number>;
  maxConnectionsPerEvent: number;
  maxConnectionsPerAddress: number;
  /** The client addresses holding the most spectator sockets, most first (at most 10). */
  topAddresses: { address: string; sockets: number }[];
}
