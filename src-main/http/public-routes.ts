/**
 * The public read API (no auth): events, event detail, categories, results, startlist, on-course,
 * and the event's header image. Draft events are invisible (404), their image included. Official
 * events stay readable. Every JSON answer goes through a response schema from wire/api.ts, so
 * nothing undeclared (keys, secrets) can leak; the image route sends only the picture's bytes.
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  categoriesResponseSchema, eventDetailResponseSchema, eventListResponseSchema, onCourseResponseSchema,
  resultsResponseSchema, startlistResponseSchema,
} from '../wire/api.ts';
import type { EventState } from '../domain/model.ts';
import {
  aggregatedCategories, onCourseList, pairsOf, publicClasses, publicEvent, publicEventDetail, publicRaces, raceById,
  raceOfficialAt, raceResults, startlist,
} from '../domain/public-view.ts';
import { headerImage } from '../domain/canoe123/event-images.ts';
import type { EventImage } from '../domain/model.ts';
import { StationError, type StationCore } from '../station-core.ts';

const eventParams = {
  type: 'object',
  properties: { eventId: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['eventId'],
} as const;
const raceParams = {
  type: 'object',
  properties: { eventId: { type: 'string', minLength: 1, maxLength: 200 }, raceId: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['eventId', 'raceId'],
} as const;
const resultsQuery = {
  type: 'object',
  properties: {
    catId: { type: 'string', maxLength: 100 },
    detailed: { type: 'string', enum: ['true', 'false', '1', '0', ''] },
    includeAllRuns: { type: 'string' },
  },
} as const;

export const publicRoutes: FastifyPluginAsync<{ core: StationCore }> = async (app, { core }) => {
  const visible = (eventId: string): EventState => {
    const state = core.get(eventId);
    if (!state || state.status === 'draft') throw new StationError('NotFound', 'Event not found');
    return state;
  };
  const raceOf = (state: EventState, raceId: string) => {
    const race = raceById(state, raceId);
    if (!race) throw new StationError('RaceNotFound', `Race not found: ${raceId}`);
    return race;
  };

  app.get('/events', { schema: { response: { 200: eventListResponseSchema } } }, async () => {
    const events = core.all()
      .filter((s) => s.status !== 'draft')
      .sort((a, b) => (b.meta.startDate ?? '').localeCompare(a.meta.startDate ?? '') || b.createdAt.localeCompare(a.createdAt))
      .map(publicEvent);
    return { events };
  });

  app.get<{ Params: { eventId: string } }>('/events/:eventId', {
    schema: { params: eventParams, response: { 200: eventDetailResponseSchema } },
  }, async (req) => {
    const state = visible(req.params.eventId);
    return { event: publicEventDetail(state), classes: publicClasses(state), races: publicRaces(state) };
  });

  // The image's bytes, decoded once per version (the state keeps the export's base64).
  const decoded = new WeakMap<EventImage, Buffer>();
  const imageQuery = { type: 'object', properties: { v: { type: 'string', maxLength: 40 } } } as const;

  app.get<{ Params: { eventId: string }; Querystring: { v?: string } }>('/events/:eventId/image', {
    schema: { params: eventParams, querystring: imageQuery },
  }, async (req, reply) => {
    const image = headerImage(visible(req.params.eventId).images);
    if (!image) throw new StationError('NotFound', 'This event has no image');
    let bytes = decoded.get(image);
    if (!bytes) decoded.set(image, (bytes = Buffer.from(image.data, 'base64')));
    const etag = `"${image.tag}"`;
    // A URL naming this version (the public event's imageUrl) never changes content: a phone
    // keeps it for good. The bare URL (c123-live-mini's) is revalidated after five minutes.
    reply
      .header('cache-control', req.query.v === image.tag ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
      .header('etag', etag)
      .header('x-content-type-options', 'nosniff');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(image.contentType).send(bytes);
  });

  app.get<{ Params: { eventId: string } }>('/events/:eventId/categories', {
    schema: { params: eventParams, response: { 200: categoriesResponseSchema } },
  }, async (req) => ({ categories: aggregatedCategories(visible(req.params.eventId)) }));

  app.get<{ Params: { eventId: string; raceId: string }; Querystring: { catId?: string; detailed?: string } }>(
    '/events/:eventId/results/:raceId',
    { schema: { params: raceParams, querystring: resultsQuery, response: { 200: resultsResponseSchema } } },
    async (req) => {
      const state = visible(req.params.eventId);
      const race = raceOf(state, req.params.raceId);
      const detailed = req.query.detailed === 'true' || req.query.detailed === '1';
      const results = raceResults(state, race.raceId, { catId: req.query.catId || null, detailed })!;
      return {
        race: {
          raceId: race.raceId, classId: race.classId, raceType: race.raceType, raceStatus: race.raceStatus,
          officialAt: raceOfficialAt(state, race),
        },
        results,
      };
    },
  );

  app.get<{ Params: { eventId: string; raceId: string } }>('/events/:eventId/startlist/:raceId', {
    schema: { params: raceParams, response: { 200: startlistResponseSchema } },
  }, async (req) => {
    const state = visible(req.params.eventId);
    const race = raceOf(state, req.params.raceId);
    return {
      race: { raceId: race.raceId, classId: race.classId, startTime: race.startTime, pairedRaceId: pairsOf(state).get(race.raceId) ?? null },
      startlist: startlist(state, race.raceId)!,
    };
  });

  app.get<{ Params: { eventId: string } }>('/events/:eventId/oncourse', {
    schema: { params: eventParams, response: { 200: onCourseResponseSchema } },
  }, async (req) => ({ oncourse: onCourseList(visible(req.params.eventId)) }));
};
