/**
 * The shapes of an event's timing source on the admin API (http/source-routes.ts): which source
 * the operator chose and how it is doing, for the dashboard's "Timing source" panel. Types and
 * constants only; written once here for the station and the renderer.
 */

/** c123-server pushes to the ingest API · the station reads Canoe123 itself · XML imported by hand only. */
export const sourceKinds = ['c123-server', 'canoe123', 'manual'] as const;
export type SourceKind = (typeof sourceKinds)[number];

/** Canoe123's TCP and UDP port. */
export const CANOE123_PORT = 27333;

/** What the operator set for an event (stored; survives restarts). */
export interface SourceConfig {
  kind: SourceKind;
  /** Canoe123's address; null = find it by listening for its UDP broadcasts. */
  host: string | null;
  port: number;
  /** Canoe123's XML export file, watched and imported on change; null = none. */
  xmlPath: string | null;
}

/**
 * Why a source is failing, as a code the dashboard turns into a sentence in its language
 * (the activity log gets the English one from the station).
 */
export type SourceProblemCode =
  | 'refused' // Canoe123 refused the connection
  | 'unreachable' // no answer: wrong address or network
  | 'unknownHost' // the name does not resolve
  | 'closed' // Canoe123 closed the connection
  | 'reset' // the connection broke (mid-message: the unfinished message was dropped)
  | 'silent' // connected, but no TimeOfDay for `detail` seconds (5 by default)
  | 'tooLarge' // a fragment past the limit without a `|`
  | 'garbage' // bytes that are not a Canoe123 message
  | 'failed' // another socket error
  | 'refusedByState' // the event's state does not take live data (e.g. draft)
  | 'xmlMissing' // the XML file is not there
  | 'xmlUnreadable' // the XML file could not be read or is not an export
  | 'xmlCutOff' // the XML file was caught mid-write; retrying
  | 'noHost'; // no address set and none heard on the network yet

export interface SourceProblem {
  code: SourceProblemCode;
  /** The address, path or detail the sentence names. */
  subject: string | null;
  detail: string | null;
  /** The station's clock (ms since the epoch). */
  at: number;
}

export type ConnectionState = 'off' | 'discovering' | 'connecting' | 'connected' | 'waiting';

/** Canoe123's TCP message types, in the order the dashboard lists them. */
export const canoe123MessageTypes = ['OnCourse', 'Results', 'TimeOfDay', 'Schedule', 'RaceConfig', 'TVS', 'unknown'] as const;
export type Canoe123MessageType = (typeof canoe123MessageTypes)[number];

export interface ConnectionStatus {
  state: ConnectionState;
  /** host:port connected or being tried; null while discovering. */
  address: string | null;
  /** When the state last changed (station clock, ms). */
  since: number | null;
  reconnects: number;
  /** When the next attempt is due while `waiting`. */
  retryAt: number | null;
  lastMessageAt: number | null;
  /** Canoe123's own clock from its last TimeOfDay (HH:MM:SS), and when it came. */
  venueClock: string | null;
  venueClockAt: number | null;
  /** Messages received since the source started, by type. */
  messages: Record<Canoe123MessageType, number>;
  /** Messages per second by type over the last 10 s. */
  perSecond: Record<Canoe123MessageType, number>;
  bytes: number;
  /** Messages the station could not apply (the event's state refused them). */
  refused: number;
  /** Canoe123's gate count for the race on course (RaceConfig). */
  raceConfig: { nrGates: number | null; gateConfig: string } | null;
  problem: SourceProblem | null;
}

export interface XmlWatchStatus {
  path: string | null;
  state: 'off' | 'watching' | 'importing';
  lastImportAt: number | null;
  /** Result rows and races the last import changed. */
  lastImport: { races: number; results: number; changedRows: number; structure: boolean } | null;
  /** Saves seen that were identical to the last import (skipped). */
  identicalSkipped: number;
  problem: SourceProblem | null;
}

export interface ReplayStatus {
  recording: string;
  speed: number;
  sent: number;
  total: number;
  finished: boolean;
}

export interface TimingSourceStatus {
  eventId: string;
  config: SourceConfig;
  connection: ConnectionStatus | null;
  xml: XmlWatchStatus | null;
  /** Canoe123 PCs heard broadcasting on UDP 27333 (address → when last heard). */
  discovered: { host: string; at: number }[];
  replay: ReplayStatus | null;
  /** The source was set by a replay that is no longer running (its fake Canoe123 is gone). */
  replayEnded: boolean;
  serverNow: number;
}

export interface SourceConfigInput {
  kind: SourceKind;
  host?: string | null;
  port?: number;
  xmlPath?: string | null;
}
