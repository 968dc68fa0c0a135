/**
 * Starts a station: prepares and locks the data folder, opens the store and the station log,
 * loads the events, builds the HTTP app and the spectator hub, and listens. This is what the
 * headless CLI and the Electron shell both call; it never imports `electron`. If the port is
 * taken, the next free one is used (and reported in `port`).
 *
 * What can stop it from starting is a StartupError worded for the operator (data-folder.ts): a
 * data folder that cannot be created or written, one held by another station, a database from a
 * newer Raceside, no free port. Whatever was opened before the failure is closed again.
 */
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from './store/database.ts';
import { StartupError, describeHolder, prepareDataFolder, readLockInfo, removeLockInfo, writeLockInfo, type LockInfo } from './store/data-folder.ts';
import { EventStore } from './store/event-store.ts';
import { resolveSettings, type Settings } from './settings.ts';
import { StationCore, type Clock } from './station-core.ts';
import { buildApp } from './http/app.ts';
import { FirstViewPages } from './http/first-view.ts';
import { stationRoutes } from './http/station-routes.ts';
import { uplinkRoutes } from './http/uplink-routes.ts';
import { Uplink } from './outlets/uplink/uplink.ts';
import type { RedisWriter } from './outlets/redis/redis-writer.ts';
import type { UplinkSettingsInput } from './wire/uplink.ts';
import { SpectatorHub } from './live/spectator-hub.ts';
import { attachUpgrade } from './live/upgrade.ts';
import { ScreenStore } from './store/screen-store.ts';
import { ScreenRegistry } from './screens/screen-registry.ts';
import { screenRoutes } from './http/screen-routes.ts';
import { advertisedUrls, listensOnLan } from './net/lan-addresses.ts';
import { OfficialsPin } from './officials-pin.ts';
import { SignInGuard } from './http/sign-in-guard.ts';
import type { Secrets } from './http/auth.ts';
import { PublicAnswers } from './http/public-answers.ts';
import { stationPublicSource, type PublicSource } from './http/public-source.ts';
import { openStationLog, type StationLog } from './station-log.ts';
import { defaultPagesRoot } from './asar-paths.ts';
import { SourceStore } from './store/source-store.ts';
import { TimingSources } from './sources/timing-sources.ts';
import { sourceRoutes } from './http/source-routes.ts';

export interface StationOptions {
  host?: string;
  port?: number;
  dataDir: string;
  adminSecret?: string;
  settings?: Partial<Settings>;
  /** Built renderer; defaults to dist-renderer beside the sources. */
  pagesRoot?: string | null;
  clock?: Clock;
  log?: (line: string) => void;
  /** Uplink targets given at start (the headless station's --uplink-* options), by local event id. */
  uplinks?: Record<string, UplinkSettingsInput>;
  /** Warnings and errors of the station log also on stderr (the headless station). */
  logToStderr?: boolean;
  /** Publish to Redis for relays (`--publish redis://host:port`; docs/SCALING.md). */
  publish?: string;
}

export interface Station {
  url: string;
  host: string;
  port: number;
  adminSecret: string;
  dataDir: string;
  /** True when the requested port was taken and another was used. */
  portChanged: boolean;
  core: StationCore;
  hub: SpectatorHub;
  screens: ScreenRegistry;
  /** Each event's timing source (c123-server push, direct Canoe123, XML only). */
  sources: TimingSources;
  /** The kept public answers (how many were built shows the cache working). */
  answers: PublicAnswers;
  uplink: Uplink;
  /** The Redis writer, when the station publishes (`publish`). */
  writer: RedisWriter | null;
  app: FastifyInstance;
  settings: Settings;
  /** The URLs phones and tablets use (see net/lan-addresses.ts `advertisedUrls`). */
  lanUrls(): string[];
  /** False when the station listens only on a loopback address: the LAN URLs do not reach it. */
  listensOnLan(): boolean;
  close(): Promise<void>;
}

