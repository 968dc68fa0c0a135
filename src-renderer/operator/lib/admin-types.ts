/**
 * The shapes of the station's admin answers as the dashboard reads them (src-main/http/
 * admin-routes.ts and station-routes.ts). The public shapes come from @wire/api.ts; these admin
 * ones are not in wire/ yet, so they are written here once, for the operator and officials pages
 * only. Types only: nothing here runs.
 */
import type { EventStatus, MergeStrategy } from '@wire/api.ts';

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
  onCourse: number;
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
  timeUnit?: string;
}

export interface ActivityEntry {
  id: number;
  at: string;
  eventId: string | null;
  level: 'info' | 'warn' | 'error';
  message: string;
}

export interface StationSettings {
  host: string;
  port: number;
  maxConnectionsPerEvent: number;
  heartbeatMs: number;
  heartbeatTimeoutMs: number;
  officialGraceMs: number;
  defaultMergeStrategy: MergeStrategy;
}

export interface StationInfo {
  lanUrls: string[];
  settings: StationSettings;
  officialsPinSet: boolean;
  connections: Record<string, number>;
}

export type SettingsPatch = Partial<Omit<StationSettings, 'host'>> & { officialsPin?: string | null };
