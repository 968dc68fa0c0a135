/**
 * The operator's uplink routes (operator token only): an event's target on a public results
 * server, its state, a connection test, and what to do with items the target refused. The
 * target's key goes in with PUT and never comes back: the answers are `UplinkStatus`
 * (wire/uplink.ts), which has no field for it.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { Uplink } from '../outlets/uplink/uplink.ts';
import { uplinkSettingsSchema, uplinkTestSchema } from '../wire/uplink.ts';
import { eventParamsSchema, ROW_ID_PATTERN } from '../wire/params.ts';
import { callerGate, type CallerGateDeps } from './caller-gate.ts';

export interface UplinkRouteDeps {
  gate: CallerGateDeps;
  uplink: Uplink;
}

const refusedParams = {
  type: 'object',
  properties: { ...eventParamsSchema.properties, id: { type: 'string', pattern: ROW_ID_PATTERN } },
  required: ['eventId', 'id'],
} as const;

export function uplinkRoutes(deps: UplinkRouteDeps): FastifyPluginAsync {
  const { uplink } = deps;
  return async (plugin) => {
    const app = plugin.withTypeProvider<JsonSchemaToTsProvider>();
    await app.register(callerGate, deps.gate);

    app.get('/uplinks', async () => uplink.overview());

    app.get('/events/:eventId/uplink', { schema: { params: eventParamsSchema } }, async (req) => uplink.status(req.params.eventId));

    app.put(
      '/events/:eventId/uplink',
      {
        schema: { params: eventParamsSchema, body: uplinkSettingsSchema },
      },
      async (req) => uplink.configure(req.params.eventId, req.body),
    );

    app.delete('/events/:eventId/uplink', { schema: { params: eventParamsSchema } }, async (req) => {
      uplink.remove(req.params.eventId);
      return uplink.status(req.params.eventId);
    });

    app.post(
      '/events/:eventId/uplink/test',
      {
        schema: { params: eventParamsSchema, body: uplinkTestSchema },
      },
      async (req) => uplink.test(req.params.eventId, req.body ?? {}),
    );

    app.post(
      '/events/:eventId/uplink/refused/:id/retry',
      {
        schema: { params: refusedParams },
      },
      async (req) => uplink.retryRefused(req.params.eventId, Number(req.params.id)),
    );

    app.delete(
      '/events/:eventId/uplink/refused/:id',
      {
        schema: { params: refusedParams },
      },
      async (req) => uplink.discardRefused(req.params.eventId, Number(req.params.id)),
    );
  };
}