const SETTINGS_KEY = 'settings';
const ADMIN_SECRET_KEY = 'admin_secret';
/** How many ports after the requested one are tried when it is taken. */
const PORT_FALLBACKS = 50;

/** What a start has opened so far, to be closed again if it fails. */
interface Opened {
  db: Database;
  stationLog?: StationLog;
  core?: StationCore;
  hub?: SpectatorHub;
  screens?: ScreenRegistry;
  sources?: TimingSources;
  uplink?: Uplink;
  writer?: RedisWriter;
  app?: FastifyInstance;
}

export async function startStation(opts: StationOptions): Promise<Station> {
  const log = opts.log ?? (() => {});
  const dataDir = opts.dataDir;
  prepareDataFolder(dataDir);
  const db = openDatabase(dataDir);
  // We hold the folder now, so a lock-info file left behind names a run that did not stop cleanly.
  const unclean = readLockInfo(dataDir);
  const startedAt = new Date().toISOString();
  writeLockInfo(dataDir, { pid: process.pid, startedAt });
  const opened: Opened = { db };
  try {
    return await start(opts, opened, { log, startedAt, unclean });
  } catch (err) {
    await opened.sources?.close();
    opened.hub?.close();
    opened.screens?.close();
    await opened.writer?.close();
    await opened.uplink?.close();
    await opened.core?.close();
    await opened.app?.close();
    // The caller reports the failure on stderr (one line); the log file keeps it too.
    opened.stationLog?.muteStderr();
    opened.stationLog?.logger.error({ err }, `Station did not start: ${(err as Error).message}`);
    if (db.isOpen) db.close();
    removeLockInfo(dataDir);
    opened.stationLog?.close();
    throw err;
  }
}

async function start(
  opts: StationOptions,
  opened: Opened,
  run: { log: (line: string) => void; startedAt: string; unclean: LockInfo | null },
): Promise<Station> {
  const dataDir = opts.dataDir;
  const store = new EventStore(opened.db);
  const settings = loadSettings(store, opts);

  const stationLog = openStationLog({ dataDir, maxBytes: settings.logFileBytes, keep: settings.logFilesKept, stderr: opts.logToStderr ?? false });
  opened.stationLog = stationLog;
  const logger = stationLog.logger;
  logger.info({ dataDir, node: process.versions.node, electron: process.versions.electron }, 'Station starting');

  const secrets = await loadSecrets(store, opts.adminSecret);
  const parts = await assemble(opts, opened, store, settings, secrets, logger, run.unclean);
  const { core, hub, screens, sources, uplink, writer, answers, source } = parts;

  /** The port listened on; the configured one until the app listens (it may have been taken). */
  let port = settings.port;
  const lanUrls = () => advertisedUrls(networkInterfaces(), settings.host, port);
  const onLan = () => listensOnLan(settings.host, networkInterfaces());
  const gate = { core, secrets, signIn: parts.signIn };
  const pagesRoot = opts.pagesRoot === undefined ? defaultPagesRoot() : opts.pagesRoot;
  const app = await buildApp({
    settings,
    source,
    answers,
    pagesRoot,
    firstView: pagesRoot ? new FirstViewPages(pagesRoot, core, { seqOf: (id) => hub.seqOf(id), bootId: hub.bootId }) : undefined,
    logger,
    station: {
      core,
      secrets,
      signIn: parts.signIn,
      connections: (id) => hub.connections(id),
      slowCutOffs: (id) => hub.slowCutOffs(id),
      extraAdmin: [
        screenRoutes({ gate, screens }),
        sourceRoutes({ gate, sources }),
        stationRoutes({
          gate,
          settings,
          startedAt: run.startedAt,
          lanUrls,
          listensOnLan: onLan,
          listeningPort: () => port,
          connectionCounts: () => hub.connectionCounts(),
          topAddresses: () => hub.topAddresses(10),
          publishStatus: () => writer?.status() ?? null,
          saveSettings: (patch) => saveSettings(store, settings, patch),
        }),
        uplinkRoutes({ gate, uplink }),
      ],
    },
  });
  opened.app = app;
  attachUpgrade(app.server, source, settings, hub, { screens });

  const requested = settings.port;
  port = await listenOnFreePort(app, settings.host, requested);
  const portChanged = requested !== 0 && port !== requested;
  if (portChanged) {
    run.log(`Port ${requested} is taken; using ${port} instead.`);
    logger.info(`Port ${requested} is taken; using ${port} instead.`);
  }

  const localHost = settings.host === '0.0.0.0' || settings.host === '::' ? '127.0.0.1' : settings.host;
  const listening = `http://${settings.host}:${port}`;
  writeLockInfo(dataDir, { pid: process.pid, startedAt: run.startedAt, url: listening });
  core.activity.add(null, 'info', `Station started (pid ${process.pid}, ${listening})`);
  await sources.startAll();

  let closing: Promise<void> | null = null;
  return {
    url: `http://${localHost}:${port}`,
    host: settings.host,
    port,
    adminSecret: secrets.adminSecret,
    dataDir,
    portChanged,
    core,
    hub,
    screens,
    sources,
    answers,
    uplink,
    writer,
    app,
    settings,
    lanUrls,
    listensOnLan: onLan,
    close() {
      closing ??= (async () => {
        await sources.close();
        hub.close();
        screens.close();
        await writer?.close();
        await uplink.close();
        await core.close();
        await app.close();
        core.activity.add(null, 'info', 'Station stopped');
        store.close();
        removeLockInfo(dataDir);
        stationLog.close();
      })();
      return closing;
    },
  };
}

