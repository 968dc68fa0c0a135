/**
 * c123-server's ingest API: XML exports, live results, on-course riders. The `X-API-Key` alone
 * identifies the event. Every 2xx carries a JSON body (c123-server retries empty ones), and a push
 * before the first XML is answered `ignored: true`, never 4xx, so its circuit breaker stays shut.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { StationCore } from '../station-core.ts';
import { StationError } from '../station-core.ts';
import type { LiveResultInput, OnCourseInput } from '../domain/canoe123/live-rows.ts';
import { ingestCaller } from './auth.ts';
import type { Settings } from '../settings.ts';

const intN = { type: ['integer', 'null'] } as const;
const strN = { type: ['string', 'null'], maxLength: 200 } as const;
const id = { type: 'string', minLength: 1, maxLength: 200 } as const;
const bib = { anyOf: [{ type: 'integer' }, { type: 'string', maxLength: 20 }] } as const;

export const xmlBodySchema = {
  type: 'object',
  properties: { xml: { type: 'string', minLength: 1 } },
  required: ['xml'],
} as const;

export const resultsBodySchema = {
  type: 'object',
  properties: {
    results: {
      type: 'array',
      maxItems: 5000,
      items: {
        type: 'object',
        properties: {
          raceId: id, participantId: id, bib,
          time: intN, pen: intN, total: intN, status: strN, rnk: intN,
          catId: strN, catRnk: intN, totalBehind: strN, catTotalBehind: strN,
          dtStart: strN, dtFinish: strN,
          gates: {
            type: ['array', 'null'],
            maxItems: 100,
            items: {
              anyOf: [
                { type: ['integer', 'null'] },
                { type: 'object', properties: { gate: { type: 'integer', minimum: 1, maximum: 100 }, time: intN, pen: intN }, required: ['gate'] },
              ],
            },
          },
        },
        required: ['raceId', 'participantId', 'bib'],
      },
    },
  },
  required: ['results'],
} as const;

export const onCourseBodySchema = {
  type: 'object',
  properties: {
    oncourse: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        properties: {
          participantId: id, raceId: id, bib,
          name: strN, club: strN, position: intN,
          gates: { type: ['array', 'null'], maxItems: 100, items: { type: ['integer', 'null'] } },
          dtStart: strN, dtFinish: strN, time: intN, pen: intN, total: intN, rank: intN, ttbDiff: strN, ttbName: strN,
          dtSplit1: strN, dtSplit2: strN,
        },
        required: ['participantId', 'raceId', 'bib'],
      },
    },
  },
  required: ['oncourse'],
} as const;

export const ingestRoutes: FastifyPluginAsync<{ core: StationCore; settings: Settings }> = async (app, { core, settings }) => {
  app.decorateRequest('ingestEventId', '');
  // On the request's headers, before its body is read or validated: a caller without a valid key
  // gets 401 (not a 400 describing the schema), and their upload is never parsed.
  app.addHook('onRequest', async (req) => {
    const caller = ingestCaller(req, core);
    if (!caller || caller.kind !== 'ingest') {
      core.activity.refused(`ingest-key|${req.ip}`, null, `Refused an ingest push from ${req.ip}: ${req.headers['x-api-key'] ? 'unknown API key' : 'no API key'}`, Date.now());
      throw new StationError('Unauthorized', req.headers['x-api-key'] ? 'Invalid API key' : 'Missing or invalid X-API-Key header');
    }
    req.ingestEventId = caller.eventId;
  });

  app.post<{ Body: { xml: string } }>('/xml', { bodyLimit: settings.bodyLimitBytes, schema: { body: xmlBodySchema } }, async (req) => {
    return core.ingestXml(req.ingestEventId, req.body.xml);
  });

  app.post<{ Body: { results: LiveResultInput[] } }>('/results', { bodyLimit: settings.jsonBodyLimitBytes, schema: { body: resultsBodySchema } }, async (req) => {
    return core.ingestResults(req.ingestEventId, req.body.results);
  });

  app.post<{ Body: { oncourse: OnCourseInput[] } }>('/oncourse', { bodyLimit: settings.jsonBodyLimitBytes, schema: { body: onCourseBodySchema } }, async (req) => {
    return core.ingestOnCourse(req.ingestEventId, req.body.oncourse);
  });
};

declare module 'fastify' {
  interface FastifyRequest {
    ingestEventId: string;
  }
}
