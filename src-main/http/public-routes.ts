/**
 * The public read API (no auth): events, event detail, categories, results, startlist, on-course,
 * the event's header image, and the live event venue screens follow. Draft events are invisible
 * (404), their image included. Official events stay readable. Every JSON answer goes through a
 * response schema from wire/api.ts, so nothing undeclared (keys, secrets) can leak; the image
 * route sends only the picture's bytes.
 *
 * Answers about an event are built once per version and kept (public-answers.ts), gzip included.
 * Each client address may make a budget of requests per 10 s (settings.ts
 * `publicRequestsPer10s`), then gets 429 `TooManyRequests` with `Retry-After`: generous enough for
 * hundreds of phones behind one NAT'd access point, while one script cannot keep the station busy.
 * The budget covers these routes only: ingest and admin are never limited by it.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  categoriesResponseSchema, eventDetailResponseSchema, eventListResponseSchema, onCourseResponseSchema,
  resultsResponseSchema, startlistResponseSchema,
} from '../wire/api.ts';
import { liveEventResponseSchema } from '../wire/screens.ts';
import { eventParamsSchema, raceParamsSchema } from '../wire/params.ts';
import type { EventState } from '../domain/model.ts';
import { liveEventOf } from '../domain/live-event.ts';
import {
  aggregatedCategories, onCourseList, pairsOf, publicClasses, publicEvent, publicEventDetail, publicRaces, raceById,
  raceOfficialAt, raceResults, startlist,
} from '../domain/public-view.ts';
import { headerImage } from '../domain/canoe123/event-images.ts';
import type { EventImage } from '../domain/model.ts';
import { StationError, type StationCore } from '../station-core.ts';
import type { Settings } from '../settings.ts';
import type { CachedAnswer, PublicAnswers } from './public-answers.ts';
import { gzipHeaders, gzipsFor } from './compress-json.ts';

export interface PublicDeps {
  core: StationCore;
  settings: Settings;
  answers: PublicAnswers;
}

/** Public requests one address may make per 10 s (settings.ts explains the numbers). */
export function publicRequestBudget(s: Settings): number {
  return Math.max(s.publicRequestsPer10s, s.publicRequestsPerSocketPer10s * s.maxConnectionsPerAddress);
}

const eventParams = eventParamsSchema;
const raceParams = raceParamsSchema;
const resultsQuery = {
  type: 'object',
  properties: {
    catId: { type: 'string', maxLength: 100 },
    detailed: { type: 'string', enum: ['true', 'false', '1', '0', ''] },
    includeAllRuns: { type: 'string' },
  },
} as const;

export const publicRoutes: FastifyPluginAsync<PublicDeps> = async (app, { core, settings, answers }) => {
  const quiet = { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false } as const;
  await app.register(rateLimit, {
    global: true,
    max: () => publicRequestBudget(settings),
    timeWindow: 10_000,
    cache: 20_000,
    addHeadersOnExceeding: quiet,
    addHeaders: { ...quiet, 'retry-after': true },
    errorResponseBuilder: (_req, ctx) => {
      const seconds = Math.max(1, Math.ceil(ctx.ttl / 1000));
      return new StationError('TooManyRequests', `Too many requests from this address; try again in ${seconds} s`, { retryAfter: seconds });
    },
  });

  /** Sends a kept answer: its gzip to clients that take it, else its JSON. */
  const send = async (req: FastifyRequest, reply: FastifyReply, answer: CachedAnswer) => {
    reply.type('application/json; charset=utf-8');
    if (!gzipsFor(req, answer.json)) return reply.send(answer.json);
    const body = await answer.gzipped();
    gzipHeaders(reply);
    return reply.send(body);
  };
  /** The kept answer for `key`, built through the route's response schema when stale. */
  const kept = (reply: FastifyReply, state: EventState, key: string, races: readonly (string | undefined)[], build: () => unknown) =>
    answers.get(state.meta.eventId, key, races.filter((r): r is string => r !== undefined), () => String(reply.serialize(build())));

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

  // The event a venue screen with no `?event=` shows (domain/live-event.ts): a few events, no cache needed.
  app.get('/live-event', { schema: { response: { 200: liveEventResponseSchema } } }, async () => {
    const live = liveEventOf(core.all().map((s) => ({ eventId: s.meta.eventId, status: s.status, statusChangedAt: s.statusChangedAt })));
    return { eventId: live?.eventId ?? null, status: live?.status ?? null };
  });

  app.get<{ Params: { eventId: string } }>('/events/:eventId', {
    schema: { params: eventParams, response: { 200: eventDetailResponseSchema } },
  }, async (req, reply) => {
    const state = visible(req.params.eventId);
    return send(req, reply, kept(reply, state, 'event', [], () => (
      { event: publicEventDetail(state), classes: publicClasses(state), races: publicRaces(state) })));
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
  }, async (req, reply) => {
    const state = visible(req.params.eventId);
    return send(req, reply, kept(reply, state, 'categories', [], () => ({ categories: aggregatedCategories(state) })));
  });

  app.get<{ Params: { eventId: string; raceId: string }; Querystring: { catId?: string; detailed?: string } }>(
    '/events/:eventId/results/:raceId',
    { schema: { params: raceParams, querystring: resultsQuery, response: { 200: resultsResponseSchema } } },
    async (req, reply) => {
      const state = visible(req.params.eventId);
      const race = raceOf(state, req.params.raceId);
      const detailed = req.query.detailed === 'true' || req.query.detailed === '1';
      const catId = req.query.catId || null;
      const key = `results|${race.raceId}|${detailed}|${catId ?? ''}`;
      return send(req, reply, kept(reply, state, key, [race.raceId, pairsOf(state).get(race.raceId)], () => ({
        race: {
          raceId: race.raceId, classId: race.classId, raceType: race.raceType, raceStatus: race.raceStatus,
          officialAt: raceOfficialAt(state, race),
        },
        results: raceResults(state, race.raceId, { catId, detailed })!,
      })));
    },
  );

  app.get<{ Params: { eventId: string; raceId: string } }>('/events/:eventId/startlist/:raceId', {
    schema: { params: raceParams, response: { 200: startlistResponseSchema } },
  }, async (req, reply) => {
    const state = visible(req.params.eventId);
    const race = raceOf(state, req.params.raceId);
    const partner = pairsOf(state).get(race.raceId);
    return send(req, reply, kept(reply, state, `startlist|${race.raceId}`, [race.raceId, partner], () => ({
      race: { raceId: race.raceId, classId: race.classId, startTime: race.startTime, pairedRaceId: partner ?? null },
      startlist: startlist(state, race.raceId)!,
    })));
  });

  app.get<{ Params: { eventId: string } }>('/events/:eventId/oncourse', {
    schema: { params: eventParams, response: { 200: onCourseResponseSchema } },
  }, async (req) => ({ oncourse: onCourseList(visible(req.params.eventId)) }));
};