/** The settings: the defaults, then what the dashboard saved, then this start's options. */
function loadSettings(store: EventStore, opts: StationOptions): Settings {
  const saved = JSON.parse(store.getSetting(SETTINGS_KEY) ?? '{}') as Partial<Settings>;
  return resolveSettings({ ...saved, ...opts.settings, host: opts.host ?? opts.settings?.host, port: opts.port ?? opts.settings?.port ?? saved.port });
}

/** Applies a change from the dashboard and keeps it for the next start. */
function saveSettings(store: EventStore, settings: Settings, patch: Partial<Settings>): void {
  Object.assign(settings, patch);
  const persisted = JSON.parse(store.getSetting(SETTINGS_KEY) ?? '{}');
  store.putSetting(SETTINGS_KEY, JSON.stringify({ ...persisted, ...patch }));
}

/** The admin secret (given, kept, or made once and kept) and the officials PIN. */
async function loadSecrets(store: EventStore, given: string | undefined): Promise<Secrets> {
  let adminSecret = given ?? store.getSetting(ADMIN_SECRET_KEY);
  if (!adminSecret) {
    adminSecret = randomBytes(24).toString('base64url');
    store.putSetting(ADMIN_SECRET_KEY, adminSecret);
  }
  return { adminSecret, officialsPin: await OfficialsPin.open(store) };
}

interface Parts {
  core: StationCore;
  signIn: SignInGuard;
  hub: SpectatorHub;
  answers: PublicAnswers;
  source: PublicSource;
  sources: TimingSources;
  uplink: Uplink;
  writer: RedisWriter | null;
  screens: ScreenRegistry;
}

