/**
 * The operator's uplink routes (operator token only): an event's target on a public results
 * server, its state, a connection test, and what to do with items the target refused. The
 * target's key goes in with PUT and never comes back: the answers are `UplinkStatus`
 * (wire/uplink.ts), which has no field for it.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { UplinkSettingsInput } from '../wire/uplink.ts';
import type { Uplink } from '../outlets/uplink/uplink.ts';
import { StationError } from '../station-core.ts';
import { operatorCaller, type Secrets } from './auth.ts';

export interface UplinkRouteDeps {
  uplink: Uplink;
  secrets: Secrets;
}

const eventParams = {
  type: 'object',
  properties: { eventId: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['eventId'],
} as const;

const refusedParams = {
  type: 'object',
  properties: { eventId: { type: 'string', minLength: 1, maxLength: 200 }, id: { type: 'string', pattern: '^[0-9]{1,12}$' } },
  required: ['eventId', 'id'],
} as const;

const target = {
  url: { type: 'string', minLength: 1, maxLength: 500 },
  remoteEventId: { type: 'string', minLength: 1, maxLength: 200 },
  apiKey: { type: 'string', minLength: 1, maxLength: 500 },
  enabled: { type: 'boolean' },
} as const;

const putBody = { type: 'object', properties: target, required: ['url', 'remoteEventId', 'enabled'], additionalProperties: false } as const;
const testBody = { type: ['object', 'null'], properties: target, additionalProperties: false } as const;

export function uplinkRoutes(deps: UplinkRouteDeps): FastifyPluginAsync {
  const { uplink } = deps;
  return async (app) => {
    // On the headers, before the body is read or validated (401, never a 400 describing the schema).
    app.addHook('onRequest', async (req) => {
      if (!operatorCaller(req, deps.secrets)) throw new StationError('Unauthorized');
    });

    app.get('/uplinks', async () => uplink.overview());

    app.get<{ Params: { eventId: string } }>('/events/:eventId/uplink', { schema: { params: eventParams } }, async (req) => uplink.status(req.params.eventId));

    app.put<{ Params: { eventId: string }; Body: UplinkSettingsInput }>('/events/:eventId/uplink', {
      schema: { params: eventParams, body: putBody },
    }, async (req) => uplink.configure(req.params.eventId, req.body));

    app.delete<{ Params: { eventId: string } }>('/events/:eventId/uplink', { schema: { params: eventParams } }, async (req) => {
      uplink.remove(req.params.eventId);
      return uplink.status(req.params.eventId);
    });

    app.post<{ Params: { eventId: string }; Body: Partial<UplinkSettingsInput> | null }>('/events/:eventId/uplink/test', {
      schema: { params: eventParams, body: testBody },
    }, async (req) => uplink.test(req.params.eventId, req.body ?? {}));

    app.post<{ Params: { eventId: string; id: string } }>('/events/:eventId/uplink/refused/:id/retry', {
      schema: { params: refusedParams },
    }, async (req) => uplink.retryRefused(req.params.eventId, Number(req.params.id)));

    app.delete<{ Params: { eventId: string; id: string } }>('/events/:eventId/uplink/refused/:id', {
      schema: { params: refusedParams },
    }, async (req) => uplink.discardRefused(req.params.eventId, Number(req.params.id)));
  };
}
