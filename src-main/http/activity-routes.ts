/**
 * The operator's look back: the station's activity log, and the deleted events with their
 * restore (under the event's own id, or another when that one was taken again). Operator only.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import { restoreSchema } from '../wire/admin.ts';
import { ROW_ID_PATTERN } from '../wire/params.ts';
import { adminEventSummary } from './event-routes.ts';
import type { AdminDeps } from './admin-routes.ts';

const deletedParams = {
  type: 'object',
  properties: { deletedId: { type: 'string', pattern: ROW_ID_PATTERN } },
  required: ['deletedId'],
} as const;

const activityQuery = {
  type: 'object',
  properties: { limit: { type: 'string' } },
} as const;

export const activityRoutes: FastifyPluginAsync<AdminDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<JsonSchemaToTsProvider>();
  const { core } = deps.gate;

  app.get('/activity', { schema: { querystring: activityQuery } }, async (req) => {
    const limit = Math.min(500, Math.max(1, Number(req.query.limit) || 100));
    return { entries: core.activity.recent(limit) };
  });

  app.get('/deleted-events', async () => ({ deletedEvents: core.deletedEvents() }));

  app.post('/deleted-events/:deletedId/restore', { schema: { params: deletedParams, body: restoreSchema } }, async (req) => {
    const state = core.restoreEvent(Number(req.params.deletedId), req.body.eventId);
    return { event: adminEventSummary(state) };
  });
};
