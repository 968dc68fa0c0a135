/**
 * The shapes of the admin API (http/admin-routes.ts, http/station-routes.ts): what the operator
 * dashboard and the officials page read and send. Written once here for the station and the
 * renderer alike. Types (and the PIN pattern both sides check): the admin answers carry API keys
 * and are never public.
 */
import type { EventStatus, MergeStrategy, PublicClass, PublicRace } from './api.ts';

/** Who did something: the answer to "by whom" in the lifecycle history and the activity log. */
export type Actor = 'operator' | 'official' | 'ingest' | 'system';

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

export type FeedChannel = 'xml' | 'results' | 'oncourse';

export interface FeedHealth {
  /** When the channel last delivered (ms since the epoch, the station's clock), or null. */
  lastAt: number | null;
  count: number;
  perMinute: number;
  errors: number;
  lastError: string | null;
  lastErrorAt: number | null;
}

export interface AdminEventDetail {
  event: AdminEvent;
  history: StatusChange[];
  validNextStates: EventStatus[];
  officialRaces: { raceId: string; at: string; by: Actor }[];
  feeds: Record<FeedChannel, FeedHealth>;
  spectators: number;
  /** The event's room size (the station's `maxConnectionsPerEvent`). */
  spectatorLimit: number;
  /** Spectator sockets cut off for falling behind (close 4008) since the station started. */
  spectatorsCutOff: number;
  onCourse: number;
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

export interface CreateEventInput {
  eventId: string;
  mainTitle: string;
  subTitle?: string | null;
  location?: string | null;
  facility?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  discipline?: string | null;
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
  lanUrls: string[];
  listeningPort: number;
  settings: StationSettings;
  officialsPinSet: boolean;
  /** A PIN kept from an older Raceside that has fewer than 6 digits: set a new one. */
  officialsPinShort: boolean;
  connections: Record<string, number>;
  signIn: SignInStatus;
  process: StationProcess;
}

/** `GET /admin/connections`: live sockets per event, and the addresses holding the most. */
export interface ConnectionsInfo {
  connections: Record<string, number>;
  maxConnectionsPerEvent: number;
  maxConnectionsPerAddress: number;
  /** The client addresses holding the most spectator sockets, most first (at most 10). */
  topAddresses: { address: string; sockets: number }[];
}

export type SettingsPatch = Partial<Omit<StationSettings, 'host'>> & { officialsPin?: string | null };
