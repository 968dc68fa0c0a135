/**
 * Builds the Fastify app (never listens: station.ts and relay.ts do). Route groups are plugins with
 * their schemas beside them; services arrive as plugin options. One error handler turns every
 * failure into `{ error, message }`. With a logger (the station log), every answered request is
 * one line: writes at `info`, reads at `debug` (not kept: thousands of phones read), failures at
 * `error`.
 *
 * A station's app has its ingest and admin routes (`station`); a relay's has none: only health,
 * the public routes from its public source and the spectator page, so nothing on it can write.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { StationCore } from '../station-core.ts';
import type { Settings } from '../settings.ts';
import type { PublicSource } from './public-source.ts';
import type { HealthReport } from './health-routes.ts';
import { handleError } from './http-error.ts';
import { compressJson } from './compress-json.ts';
import { healthRoutes } from './health-routes.ts';
import { publicRoutes } from './public-routes.ts';
import type { PublicAnswers } from './public-answers.ts';
import { ingestRoutes } from './ingest-routes.ts';
import { adminRoutes } from './admin-routes.ts';
import { pageRoutes } from './page-routes.ts';
import type { FirstViewPages } from './first-view.ts';
import type { Secrets } from './auth.ts';
import type { SignInGuard } from './sign-in-guard.ts';

export interface AppDeps {
  settings: Settings;
  source: PublicSource;
  answers: PublicAnswers;
  /** Built renderer (dist-renderer); pages are not served when null. */
  pagesRoot: string | null;
  /** Only the spectator app among the pages (a relay: no dashboard, no officials' page, no screens). */
  spectatorOnly?: boolean;
  /** The running event's first view in the spectator page (first-view.ts); the plain page without. */
  firstView?: FirstViewPages;
  /** What `/health` adds to its answer (a relay: Redis and how current it is). */
  health?: () => HealthReport;
  /** Which peers may name the client in X-Forwarded-For (a relay behind a load balancer). */
  trustProxy?: (address: string, hop: number) => boolean;
  /** The station's own routes: ingest and admin. A relay has none. */
  station?: StationRoutesDeps;
  /** The station log (station-log.ts); none when absent. */
  logger?: FastifyBaseLogger;
}

export interface StationRoutesDeps {
  core: StationCore;
  secrets: Secrets;
  signIn: SignInGuard;
  connections(eventId: string): number;
  slowCutOffs(eventId: string): number;
  /** Extra admin routes (live pipeline, station settings), registered under /api/v1/admin. */
  extraAdmin?: FastifyPluginAsync[];
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    // Fastify's own two lines per request are replaced by the one onResponse line below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.settings.jsonBodyLimitBytes,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    forceCloseConnections: true,
    return503OnClosing: true,
    ...(deps.trustProxy ? { trustProxy: deps.trustProxy } : {}),
  });
  app.setErrorHandler(handleError);
  if (deps.logger) {
    app.addHook('onResponse', async (req, reply) => {
      const line = `${req.method} ${req.url} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)} ms`;
      const from = { from: req.ip };
      if (reply.statusCode >= 500) req.log.error(from, line);
      else if (req.method === 'GET' || req.method === 'HEAD') req.log.debug(from, line);
      else req.log.info(from, line);
    });
  }
  // Every body is JSON; anything else is refused with 415 rather than half-parsed.
  app.removeContentTypeParser('text/plain');

  await app.register(compressJson);
  await app.register(healthRoutes, { report: deps.health });
  await app.register(publicRoutes, { prefix: '/api/v1', source: deps.source, settings: deps.settings, answers: deps.answers });
  const station = deps.station;
  if (station) {
    const gate = { core: station.core, secrets: station.secrets, signIn: station.signIn };
    await app.register(ingestRoutes, { prefix: '/api/v1/ingest', gate, settings: deps.settings });
    await app.register(adminRoutes, {
      prefix: '/api/v1/admin',
      gate,
      settings: deps.settings,
      connections: station.connections,
      slowCutOffs: station.slowCutOffs,
    });
    for (const plugin of station.extraAdmin ?? []) await app.register(plugin, { prefix: '/api/v1/admin' });
  }
  if (deps.pagesRoot) await app.register(pageRoutes, { root: deps.pagesRoot, spectatorOnly: deps.spectatorOnly, firstView: deps.firstView });
  else app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: 'NotFound', message: `No route ${req.method} ${req.url}` }));
  return app;
}
