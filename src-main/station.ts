/**
 * Starts a station: opens the store, loads the events, builds the HTTP app and the spectator hub,
 * and listens. This is what the headless CLI and the Electron shell both call; it never imports
 * `electron`. If the port is taken, the next free one is used (and reported in `port`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { openDatabase } from './store/database.ts';
import { EventStore } from './store/event-store.ts';
import { resolveSettings, type Settings } from './settings.ts';
import { StationCore, type Clock } from './station-core.ts';
import { buildApp } from './http/app.ts';
import { stationRoutes } from './http/station-routes.ts';
import { SpectatorHub } from './live/spectator-hub.ts';
import { attachUpgrade } from './live/upgrade.ts';
import { lanUrls } from './net/lan-addresses.ts';
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
  /** Each event's timing source (c123-server push, direct Canoe123, XML only). */
  sources: TimingSources;
  app: FastifyInstance;
  settings: Settings;
  lanUrls(): string[];
  close(): Promise<void>;
}

const SETTINGS_KEY = 'settings';
const ADMIN_SECRET_KEY = 'admin_secret';
const PIN_KEY = 'officials_pin';

export async function startStation(opts: StationOptions): Promise<Station> {
  const log = opts.log ?? (() => {});
  const db = openDatabase(opts.dataDir);
  const store = new EventStore(db);
  const saved = JSON.parse(store.getSetting(SETTINGS_KEY) ?? '{}') as Partial<Settings>;
  const settings = resolveSettings({ ...saved, ...opts.settings, host: opts.host ?? opts.settings?.host, port: opts.port ?? opts.settings?.port ?? saved.port });

  let adminSecret = opts.adminSecret ?? store.getSetting(ADMIN_SECRET_KEY);
  if (!adminSecret) {
    adminSecret = randomBytes(24).toString('base64url');
    store.putSetting(ADMIN_SECRET_KEY, adminSecret);
  }
  let officialsPin = store.getSetting(PIN_KEY);
  const secrets = { adminSecret, officialsPin: () => officialsPin };

  const clock = opts.clock ?? { now: () => Date.now() };
  const core = new StationCore(store, settings, clock);
  const hub = new SpectatorHub(settings, (id) => core.get(id));
  core.setLiveSink(hub);
  const sources = new TimingSources({ core, store: new SourceStore(db), settings, now: () => clock.now() });

  let port = settings.port;
  const pagesRoot = opts.pagesRoot === undefined ? defaultPagesRoot() : opts.pagesRoot;
  const app = await buildApp({
    core,
    settings,
    secrets,
    pagesRoot,
    connections: (id) => hub.connections(id),
    slowCutOffs: (id) => hub.slowCutOffs(id),
    extraAdmin: [sourceRoutes({ core, sources, secrets }), stationRoutes({
      core,
      settings,
      secrets,
      lanUrls: () => lanUrls(networkInterfaces(), port),
      listeningPort: () => port,
      connectionCounts: () => hub.connectionCounts(),
      setOfficialsPin: (pin) => {
        officialsPin = pin;
        if (pin === null) store.db.prepare('DELETE FROM station_settings WHERE key = ?').run(PIN_KEY);
        else store.putSetting(PIN_KEY, pin);
      },
      saveSettings: (patch) => {
        Object.assign(settings, patch);
        const persisted = JSON.parse(store.getSetting(SETTINGS_KEY) ?? '{}');
        store.putSetting(SETTINGS_KEY, JSON.stringify({ ...persisted, ...patch }));
      },
    })],
  });
  attachUpgrade(app.server, core, hub);

  const requested = settings.port;
  port = await listenOnFreePort(app, settings.host, requested);
  const portChanged = requested !== 0 && port !== requested;
  if (portChanged) log(`Port ${requested} is taken; using ${port} instead.`);
  await sources.startAll();

  let closing: Promise<void> | null = null;
  const localHost = settings.host === '0.0.0.0' || settings.host === '::' ? '127.0.0.1' : settings.host;
  return {
    url: `http://${localHost}:${port}`,
    host: settings.host,
    port,
    adminSecret,
    dataDir: opts.dataDir,
    portChanged,
    core,
    hub,
    sources,
    app,
    settings,
    lanUrls: () => lanUrls(networkInterfaces(), port),
    close() {
      closing ??= (async () => {
        await sources.close();
        hub.close();
        await core.close();
        await app.close();
        store.close();
      })();
      return closing;
    },
  };
}

async function listenOnFreePort(app: FastifyInstance, host: string, port: number): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      await app.listen({ host, port: port === 0 ? 0 : port + attempt });
      const address = app.server.address();
      return typeof address === 'object' && address ? address.port : port + attempt;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0 || attempt >= 50) throw err;
    }
  }
}

function defaultPagesRoot(): string | null {
  const root = fileURLToPath(new URL('../dist-renderer', import.meta.url));
  return existsSync(root) ? root : null;
}
