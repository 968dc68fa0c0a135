/**
 * Each event's timing source, as the operator chose it on the dashboard: c123-server pushing to
 * the ingest API (the default, unchanged), the station reading Canoe123 directly (TCP + the
 * watched XML export), or XML only (imported by hand, or a watched file). The choice is stored
 * (store/source-store.ts) and comes back after a restart; this module starts and stops the
 * running source to match, and answers the dashboard's status question.
 *
 * It owns the choice and the running sources' lifetimes. Reading Canoe123 is direct-source.ts's;
 * deciding what data does is the core's. A replay's source is marked as such: its fake Canoe123
 * ends with the station, so after a restart it is shown but not reconnected. The Canoe123 code is
 * loaded on first use: a station fed by c123-server starts as fast as before.
 */
import type { StationCore } from '../station-core.ts';
import type { Change } from '../domain/decision.ts';
import type { Settings } from '../settings.ts';
import type { SourceStore, StoredSource } from '../store/source-store.ts';
import { CANOE123_PORT, type ReplayStatus, type SourceConfig, type SourceConfigInput, type SourceKind, type TimingSourceStatus } from '../wire/sources.ts';
import type { DirectCanoe123Source } from './canoe123/direct-source.ts';
import type { UdpDiscovery } from './canoe123/udp-discovery.ts';

export interface TimingSourcesDeps {
  core: StationCore;
  store: SourceStore;
  settings: Settings;
  now(): number;
  random?: () => number;
}

const defaultConfig: SourceConfig = { kind: 'c123-server', host: null, port: CANOE123_PORT, xmlPath: null };

export class TimingSources {
  private readonly deps: TimingSourcesDeps;
  private readonly stored = new Map<string, StoredSource>();
  private readonly running = new Map<string, DirectCanoe123Source>();
  private readonly replays = new Map<string, { status(): ReplayStatus; stop(): Promise<void> }>();
  private discovery: UdpDiscovery | null = null;
  /** The latest start or stop of each event's source, so they happen in the order asked. */
  private readonly switching = new Map<string, Promise<void>>();
  private readonly onChanged = (eventId: string, changes: readonly Change[]) => {
    if (changes.some((c) => c.type === 'eventDeleted')) void this.forget(eventId);
    // A deleted event restored under its own id brings its timing source back (store.restoreDeleted).
    else if (changes.some((c) => c.type === 'eventCreated')) void this.restored(eventId);
  };

  constructor(deps: TimingSourcesDeps) {
    this.deps = deps;
    for (const s of deps.store.loadAll()) this.stored.set(s.eventId, s);
    deps.core.setSourceOf((id) => this.kindOf(id));
    deps.core.on('changed', this.onChanged);
  }

  /** Starts every stored source that reads something (a replay's is left off: its Canoe123 is gone). */
  async startAll(): Promise<void> {
    for (const s of [...this.stored.values()]) {
      if (!this.deps.core.get(s.eventId)) continue;
      if (s.replay) continue;
      await this.serially(s.eventId, () => this.run(s));
    }
  }

  kindOf(eventId: string): SourceKind {
    return this.stored.get(eventId)?.config.kind ?? 'c123-server';
  }

  configOf(eventId: string): SourceConfig {
    return this.stored.get(eventId)?.config ?? defaultConfig;
  }

  /** Sets an event's source (the dashboard's choice): stored first, then the running source follows. */
  set(eventId: string, input: SourceConfigInput, replay = false): Promise<SourceConfig> {
    return this.serially(eventId, () => this.change(eventId, input, replay));
  }

  private async change(eventId: string, input: SourceConfigInput, replay: boolean): Promise<SourceConfig> {
    this.deps.core.existing(eventId);
    const before = this.configOf(eventId);
    const address = input.host === undefined ? null : splitAddress(input.host);
    const config: SourceConfig = {
      kind: input.kind,
      host: address === null ? before.host : address.host,
      port: address?.port ?? input.port ?? before.port,
      xmlPath: input.xmlPath === undefined ? before.xmlPath : input.xmlPath?.trim() || null,
    };
    await this.stopRunning(eventId);
    if (!replay) await this.stopReplay(eventId);
    this.deps.store.put(eventId, config, replay, new Date(this.deps.now()).toISOString());
    const stored = this.deps.store.loadAll().find((s) => s.eventId === eventId)!;
    this.stored.set(eventId, stored);
    await this.run(stored);
    if (JSON.stringify(before) !== JSON.stringify(config)) {
      this.deps.core.activity.add(eventId, 'info', `Timing source: ${describe(config)}${replay ? ' (replay)' : ''}`);
    }
    return config;
  }

  status(eventId: string): TimingSourceStatus {
    const config = this.configOf(eventId);
    const source = this.running.get(eventId);
    return {
      eventId,
      config,
      connection: source?.connectionStatus() ?? null,
      xml:
        source?.xmlStatus() ??
        (config.xmlPath
          ? {
              path: config.xmlPath,
              state: 'off',
              lastImportAt: this.stored.get(eventId)?.xmlImportedAt ?? null,
              lastImport: null,
              identicalSkipped: 0,
              problem: null,
            }
          : null),
      discovered: this.discovery?.heard() ?? [],
      replay: this.replays.get(eventId)?.status() ?? null,
      replayEnded: (this.stored.get(eventId)?.replay ?? false) && !this.replays.has(eventId),
      serverNow: this.deps.now(),
    };
  }

