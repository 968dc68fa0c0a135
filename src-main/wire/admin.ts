/**
 * The shapes of the admin API (http/admin-routes.ts, http/station-routes.ts): what the operator
 * dashboard and the officials page read and send. Written once here for the station and the
 * renderer alike. Types only: the admin answers carry API keys and are never public.
 */
import type { EventStatus, MergeStrategy, PublicClass, PublicRace } from './api.ts';

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
  /** Spectator sockets cut off for falling behind (close 4008) since the station started. */
  spectatorsCutOff: number;
  onCourse: number;
  /** The station's clock (ms since the epoch), to judge feed staleness from another machine. */
  serverNow: number;
  classes: PublicClass[];
  races: PublicRace[];
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
  /** Interval between WebSocket pings. */
  heartbeatMs: number;
  /** A socket that has not answered a ping within this time is terminated. */
  heartbeatTimeoutMs: number;
  /** After an event becomes official, its sockets are closed with 1000 after this grace. */
  officialGraceMs: number;
  /** Merge strategy given to new events. */
  defaultMergeStrategy: MergeStrategy;
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
  connections: Record<string, number>;
  process: StationProcess;
}

export type SettingsPatch = Partial<Omit<StationSettings, 'host'>> & { officialsPin?: string | null };
