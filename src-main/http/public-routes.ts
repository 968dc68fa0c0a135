/**
 * The public read API (no auth): events, event detail, categories, results, startlist, on-course,
 * the event's header image, and the live event venue screens follow. Draft events are invisible
 * (404), their image included. Official events stay readable. Every JSON answer goes through a
 * response schema from wire/api.ts, so nothing undeclared (keys, secrets) can leak; the image
 * route sends only the picture's bytes.
 *
 * The documents come from a public source (public-source.ts): the station's own state, or a
 * relay's copy of the writer's snapshots; this plugin is the same in both.
 *
 * Answers about an event are built once per version and kept (public-answers.ts), gzip included.
 * Each client address may make a budget of requests per 10 s (settings.ts
 * `publicRequestsPer10s`), then gets 429 `TooManyRequests` with `Retry-After`: generous enough for
 * hundreds of phones behind one NAT'd access point, while one script cannot keep the station busy.
 * The budget covers these routes only: ingest and admin are never limited by it.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import {
  type CategoriesResponse,
  type EventDetailResponse,
  type ResultsResponse,
  type StartlistResponse,
  categoriesResponseSchema,
  eventDetailResponseSchema,
  eventListResponseSchema,
  onCourseResponseSchema,
  resultsResponseSchema,
  startlistResponseSchema,
} from '../wire/api.ts';
import { liveEventResponseSchema } from '../wire/screens.ts';
import { eventParamsSchema, raceParamsSchema } from '../wire/params.ts';
import type { EventImage } from '../domain/model.ts';
import { StationError } from '../station-core.ts';
import type { Settings } from '../settings.ts';
import type { CachedAnswer, PublicAnswers } from './public-answers.ts';
import type { PublicEventView, PublicSource } from './public-source.ts';
import { gzipHeaders, gzipsFor } from './compress-json.ts';

/** A route's answer, whose lists may be the source's own read-only arrays: serialized, never changed. */
type Answer<T> = { readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? readonly E[] : T[K] };

export interface PublicDeps {
  source: PublicSource;
  settings: Settings;
  answers: PublicAnswers;
}

/** Public requests one address may make per 10 s (settings.ts explains the numbers). */
export function publicRequestBudget(s: Settings): number {
  return Math.max(s.publicRequestsPer10s, s.publicRequestsPerSocketPer10s * s.maxConnectionsPerAddress);
}

const resultsQuery = {
  type: 'object',
  properties: {
    catId: { type: 'string', maxLength: 100 },
    detailed: { type: 'string', enum: ['true', 'false', '1', '0', ''] },
    includeAllRuns: { type: 'string' },
  },
} as const;

export const publicRoutes: FastifyPluginAsync<PublicDeps> = async (plugin, { source, settings, answers }) => {
  const app = plugin.withTypeProvider<JsonSchemaToTsProvider>();
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
  /**
   * The kept answer for `key`, built through the route's response schema when stale; `T` is the
   * type of that schema (wire/api.ts), so what `build` makes is checked against it.
   */
  const kept = <T>(reply: FastifyReply, view: PublicEventView, key: string, races: readonly (string | null)[], build: () => Answer<T>) =>
    answers.get(
      view.eventId,
      key,
      races.filter((r): r is string => r !== null),
      () => String(reply.serialize(build())),
    );

  const visible = (eventId: string): PublicEventView => {
    const view = source.event(eventId);
    if (!view || view.status === 'draft') throw new StationError('NotFound', 'Event not found');
    return view;
  };
  const raceOf = (view: PublicEventView, raceId: string) => {
    const race = view.race(raceId);
    if (!race) throw new StationError('RaceNotFound', `Race not found: ${raceId}`);
    return race;
  };

  app.get('/events', { schema: { response: { 200: eventListResponseSchema } } }, async () => ({ events: source.eventList() }));

  // The event a venue screen with no `?event=` shows (domain/live-event.ts): a few events, no cache
  // needed. Venue screens talk to the station: a relay's source does not know it, and it is 404 there.
  const liveEvent = source.liveEvent?.bind(source);
  if (liveEvent) {
    app.get('/live-event', { schema: { response: { 200: liveEventResponseSchema } } }, async () => {
      const live = liveEvent();
      return { eventId: live?.eventId ?? null, status: live?.status ?? null };
    });
  }

  app.get(
    '/events/:eventId',
    {
      schema: { params: eventParamsSchema, response: { 200: eventDetailResponseSchema } },
    },
    async (req, reply) => {
      const view = visible(req.params.eventId);
      return send(
        req,
        reply,
        kept<EventDetailResponse>(reply, view, 'event', [], () => view.detail()),
      );
    },
  );

  // The image's bytes, decoded once per version (the state keeps the export's base64).
  const decoded = new WeakMap<EventImage, Buffer>();
  const imageQuery = { type: 'object', properties: { v: { type: 'string', maxLength: 40 } } } as const;

  app.get(
    '/events/:eventId/image',
    {
      schema: { params: eventParamsSchema, querystring: imageQuery },
    },
    async (req, reply) => {
      const image = visible(req.params.eventId).image();
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
    },
  );

  app.get(
    '/events/:eventId/categories',
    {
      schema: { params: eventParamsSchema, response: { 200: categoriesResponseSchema } },
    },
    async (req, reply) => {
      const view = visible(req.params.eventId);
      return send(
        req,
        reply,
        kept<CategoriesResponse>(reply, view, 'categories', [], () => ({ categories: view.categories() })),
      );
    },
  );

  app.get(
    '/events/:eventId/results/:raceId',
    { schema: { params: raceParamsSchema, querystring: resultsQuery, response: { 200: resultsResponseSchema } } },
    async (req, reply) => {
      const view = visible(req.params.eventId);
      const race = raceOf(view, req.params.raceId);
      const detailed = req.query.detailed === 'true' || req.query.detailed === '1';
      const catId = req.query.catId || null;
      const key = `results|${race.raceId}|${detailed}|${catId ?? ''}`;
      return send(
        req,
        reply,
        kept<ResultsResponse>(reply, view, key, [race.raceId, race.pairedRaceId], () => ({
          race: { raceId: race.raceId, classId: race.classId, raceType: race.raceType, raceStatus: race.raceStatus, officialAt: race.officialAt },
          results: view.results(race.raceId, { catId, detailed }),
        })),
      );
    },
  );

  app.get(
    '/events/:eventId/startlist/:raceId',
    {
      schema: { params: raceParamsSchema, response: { 200: startlistResponseSchema } },
    },
    async (req, reply) => {
      const view = visible(req.params.eventId);
      const race = raceOf(view, req.params.raceId);
      return send(
        req,
        reply,
        kept<StartlistResponse>(reply, view, `startlist|${race.raceId}`, [race.raceId, race.pairedRaceId], () => ({
          race: { raceId: race.raceId, classId: race.classId, startTime: race.startTime, pairedRaceId: race.pairedRaceId },
          startlist: view.startlist(race.raceId),
        })),
      );
    },
  );

  app.get(
    '/events/:eventId/oncourse',
    {
      schema: { params: eventParamsSchema, response: { 200: onCourseResponseSchema } },
    },
    async (req) => ({ oncourse: visible(req.params.eventId).oncourse() }),
  );
};
