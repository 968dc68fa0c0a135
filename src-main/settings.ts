/**
 * Station settings: one object of defaults, documented field by field. The CLI and environment
 * (cli.ts) and the dashboard spread their values over it. Every default number (room size,
 * per-address cap, heartbeat, grace, limits) lives here and nowhere else.
 */
import type { StationSettings } from './wire/admin.ts';

/**
 * The settings the dashboard shows and changes (wire/admin.ts `StationSettings`: host [0.0.0.0],
 * port [4800, next free one if taken], maxConnectionsPerEvent [5 000: what the station measurably
 * holds on a modest laptop, README "Benchmarks"], maxConnectionsPerAddress [32: one phone opens one
 * socket per event page, so 32 leaves room for a family on one phone and a few tabs, while one
 * device or script cannot take every slot], heartbeatMs [30 000], heartbeatTimeoutMs [10 000],
 * officialGraceMs [5 000], defaultMergeStrategy [xml-structure-live-results]) plus the
 * station-internal ones below.
 */
export interface Settings extends StationSettings {
  /** A socket whose unsent buffer passes this many bytes is closed with 4008 [1 MiB]. */
  maxSocketBufferBytes: number;
  /** On-course riders not seen for this long are dropped [10 000 ms]. */
  onCourseTtlMs: number;
  /**
   * No on-course push for this long is an outage [60 000 ms]: c123-server pushes at least once a
   * second while Canoe123 runs, so a minute of silence means it or the station was down, and the
   * next snapshot with riders is checked for riders left over from before (domain/live-ingest.ts).
   */
  onCourseOutageMs: number;
  /**
   * Public REST requests one client address may make per 10 s: `publicRequestsPer10s` [600], or
   * `publicRequestsPerSocketPer10s` [20] for each WebSocket the address may hold
   * (maxConnectionsPerAddress), whichever is more. A phone makes about 5 requests opening an event
   * and about 3 every 15 s while it polls, so 600 carries about 200 phones arriving within 10 s
   * behind one NAT'd access point; a venue that raises the per-address socket cap for its NAT
   * raises this budget with it. Ingest and admin routes are never limited by it.
   */
  publicRequestsPer10s: number;
  publicRequestsPerSocketPer10s: number;
  /** Largest accepted request body; an XML export is ~3 MB [16 MiB]. */
  bodyLimitBytes: number;
  /** Largest accepted body on the non-XML routes [1 MiB]. */
  jsonBodyLimitBytes: number;
  /** Wrong officials-PIN attempts allowed per client per window [5 per 60 000 ms]. */
  pinAttempts: number;
  pinWindowMs: number;
  /** Direct Canoe123 source: first reconnect delay, doubling up to the max, ±20 % jitter [1 000 → 30 000 ms]. */
  canoe123ReconnectMs: number;
  canoe123ReconnectMaxMs: number;
  /** A connection with no TimeOfDay (Canoe123 sends one a second) for this long is dead [5 000 ms]. */
  canoe123SilentMs: number;
  /** A connection attempt without an answer for this long fails [5 000 ms]. */
  canoe123ConnectTimeoutMs: number;
  /** Largest message accepted without its `|`; past it the stream is not Canoe123's [4 MiB]. */
  canoe123MaxMessageBytes: number;
  /** UDP port on which Canoe123 broadcasts, listened to find its address [27333]. */
  canoe123UdpPort: number;
  /** Watched XML export: wait after the last change [500 ms], poll [2 000 ms], retry a copy caught mid-write [1 000 ms, 5 times]. */
  xmlWatchDebounceMs: number;
  xmlWatchPollMs: number;
  xmlWatchRetryMs: number;
  xmlWatchRetries: number;
  /**
   * Wrong officials-PIN attempts allowed from all clients together per window [10]: against a
   * 6-digit PIN that is at most 14,400 guesses a day, whatever the number of addresses.
   */
  pinStationAttempts: number;
  /**
   * Venue screens' control sockets (issue 15) allowed from one address [8] and in all [64]. Screens
   * are counted apart from phones: a venue Wi-Fi full of phones never locks the big screen out,
   * and a script calling itself a screen can take screen slots only, never a phone's.
   */
  maxScreensPerAddress: number;
  maxScreens: number;
  /** Uplink: per-request timeout for results, on-course and status [10 000 ms, as c123-server]. */
  uplinkTimeoutMs: number;
  /** Uplink: per-request timeout for an XML export (~3 MB over a venue's 4G) [60 000 ms]. */
  uplinkXmlTimeoutMs: number;
  /**
   * Uplink retries: the first after about `uplinkRetryBaseMs` [500 ms], doubling per failure up to
   * `uplinkRetryMaxMs` [5 000 ms], each with jitter (a wait between half and all of it). The cap is
   * short so a recovered connection is found within seconds; `Retry-After` may ask for longer.
   */
  uplinkRetryBaseMs: number;
  uplinkRetryMaxMs: number;
  /** Uplink: at most one on-course snapshot per this long (the latest one wins) [500 ms]. */
  uplinkOnCourseIntervalMs: number;
  /** Uplink: result rows per request [500, ~100–200 KB, under c123-live-mini's 1 MiB limit]. */
  uplinkBatchRows: number;
  /**
   * Publishing to Redis (`--publish`): entries kept per event stream [1 000, about 12 minutes of a
   * busy race: a relay that was away for less resumes message by message, one away longer reloads],
   * and the most unsent messages kept per event while Redis is down.
   */
  publishStreamLength: number;
  /** The station log (raceside.log in the data folder) is rotated near this size [5 MiB]… */
  logFileBytes: number;
  /** …and this many rotated files are kept beside it [4]: at most ~25 MB of log. */
  logFilesKept: number;
}

