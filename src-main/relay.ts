/**
 * Starts a relay (SPEC §7, docs/SCALING.md): a stateless node that serves the public side of a
 * writer station from Redis to an internet audience, behind a load balancer beside other relays.
 * No database, no data folder, no admin or ingest route: it builds the same Fastify app as a
 * station without the station's routes (http/app.ts), with the same public routes, spectator
 * page, WebSocket door, rooms and heartbeat, reading a public source filled from Redis
 * (relay/relay-source.ts, relay/stream-follower.ts) instead of a core. It decides nothing.
 *
 * It listens once it holds every event the writer published (it waits for Redis to be reachable),
 * so a relay never answers "no such event" for want of having read it yet.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import proxyAddr from '@fastify/proxy-addr';
import { resolveSettings, type Settings } from './settings.ts';
import { buildApp } from './http/app.ts';
import { PublicAnswers } from './http/public-answers.ts';
import { attachUpgrade, clientAddress, plainAddress } from './live/upgrade.ts';
import { RelayCopies } from './relay/relay-source.ts';
import { RelayHub } from './relay/relay-hub.ts';
import { StreamFollower } from './relay/stream-follower.ts';
import { StartupError } from './store/data-folder.ts';
import { defaultPagesRoot } from './asar-paths.ts';

export interface RelayOptions {
  /** redis://host:port of the writer's Redis. */
  redis: string;
  host?: string;
  port?: number;
  settings?: Partial<Settings>;
  /**
   * Load balancers whose X-Forwarded-For names the client (addresses, CIDR ranges, or `loopback`,
   * `linklocal`, `uniquelocal`): the per-address caps and the REST budget then count phones, not
   * the balancer. None by default: the peer is the client.
   */
  trustProxy?: string[];
  /** Built renderer; defaults to dist-renderer beside the sources. */
  pagesRoot?: string | null;
  log?: (level: 'info' | 'warn', line: string) => void;
}

export interface Relay {
  url: string;
  host: string;
  port: number;
  app: FastifyInstance;
  hub: RelayHub;
  copies: RelayCopies;
  follower: StreamFollower;
  settings: Settings;
  close(): Promise<void>;
}

export async function startRelay(opts: RelayOptions): Promise<Relay> {
  const log = opts.log ?? (() => {});
  const settings = resolveSettings({ ...opts.settings, host: opts.host ?? opts.settings?.host, port: opts.port ?? opts.settings?.port });
  const copies = new RelayCopies();
  const hub = new RelayHub(settings, copies);
  const answers = new PublicAnswers();
  const follower = new StreamFollower({ url: opts.redis, copies, hub, answers, log });
  const trust = opts.trustProxy?.length ? proxyAddr.compile(opts.trustProxy) : null;
  const addressOf = trust ? (req: IncomingMessage) => plainAddress(proxyAddr(req, trust)) : clientAddress;
  let app: FastifyInstance | null = null;
  try {
    await follower.start();
    app = await buildApp({
      settings,
      source: copies,
      answers,
      pagesRoot: opts.pagesRoot === undefined ? defaultPagesRoot() : opts.pagesRoot,
      spectatorOnly: true,
      health: () => {
        const report = follower.health();
        return { ...report, detail: { ...report.detail, spectators: hub.totalConnections() } };
      },
      ...(trust ? { trustProxy: trust } : {}),
    });
    attachUpgrade(app.server, copies, settings, hub, { addressOf });
    await listen(app, settings.host, settings.port);
  } catch (err) {
    hub.close();
    await follower.close();
    await app?.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const localHost = settings.host === '0.0.0.0' || settings.host === '::' ? '127.0.0.1' : settings.host;
  const listening = app;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${localHost}:${port}`,
    host: settings.host,
    port,
    app: listening,
    hub,
    copies,
    follower,
    settings,
    close() {
      closing ??= (async () => {
        hub.close();
        await follower.close();
        await listening.close();
      })();
      return closing;
    },
  };
}

/** A relay behind a load balancer listens where the balancer looks: a taken port is an error. */
async function listen(app: FastifyInstance, host: string, port: number): Promise<void> {
  try {
    await app.listen({ host, port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new StartupError(`Port ${port} on ${host} is taken. Stop what uses it, or start the relay with another port (--port <n>).`);
    if (code === 'EACCES')
      throw new StartupError(
        `Not allowed to listen on port ${port} of ${host} (ports below 1024 need administrator rights). Start with a port above 1024 (--port <n>).`,
      );
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new StartupError(
        `Cannot listen on ${host}: this computer has no such address. Start with --host 0.0.0.0 (every interface) or one of its own addresses.`,
      );
    throw err;
  }
}

export { StartupError };