  /** The running source of an event (tests, the replay). */
  sourceOf(eventId: string): DirectCanoe123Source | undefined {
    return this.running.get(eventId);
  }

  /** A replay registers itself so the dashboard can show and stop it. */
  attachReplay(eventId: string, replay: { status(): ReplayStatus; stop(): Promise<void> }): void {
    this.replays.set(eventId, replay);
  }

  /**
   * A replay's recording ended: once the client has read everything the fake Canoe123 sent (or
   * after 2 s), its connection is closed for good; the counters stay on show.
   */
  async endReplay(eventId: string, sent: number): Promise<void> {
    const source = this.running.get(eventId);
    if (!source) return;
    const until = this.deps.now() + 2000;
    while (source.framesReceived < sent && this.deps.now() < until) await new Promise((r) => setTimeout(r, 20));
    source.stopConnection();
  }

  /** Stops a replay; the source it fed stops connecting to the stand-in that is gone. */
  async stopReplay(eventId: string): Promise<void> {
    const replay = this.replays.get(eventId);
    if (!replay) return;
    this.replays.delete(eventId);
    await replay.stop();
    if (this.stored.get(eventId)?.replay) this.running.get(eventId)?.stopConnection();
  }

  private closed = false;

  async close(): Promise<void> {
    this.closed = true;
    this.deps.core.off('changed', this.onChanged);
    await Promise.all([...this.switching.values()]);
    for (const id of [...this.replays.keys()]) await this.stopReplay(id);
    for (const id of [...this.running.keys()]) await this.stopRunning(id);
    this.discovery?.stop();
  }

  private async run(s: StoredSource): Promise<void> {
    const { kind, xmlPath } = s.config;
    if (kind === 'c123-server' || (kind === 'manual' && !xmlPath)) return;
    const [{ DirectCanoe123Source }, { UdpDiscovery }] = await Promise.all([import('./canoe123/direct-source.ts'), import('./canoe123/udp-discovery.ts')]);
    this.discovery ??= new UdpDiscovery(this.deps.settings.canoe123UdpPort, this.deps.now);
    if (!this.deps.core.get(s.eventId) || this.closed) return;
    const source = new DirectCanoe123Source({
      core: this.deps.core,
      eventId: s.eventId,
      config: s.config,
      settings: this.deps.settings,
      discovery: this.discovery,
      now: this.deps.now,
      random: this.deps.random,
      lastXml: { sha256: s.xmlSha256, at: s.xmlImportedAt },
      onXmlImported: (sha256, at) => {
        this.deps.store.xmlImported(s.eventId, sha256, at);
        const current = this.stored.get(s.eventId);
        if (current) this.stored.set(s.eventId, { ...current, xmlSha256: sha256, xmlImportedAt: at });
      },
    });
    this.running.set(s.eventId, source);
    source.start();
  }

  private async stopRunning(eventId: string): Promise<void> {
    const source = this.running.get(eventId);
    this.running.delete(eventId);
    await source?.stop();
    if (![...this.running.values()].some((r) => r.connectionStatus()?.state === 'discovering')) this.discovery?.stop();
  }

  private forget(eventId: string): Promise<void> {
    return this.serially(eventId, async () => {
      this.stored.delete(eventId);
      await this.stopReplay(eventId);
      await this.stopRunning(eventId);
    });
  }

  private restored(eventId: string): Promise<void> {
    return this.serially(eventId, async () => {
      const s = this.deps.store.loadAll().find((x) => x.eventId === eventId);
      if (!s || this.stored.has(eventId)) return;
      this.stored.set(eventId, s);
      if (!s.replay) await this.run(s);
    });
  }

  /** Runs an event's source changes one after another, in the order asked (two quick saves never leave two sources running). */
  private serially<T>(eventId: string, work: () => Promise<T>): Promise<T> {
    const before = this.switching.get(eventId) ?? Promise.resolve();
    const result = before.then(work);
    const settled = result.then(
      () => {},
      () => {},
    );
    this.switching.set(eventId, settled);
    void settled.then(() => {
      if (this.switching.get(eventId) === settled) this.switching.delete(eventId);
    });
    return result;
  }
}

/** "192.168.1.20", or "192.168.1.20:27333" as an operator may paste it (the port then wins); blank = none. */
function splitAddress(text: string | null): { host: string | null; port: number | null } {
  const t = text?.trim() ?? '';
  if (t === '') return { host: null, port: null };
  const m = /^([^:\s]+):(\d{1,5})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 65535) return { host: m[1], port: Number(m[2]) };
  return { host: t.replace(/^\[(.*)\]$/, '$1'), port: null };
}

function describe(c: SourceConfig): string {
  const xml = c.xmlPath ? `, XML file ${c.xmlPath}` : '';
  if (c.kind === 'c123-server') return 'c123-server pushes to this station';
  if (c.kind === 'manual') return `XML only${xml}`;
  return `Canoe123 directly at ${c.host ? `${c.host}:${c.port}` : `the address heard on UDP ${c.port}`}${xml}`;
}