/** The station's parts, wired to each other (each noted in `opened`, to be closed if the start fails). */
async function assemble(
  opts: StationOptions,
  opened: Opened,
  store: EventStore,
  settings: Settings,
  secrets: Secrets,
  logger: StationLog['logger'],
  unclean: LockInfo | null,
): Promise<Parts> {
  const clock = opts.clock ?? { now: () => Date.now() };
  const core = new StationCore(store, settings, clock);
  opened.core = core;
  core.activity.subscribe((entry) => logger[entry.level]({ eventId: entry.eventId ?? undefined }, entry.message));
  if (unclean) {
    core.activity.add(
      null,
      'warn',
      `The previous run of the station (${describeHolder(unclean)}) ended without a clean stop (a crash, a hard kill or a power cut).`,
    );
  }
  const signIn = new SignInGuard({
    attempts: settings.pinAttempts,
    stationAttempts: settings.pinStationAttempts,
    windowMs: settings.pinWindowMs,
    activity: core.activity,
  });
  if (secrets.officialsPin.isShort()) {
    core.activity.add(null, 'warn', 'The officials PIN has fewer than 6 digits: set a new one (Settings → Officials PIN)', false);
  }
  const bootId = randomBytes(8).toString('base64url');
  const hub = new SpectatorHub(settings, (id) => core.get(id), bootId);
  opened.hub = hub;
  const answers = new PublicAnswers(core);
  const source = stationPublicSource(core);
  core.setLiveSink(hub);
  const sources = new TimingSources({ core, store: new SourceStore(opened.db), settings, now: () => clock.now() });
  opened.sources = sources;
  // Loaded only by a station that publishes: the Redis client is not part of a venue station's start.
  const writer =
    opts.publish === undefined
      ? null
      : new (await import('./outlets/redis/redis-writer.ts')).RedisWriter({
          url: opts.publish,
          source,
          answers,
          hub,
          core,
          bootId,
          streamLength: settings.publishStreamLength,
          log: (level, message) => core.activity.add(null, level, message),
        });
  if (writer) opened.writer = writer;
  const uplink = new Uplink({ store, core, settings, now: opts.clock ? () => opts.clock!.now() : undefined });
  opened.uplink = uplink;
  for (const [eventId, target] of Object.entries(opts.uplinks ?? {})) uplink.configureAtStart(eventId, target);
  const screens = new ScreenRegistry({
    store: new ScreenStore(store.db),
    settings,
    bootId: hub.bootId,
    events: () => core.all().map((s) => ({ eventId: s.meta.eventId, status: s.status, statusChangedAt: s.statusChangedAt })),
    now: () => core.nowIso(),
  });
  opened.screens = screens;
  // Which event is live can move only with a status change, a new event or a deleted one.
  core.on('changed', (_id, changes) => {
    if (changes.some((c) => c.type === 'statusChanged' || c.type === 'eventCreated' || c.type === 'eventDeleted')) screens.eventsChanged();
  });
  return { core, signIn, hub, answers, source, sources, uplink, writer, screens };
}

/**
 * Connections the kernel may queue before the station accepts them (Node's default is 511; the
 * system caps it at its own `somaxconn`). After a station restart every phone reconnects within a
 * few seconds; a short queue drops the rest of a burst and they wait a second or more to retry.
 */
const LISTEN_BACKLOG = 4096;

async function listenOnFreePort(app: FastifyInstance, host: string, port: number): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      await app.listen({ host, port: port === 0 ? 0 : port + attempt, backlog: LISTEN_BACKLOG });
      const address = app.server.address();
      return typeof address === 'object' && address ? address.port : port + attempt;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && port !== 0 && attempt < PORT_FALLBACKS && port + attempt < 65535) continue;
      if (code === 'EADDRINUSE') {
        const last = Math.min(port + attempt, 65535);
        throw new StartupError(
          port === 0 || last === port
            ? `Port ${port} on ${host} is taken. Stop what uses it, or start with another port (--port <n>).`
            : `Ports ${port}–${last} on ${host} are all taken. Stop what uses them, or start with another port (--port <n>).`,
        );
      }
      if (code === 'EACCES') {
        throw new StartupError(
          `Not allowed to listen on port ${port + attempt} of ${host} (ports below 1024 need administrator rights). Start with a port above 1024 (--port <n>).`,
        );
      }
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
        throw new StartupError(
          `Cannot listen on ${host}: this computer has no such address. Start with --host 0.0.0.0 (every interface) or one of its own addresses.`,
        );
      }
      throw err;
    }
  }
}

export { StartupError };
