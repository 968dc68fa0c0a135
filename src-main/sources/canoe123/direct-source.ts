/**
 * One event's direct Canoe123 source: the TCP client (or, without an address, the wait for UDP
 * discovery to hear one) and the watched XML export, turned into the station's ordinary inputs.
 *
 * It is an adapter and nothing more (SPEC §7): every message becomes the input the ingest API
 * would produce — result rows, on-course rows, a status change — read by the domain's Canoe123
 * readers (domain/canoe123/tcp-*.ts) and handed to StationCore, which validates, decides,
 * commits and publishes as for a c123-server push. It never merges, ranks or diffs anything.
 *
 * What it adds for a live feed: messages that arrive before the event has its XML (the event's
 * structure) are kept — the latest Results per race and the latest Schedule — and applied once
 * an XML import lands, so nothing Canoe123 sent at connect is lost; its connection state and
 * counters for the dashboard; one activity-log line per change of trouble, not per retry.
 */
import type { StationCore } from '../../station-core.ts';
import { StationError } from '../../station-core.ts';
import type { Change } from '../../domain/decision.ts';
import type { TcpMessage } from '../../domain/canoe123/tcp-message.ts';
import type { TcpResults } from '../../domain/canoe123/tcp-results.ts';
import { resultInputsOf } from '../../domain/canoe123/tcp-results.ts';
import { onCourseInputOf } from '../../domain/canoe123/tcp-oncourse.ts';
import { statusFromSchedule, type TcpScheduleRace } from '../../domain/canoe123/tcp-schedule.ts';
import type { TcpRaceConfig } from '../../domain/canoe123/tcp-message.ts';
import type { ConnectionState, ConnectionStatus, SourceConfig, SourceProblem, XmlWatchStatus } from '../../wire/sources.ts';
import type { Settings } from '../../settings.ts';
import { Canoe123Client, type ClientProblem } from './tcp-client.ts';
import { MessageStats } from './message-stats.ts';
import { problemSentence } from './problem-text.ts';
import type { UdpDiscovery } from './udp-discovery.ts';
import { XmlFileWatcher } from './xml-file-watcher.ts';

const DAY_MS = 86_400_000;

export interface DirectSourceDeps {
  core: StationCore;
  eventId: string;
  config: SourceConfig;
  settings: Settings;
  discovery: UdpDiscovery;
  now(): number;
  /** The watched file's last import, from before a restart. */
  lastXml: { sha256: string | null; at: number | null };
  onXmlImported(sha256: string, at: number): void;
  /** For tests: the jitter's randomness. */
  random?: () => number;
}

export class DirectCanoe123Source {
  private readonly deps: DirectSourceDeps;
  private readonly config: SourceConfig;
  private client: Canoe123Client | null = null;
  private watcher: XmlFileWatcher | null = null;
  private readonly stats = new MessageStats();
  private state: ConnectionState = 'off';
  private since: number | null = null;
  private retryAt: number | null = null;
  private lastMessageAt: number | null = null;
  private venueClock: string | null = null;
  private venueClockAt: number | null = null;
  private raceConfig: TcpRaceConfig | null = null;
  private refused = 0;
  private frames = 0;
  private connectionProblem: SourceProblem | null = null;
  private lastLoggedCode: string | null = null;
  private delivering = false;
  private failedAttempts = 0;
  private readonly unknownTypes = new Set<string>();
  private readonly pendingResults = new Map<string, TcpResults>();
  /** Canoe123's clock (ms of the day) at its last TimeOfDay, and when each rider was last seen by it. */
  private venueMs: number | null = null;
  private readonly venueSeen = new Map<string, number>();
  private pendingSchedule: TcpScheduleRace[] | null = null;
  private xml: XmlWatchStatus | null = null;
  private readonly onHeard = (host: string) => this.connectTo(host);
  private readonly onChanged = (eventId: string, changes: readonly Change[]) => {
    if (eventId === this.deps.eventId && changes.some((c) => c.type === 'xmlReceived')) this.flushPending();
  };
  private stopped = false;

  constructor(deps: DirectSourceDeps) {
    this.deps = deps;
    this.config = deps.config;
  }

  get eventId(): string {
    return this.deps.eventId;
  }

  start(): void {
    const { config, core } = this.deps;
    core.on('changed', this.onChanged);
    if (config.kind === 'canoe123') {
      if (config.host) this.connectTo(config.host);
      else this.discover();
    }
    if (config.xmlPath) this.watchXml(config.xmlPath);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.deps.core.off('changed', this.onChanged);
    this.deps.discovery.off('heard', this.onHeard);
    this.client?.stop();
    this.client = null;
    await this.watcher?.stop();
    this.watcher = null;
    this.setState('off');
  }

  /** Closes the TCP connection for good, keeping the counters on show (a replay that ended). */
  stopConnection(): void {
    this.client?.stop();
    this.setState('off');
  }

  /** Canoe123 messages (frames) received since the source started. */
  get framesReceived(): number {
    return this.frames;
  }

  /** Reads the watched XML file now, whatever its mtime says. */
  checkXmlNow(): Promise<void> {
    return this.watcher?.checkNow() ?? Promise.resolve();
  }

