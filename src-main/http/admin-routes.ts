/**
 * Admin API. c123-server's routes (create, list, delete events with `X-Master-Key`; status PATCH
 * with its `X-API-Key`) and the operator dashboard's (event details, XML import by hand, race
 * official marks, merge strategy, activity, deleted events and their restore). Officials reach
 * the status PATCH and race marks with their PIN. Each route names the callers it accepts;
 * auth.ts only says who is calling.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { eventStatuses, mergeStrategies, type EventStatus, type MergeStrategy } from '../wire/api.ts';
import type { Actor, EventState } from '../domain/model.ts';
import type { AdminEvent, AdminEventDetail } from '../wire/admin.ts';
import { validNextStates } from '../domain/event-lifecycle.ts';
import { publicClasses, publicRaces } from '../domain/public-view.ts';
import { riderCounts } from '../domain/live-ingest.ts';
import { StationError, type StationCore } from '../station-core.ts';
import { ingestCaller, noteWrongToken, officialCaller, operatorCaller, type Caller, type Secrets } from './auth.ts';
import type { SignInGuard } from './sign-in-guard.ts';
import { xmlBodySchema } from './ingest-routes.ts';
import type { Settings } from '../settings.ts';

export interface AdminDeps {
  core: StationCore;
  secrets: Secrets;
  signIn: SignInGuard;
  settings: Settings;
  /** Live spectator count per event (from the hub). */
  connections(eventId: string): number;
  /** Spectator sockets of the event cut off for falling behind (close 4008). */
  slowCutOffs(eventId: string): number;
}

type CallerKind = Caller['kind'];

const text = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;
const eventIdPattern = '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$';

const createBody = {
  type: 'object',
  properties: {
    eventId: { type: 'string', pattern: eventIdPattern },
    mainTitle: { type: 'string', minLength: 1, maxLength: 200 },
    subTitle: text(200), location: text(200), facility: text(200),
    startDate: text(40), endDate: text(40), discipline: text(40),
    imageData: { type: ['string', 'null'], maxLength: 1_048_576 },
  },
  required: ['eventId', 'mainTitle'],
} as const;

const updateBody = {
  type: 'object',
  properties: {
    mainTitle: { type: 'string', minLength: 1, maxLength: 200 },
    subTitle: text(200), location: text(200), facility: text(200),
    startDate: text(40), endDate: text(40), discipline: text(40),
    mergeStrategy: { type: 'string', enum: mergeStrategies },
  },
  additionalProperties: false,
} as const;

const statusBody = {
  type: 'object',
  properties: { status: { type: 'string', enum: eventStatuses } },
  required: ['status'],
} as const;

const officialBody = {
  type: 'object',
  properties: { official: { type: 'boolean' } },
  required: ['official'],
} as const;

