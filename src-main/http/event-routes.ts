/**
 * The event routes of the admin API: c123-server's (create, list and delete events with
 * `X-Master-Key`, the status PATCH with its `X-API-Key`) and the operator dashboard's (event
 * details, editing them, XML import by hand). Each route says in its `config` which callers it
 * accepts; the caller gate (caller-gate.ts) has checked that before the body was read.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { EventState } from '../domain/model.ts';
import type { Actor, AdminEvent, AdminEventDetail } from '../wire/admin.ts';
import { eventCreateSchema, eventUpdateSchema, statusChangeSchema } from '../wire/admin.ts';
import { eventParamsSchema } from '../wire/params.ts';
import { xmlBodySchema } from '../wire/ingest.ts';
import { validNextStates } from '../domain/event-lifecycle.ts';
import { publicClasses, publicRaces } from '../domain/public-view.ts';
import { riderCounts } from '../domain/live-ingest.ts';
import { callerOf } from './caller-gate.ts';
import type { AdminDeps } from './admin-routes.ts';

export const eventRoutes: FastifyPluginAsync<AdminDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<JsonSchemaToTsProvider>();
  const { core } = deps.gate;

  app.post('/events', { schema: { body: eventCreateSchema } }, async (req, reply) => {
    const b = req.body;
    const state = core.createEvent({
      eventId: b.eventId,
      mainTitle: b.mainTitle,
      subTitle: b.subTitle ?? null,
      location: b.location ?? null,
      facility: b.facility ?? null,
      startDate: b.startDate ? b.startDate.slice(0, 10) : null,
      endDate: b.endDate ? b.endDate.slice(0, 10) : null,
      discipline: b.discipline ?? null,
    });
    reply.code(201);
    return { id: state.meta.eventId, eventId: state.meta.eventId, apiKey: state.apiKey };
  });

  app.get('/events', async () => ({ events: core.all().map((s) => adminEventSummary(s)) }));

  app.get('/events/:eventId', { schema: { params: eventParamsSchema } }, async (req): Promise<AdminEventDetail> => {
    const state = core.existing(req.params.eventId);
    const riders = riderCounts(state.onCourse.values());
    return {
      event: adminEventSummary(state),
      history: state.history,
      validNextStates: validNextStates(state.status, 'operator'),
      officialRaces: [...state.officialRaces.values()],
      feeds: core.feedReport(state.meta.eventId),
      spectators: deps.connections(state.meta.eventId),
      spectatorLimit: deps.settings.maxConnectionsPerEvent,
      spectatorsCutOff: deps.slowCutOffs(state.meta.eventId),
      onCourse: riders.onCourse,
      atStart: riders.atStart,
      // The station's clock, so a dashboard on another machine measures feed ages correctly.
      serverNow: core.now(),
      // Drafts have no public view, so the operator's race list comes from here.
      classes: publicClasses(state),
      races: publicRaces(state),
    };
  });

  app.patch('/events/:eventId', { schema: { params: eventParamsSchema, body: eventUpdateSchema } }, async (req) => {
    const { mergeStrategy, ...meta } = req.body;
    core.existing(req.params.eventId);
    if (Object.keys(meta).length) core.updateMeta(req.params.eventId, meta);
    if (mergeStrategy) core.setMergeStrategy(req.params.eventId, mergeStrategy);
    return { event: adminEventSummary(core.existing(req.params.eventId)) };
  });

  // c123-server's delete sends the event's X-API-Key, not the master key (from its local admin
  // page, which has no login): the domain refuses that key for finished and official events.
  app.delete('/events/:eventId', { config: { callers: ['operator', 'ingest'] }, schema: { params: eventParamsSchema } }, async (req) => {
    core.existing(req.params.eventId);
    const { deletedId } = core.deleteEvent(req.params.eventId, actorOf(req));
    return { deleted: true, eventId: req.params.eventId, deletedId, restorable: true };
  });

  app.patch(
    '/events/:eventId/status',
    {
      config: { callers: ['operator', 'official', 'ingest'] },
      schema: { params: eventParamsSchema, body: statusChangeSchema },
    },
    async (req) => {
      core.existing(req.params.eventId);
      const result = core.changeStatus(req.params.eventId, req.body.status, actorOf(req));
      return { eventId: req.params.eventId, ...result };
    },
  );

  app.post(
    '/events/:eventId/xml',
    {
      bodyLimit: deps.settings.bodyLimitBytes,
      schema: { params: eventParamsSchema, body: xmlBodySchema },
    },
    async (req) => core.ingestXml(req.params.eventId, req.body.xml, 'operator'),
  );
};

/** Who did it, for the lifecycle history and the activity log. */
export function actorOf(req: Parameters<typeof callerOf>[0]): Actor {
  return callerOf(req).kind;
}

export function adminEventSummary(s: EventState): AdminEvent {
  return {
    eventId: s.meta.eventId,
    mainTitle: s.meta.mainTitle,
    subTitle: s.meta.subTitle,
    location: s.meta.location,
    facility: s.meta.facility,
    startDate: s.meta.startDate,
    endDate: s.meta.endDate,
    discipline: s.meta.discipline,
    status: s.status,
    statusChangedAt: s.statusChangedAt,
    apiKey: s.apiKey,
    hasXmlData: s.hasXml,
    hasImage: false,
    createdAt: s.createdAt,
    mergeStrategy: s.mergeStrategy,
  };
}