  connectionStatus(): ConnectionStatus | null {
    if (this.config.kind !== 'canoe123') return null;
    const now = this.deps.now();
    return {
      state: this.state,
      address: this.client?.address ?? null,
      since: this.since,
      reconnects: this.client?.reconnects ?? 0,
      retryAt: this.state === 'waiting' ? this.retryAt : null,
      lastMessageAt: this.lastMessageAt,
      venueClock: this.venueClock,
      venueClockAt: this.venueClockAt,
      messages: this.stats.messages(),
      perSecond: this.stats.perSecond(now),
      bytes: this.stats.bytes,
      refused: this.refused,
      raceConfig: this.raceConfig ? { nrGates: this.raceConfig.nrGates, gateConfig: this.raceConfig.gateConfig } : null,
      problem: this.connectionProblem,
    };
  }

  xmlStatus(): XmlWatchStatus | null {
    return this.xml ? { ...this.xml } : null;
  }

  // ---- connection ------------------------------------------------------------------------------

  private discover(): void {
    const { discovery } = this.deps;
    const heard = discovery.heard()[0];
    if (heard) {
      this.connectTo(heard.host);
      return;
    }
    this.setState('discovering');
    this.connectionProblem = { code: 'noHost', subject: null, detail: discovery.error, at: this.deps.now() };
    discovery.on('heard', this.onHeard);
    discovery.start();
  }

  private connectTo(host: string): void {
    if (this.stopped || this.client) return;
    this.deps.discovery.off('heard', this.onHeard);
    if (this.connectionProblem?.code === 'noHost') this.connectionProblem = null;
    const s = this.deps.settings;
    const client = new Canoe123Client({
      host,
      port: this.config.port,
      initialDelayMs: s.canoe123ReconnectMs,
      maxDelayMs: s.canoe123ReconnectMaxMs,
      silentAfterMs: s.canoe123SilentMs,
      connectTimeoutMs: s.canoe123ConnectTimeoutMs,
      maxMessageBytes: s.canoe123MaxMessageBytes,
      random: this.deps.random,
    });
    this.client = client;
    client.on('state', (state) => {
      if (state === 'stopped') return;
      if (state === 'connecting' || state === 'connected' || state === 'waiting') this.setState(state);
    });
    client.on('retry', (delay) => {
      this.retryAt = this.deps.now() + delay;
    });
    client.on('problem', (p) => this.onProblem(client, p));
    client.on('message', (messages, bytes) => this.onMessages(client, messages, bytes));
    client.start();
  }

  private onProblem(client: Canoe123Client, p: ClientProblem): void {
    this.delivering = false;
    this.failedAttempts++;
    const problem: SourceProblem = { code: p.code, subject: client.address, detail: p.detail, at: this.deps.now() };
    this.connectionProblem = problem;
    // One line per kind of trouble, not one per retry (a dead Canoe123 is retried every 30 s).
    if (this.lastLoggedCode !== p.code) {
      this.lastLoggedCode = p.code;
      this.deps.core.activity.add(this.deps.eventId, 'warn', `${problemSentence(problem)}; reconnecting with back-off`);
    }
  }

  private onMessages(client: Canoe123Client, messages: TcpMessage[], bytes: number): void {
    const now = this.deps.now();
    if (!this.delivering) {
      this.delivering = true;
      const again = this.failedAttempts > 0;
      if (this.connectionProblem?.code !== 'refusedByState') this.connectionProblem = null;
      this.lastLoggedCode = null;
      this.deps.core.activity.add(
        this.deps.eventId,
        'info',
        again
          ? `Canoe123 at ${client.address}: connected again after ${this.failedAttempts} failed attempt${this.failedAttempts === 1 ? '' : 's'}`
          : `Canoe123 at ${client.address}: connected, reading the timing`,
      );
      this.failedAttempts = 0;
    }
    this.lastMessageAt = now;
    this.frames++;
    this.stats.bytes += bytes;
    for (const m of messages) {
      this.stats.count(m.type, now);
      try {
        this.apply(m, now, client.address);
      } catch (err) {
        this.onApplyError(err);
      }
    }
  }

  /** One message into the station's ordinary inputs. */
  private apply(m: TcpMessage, now: number, address: string): void {
    const { core, eventId } = this.deps;
    const state = core.get(eventId);
    if (!state) return;
    switch (m.type) {
      case 'TimeOfDay':
        this.venueClock = m.data.time;
        this.venueClockAt = now;
        this.venueTick(m.data.time);
        return;
      case 'RaceConfig':
        this.raceConfig = m.data;
        return;
      case 'TVS':
        return;
      case 'unknown':
        if (!this.unknownTypes.has(m.name)) {
          this.unknownTypes.add(m.name);
          core.activity.add(eventId, 'info', `Canoe123 at ${address} sent a <${m.name}> message, which Raceside does not read; ignored`);
        }
        return;
      case 'Schedule':
        if (!state.hasXml) {
          this.pendingSchedule = m.data;
          return;
        }
        this.applySchedule(m.data);
        return;
      case 'Results':
        if (!state.hasXml) {
          this.pendingResults.set(m.data.raceId, m.data);
          return;
        }
        this.applyResults(m.data);
        return;
      case 'OnCourse': {
        const input = onCourseInputOf(state, m.data);
        if (!input) return;
        const result = core.ingestOnCourse(eventId, [input], 'canoe123');
        this.accepted(result);
        if (!result.ignored && this.venueMs !== null) this.venueSeen.set(`${input.raceId}|${input.bib}`, this.venueMs);
        return;
      }
    }
  }