const eventParams = {
  type: 'object',
  properties: { eventId: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['eventId'],
} as const;

const deletedParams = {
  type: 'object',
  properties: { deletedId: { type: 'string', pattern: '^[0-9]{1,12}$' } },
  required: ['deletedId'],
} as const;

/** Restore under the event's own id, or under `eventId` when that one was taken again. */
const restoreBody = {
  type: 'object',
  properties: { eventId: { type: 'string', pattern: eventIdPattern } },
  additionalProperties: false,
} as const;

export const adminRoutes: FastifyPluginAsync<AdminDeps> = async (app, deps) => {
  const { core, secrets, signIn } = deps;
  /** The official a request's PIN proved (checked once, on the headers). */
  const officials = new WeakMap<FastifyRequest, Caller>();

  /** Who is calling, among the kinds this route accepts; 401 otherwise. */
  const callerOf = (req: FastifyRequest, accepted: CallerKind[], eventId?: string): Caller => {
    const op = operatorCaller(req, secrets);
    if (op && accepted.includes('operator')) return op;
    if (accepted.includes('ingest') && req.headers['x-api-key']) {
      const ingest = ingestCaller(req, core);
      if (!ingest) throw new StationError('Unauthorized', 'Invalid API key');
      if (ingest.kind === 'ingest' && eventId !== undefined && ingest.eventId !== eventId) {
        throw new StationError('Unauthorized', 'API key does not match event');
      }
      return ingest;
    }
    const official = officials.get(req);
    if (official && accepted.includes('official')) return official;
    const master = req.headers['x-master-key'] ?? req.headers.authorization;
    if (master) noteWrongToken(req, signIn);
    throw new StationError('Unauthorized', master ? 'Invalid master key' : 'Missing or invalid X-Master-Key header');
  };
  // A caller with no valid credential at all is refused on the headers, before the body is read
  // or validated: 401, never a 400 describing the schema, and an upload from someone without a
  // secret is never parsed. Each route still names the callers it accepts; a PIN is checked (and
  // rate-limited) there.
  app.addHook('onRequest', async (req) => {
    if (operatorCaller(req, secrets) || ingestCaller(req, core)) return;
    // A PIN is checked (and a wrong one counted toward the lockout) before the body is read, so a
    // guess with a malformed body is still a guess.
    const official = await officialCaller(req, secrets, signIn);
    if (official) {
      officials.set(req, official);
      return;
    }
    callerOf(req, ['operator', 'ingest']);
  });
  const actorOf = (c: Caller): Actor => (c.kind === 'operator' ? 'operator' : c.kind === 'official' ? 'official' : 'ingest');
  const existing = (eventId: string): EventState => {
    const state = core.get(eventId);
    if (!state) throw new StationError('NotFound', `Event not found: ${eventId}`);
    return state;
  };

  app.post<{ Body: Record<string, string | null | undefined> & { eventId: string; mainTitle: string } }>('/events', {
    schema: { body: createBody },
  }, async (req, reply) => {
    callerOf(req, ['operator']);
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

  app.get('/events', async (req) => {
    callerOf(req, ['operator']);
    return { events: core.all().map((s) => adminEventSummary(s)) };
  });

  app.get<{ Params: { eventId: string } }>('/events/:eventId', { schema: { params: eventParams } }, async (req): Promise<AdminEventDetail> => {
    callerOf(req, ['operator']);
    const state = existing(req.params.eventId);
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

  app.patch<{ Params: { eventId: string }; Body: Record<string, string | null> & { mergeStrategy?: MergeStrategy } }>('/events/:eventId', {
    schema: { params: eventParams, body: updateBody },
  }, async (req) => {
    callerOf(req, ['operator']);
    const { mergeStrategy, ...meta } = req.body;
    existing(req.params.eventId);
    if (Object.keys(meta).length) core.updateMeta(req.params.eventId, meta);
    if (mergeStrategy) core.setMergeStrategy(req.params.eventId, mergeStrategy);
    return { event: adminEventSummary(existing(req.params.eventId)) };
  });

  app.delete<{ Params: { eventId: string } }>('/events/:eventId', { schema: { params: eventParams } }, async (req) => {
    // c123-server's delete sends the event's X-API-Key, not the master key (from its local admin
    // page, which has no login): the domain refuses that key for finished and official events.
    const caller = callerOf(req, ['operator', 'ingest'], req.params.eventId);
    existing(req.params.eventId);
    const { deletedId } = core.deleteEvent(req.params.eventId, actorOf(caller));
    return { deleted: true, eventId: req.params.eventId, deletedId, restorable: true };
  });

  app.get('/deleted-events', async (req) => {
    callerOf(req, ['operator']);
    return { deletedEvents: core.deletedEvents() };
  });

  app.post<{ Params: { deletedId: string }; Body: { eventId?: string } }>('/deleted-events/:deletedId/restore', {
    schema: { params: deletedParams, body: restoreBody },
  }, async (req) => {
    callerOf(req, ['operator']);
    const state = core.restoreEvent(Number(req.params.deletedId), req.body.eventId);
    return { event: adminEventSummary(state) };
  });

  app.patch<{ Params: { eventId: string }; Body: { status: EventStatus } }>('/events/:eventId/status', {
    schema: { params: eventParams, body: statusBody },
  }, async (req) => {
    const caller = callerOf(req, ['operator', 'official', 'ingest'], req.params.eventId);
    existing(req.params.eventId);
    const result = core.changeStatus(req.params.eventId, req.body.status, actorOf(caller));
    return { eventId: req.params.eventId, ...result };
  });

  app.post<{ Params: { eventId: string }; Body: { xml: string } }>('/events/:eventId/xml', {
    bodyLimit: deps.settings.bodyLimitBytes,
    schema: { params: eventParams, body: xmlBodySchema },
  }, async (req) => {
    callerOf(req, ['operator']);
    return core.ingestXml(req.params.eventId, req.body.xml, 'operator');
  });

  app.put<{ Params: { eventId: string; raceId: string }; Body: { official: boolean } }>('/events/:eventId/races/:raceId/official', {
    schema: { body: officialBody },
  }, async (req) => {
    const caller = callerOf(req, ['operator', 'official']);
    existing(req.params.eventId);
    return core.markRaceOfficial(req.params.eventId, req.params.raceId, req.body.official, actorOf(caller));
  });

  app.get<{ Querystring: { limit?: string } }>('/activity', async (req) => {
    callerOf(req, ['operator']);
    const limit = Math.min(500, Math.max(1, Number(req.query.limit) || 100));
    return { entries: core.activity.recent(limit) };
  });

  /** Lets the officials page check a PIN before showing its buttons. */
  app.get('/officials/session', async (req) => {
    const caller = callerOf(req, ['official', 'operator']);
    return { ok: true, as: caller.kind };
  });
};

function adminEventSummary(s: EventState): AdminEvent {
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
