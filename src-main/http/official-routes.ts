/**
 * The officials' admin routes: marking a race's results official (the operator, or an official
 * with the PIN) and the officials page's PIN check. The PIN itself is checked, and wrong ones
 * limited, by the caller gate (caller-gate.ts, auth.ts) before the body is read.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import { raceOfficialSchema } from '../wire/admin.ts';
import { raceParamsSchema } from '../wire/params.ts';
import { callerOf } from './caller-gate.ts';
import { actorOf } from './event-routes.ts';
import type { AdminDeps } from './admin-routes.ts';

export const officialRoutes: FastifyPluginAsync<AdminDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<JsonSchemaToTsProvider>();
  const { core } = deps.gate;
  const config = { callers: ['operator', 'official'] } as const;

  app.put(
    '/events/:eventId/races/:raceId/official',
    {
      config,
      schema: { params: raceParamsSchema, body: raceOfficialSchema },
    },
    async (req) => {
      core.existing(req.params.eventId);
      return core.markRaceOfficial(req.params.eventId, req.params.raceId, req.body.official, actorOf(req));
    },
  );

  /** Lets the officials page check a PIN before showing its buttons. */
  app.get('/officials/session', { config }, async (req) => ({ ok: true, as: callerOf(req).kind }));
};