export const defaultSettings: Settings = {
  host: '0.0.0.0',
  port: 4800,
  maxConnectionsPerEvent: 5000,
  maxConnectionsPerAddress: 32,
  heartbeatMs: 30_000,
  heartbeatTimeoutMs: 10_000,
  officialGraceMs: 5_000,
  maxSocketBufferBytes: 1024 * 1024,
  onCourseTtlMs: 10_000,
  onCourseOutageMs: 60_000,
  publicRequestsPer10s: 600,
  publicRequestsPerSocketPer10s: 20,
  bodyLimitBytes: 16 * 1024 * 1024,
  jsonBodyLimitBytes: 1024 * 1024,
  defaultMergeStrategy: 'xml-structure-live-results',
  pinAttempts: 5,
  pinWindowMs: 60_000,
  canoe123ReconnectMs: 1_000,
  canoe123ReconnectMaxMs: 30_000,
  canoe123SilentMs: 5_000,
  canoe123ConnectTimeoutMs: 5_000,
  canoe123MaxMessageBytes: 4 * 1024 * 1024,
  canoe123UdpPort: 27333,
  xmlWatchDebounceMs: 500,
  xmlWatchPollMs: 2_000,
  xmlWatchRetryMs: 1_000,
  xmlWatchRetries: 5,
  pinStationAttempts: 10,
  uplinkTimeoutMs: 10_000,
  uplinkXmlTimeoutMs: 60_000,
  uplinkRetryBaseMs: 500,
  uplinkRetryMaxMs: 5_000,
  uplinkOnCourseIntervalMs: 500,
  uplinkBatchRows: 500,
  publishStreamLength: 1000,
  logFileBytes: 5 * 1024 * 1024,
  logFilesKept: 4,
  maxScreensPerAddress: 8,
  maxScreens: 64,
};

/** The venue screens' defaults: in wire/screens.ts, as the screens' pages start from them too. */
export { defaultScreenSettings } from './wire/screens.ts';

export function resolveSettings(overrides: Partial<Settings> = {}): Settings {
  const merged = { ...defaultSettings };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}