  /**
   * A rider leaves the course 10 s after Canoe123 last sent them, by Canoe123's clock: the same
   * 10 s as the station's clock live, and still 10 s of racing in a replay played faster.
   */
  private venueTick(time: string): void {
    const m = /^(\d{1,2}):(\d{2}):(\d{2})/.exec(time);
    if (!m) return;
    this.venueMs = ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
    const { core, eventId, settings } = this.deps;
    const state = core.get(eventId);
    if (!state) return;
    const gone: string[] = [];
    for (const [key, seen] of this.venueSeen) {
      if (!state.onCourse.has(key)) this.venueSeen.delete(key);
      else if ((this.venueMs - seen + DAY_MS) % DAY_MS >= settings.onCourseTtlMs) {
        this.venueSeen.delete(key);
        gone.push(key);
      }
    }
    if (gone.length > 0) core.leaveOnCourse(eventId, gone);
  }

  private applySchedule(races: TcpScheduleRace[]): void {
    const { core, eventId } = this.deps;
    const state = core.get(eventId);
    if (!state) return;
    const target = statusFromSchedule(state.status, races);
    if (target) core.changeStatus(eventId, target, 'canoe123');
  }

  private applyResults(results: TcpResults): void {
    const { core, eventId } = this.deps;
    const state = core.get(eventId);
    if (!state) return;
    const rows = resultInputsOf(state, results);
    if (rows.length > 0) this.accepted(core.ingestResults(eventId, rows, 'canoe123'));
  }

  /** What arrived before the event had its XML, applied now that it has (schedule first). */
  private flushPending(): void {
    const schedule = this.pendingSchedule;
    const results = [...this.pendingResults.values()];
    this.pendingSchedule = null;
    this.pendingResults.clear();
    try {
      if (schedule) this.applySchedule(schedule);
    } catch (err) {
      this.onApplyError(err);
    }
    for (const r of results) {
      try {
        this.applyResults(r);
      } catch (err) {
        this.onApplyError(err);
      }
    }
  }

  private accepted(result: { ignored?: true }): void {
    if (result.ignored) return;
    if (this.connectionProblem?.code === 'refusedByState') this.connectionProblem = null;
  }

  private onApplyError(err: unknown): void {
    const { core, eventId } = this.deps;
    if (err instanceof StationError && (err.code === 'Forbidden' || err.code === 'InvalidTransition')) {
      // The event's state does not take this (the core has logged it, rate-limited).
      this.refused++;
      this.connectionProblem = { code: 'refusedByState', subject: null, detail: err.message, at: this.deps.now() };
      return;
    }
    if (err instanceof StationError && err.code === 'NotFound') return; // the event was just deleted
    core.activity.refused(`${eventId}|canoe123|apply`, eventId, `A Canoe123 message could not be applied: ${(err as Error).message}`, this.deps.now());
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.since = this.deps.now();
  }

  // ---- the XML file ----------------------------------------------------------------------------

  private watchXml(path: string): void {
    const { core, eventId, settings, now } = this.deps;
    this.xml = { path, state: 'watching', lastImportAt: this.deps.lastXml.at, lastImport: null, identicalSkipped: 0, problem: null };
    const watcher = new XmlFileWatcher({
      path,
      debounceMs: settings.xmlWatchDebounceMs,
      pollMs: settings.xmlWatchPollMs,
      retryMs: settings.xmlWatchRetryMs,
      retries: settings.xmlWatchRetries,
      lastSha256: this.deps.lastXml.sha256,
      now,
      importXml: async (xml) => {
        const summary = await core.ingestXml(eventId, xml, 'canoe123', 'canoe123');
        return {
          races: summary.imported.races,
          results: summary.imported.results,
          changedRows: summary.changed.results + summary.changed.removed,
          structure: summary.changed.structure,
        };
      },
    });
    watcher.on('state', (state) => {
      if (this.xml) this.xml.state = state;
    });
    watcher.on('imported', ({ sha256, at, summary }) => {
      if (!this.xml) return;
      this.xml.lastImportAt = at;
      this.xml.lastImport = summary;
      this.deps.onXmlImported(sha256, at);
    });
    watcher.on('skipped', () => {
      if (this.xml) this.xml.identicalSkipped++;
    });
    watcher.on('problem', (p) => {
      if (!this.xml) return;
      const before = this.xml.problem?.code ?? null;
      this.xml.problem = p ? { code: p.code, subject: path, detail: p.detail, at: now() } : null;
      if (p && p.code !== before && p.code !== 'xmlCutOff') core.activity.add(eventId, 'warn', problemSentence(this.xml.problem!));
    });
    this.watcher = watcher;
    watcher.start();
  }
}
