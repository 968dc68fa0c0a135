/**
 * What c123-server pushes to the ingest API (docs/C123-SERVER.md, "The rows it pushes"): the
 * request schemas the routes validate with, and the row types read from them, so the schema and
 * the type cannot drift apart. The domain's one reader of these rows is
 * domain/canoe123/live-rows.ts.
 */
import type { FromSchema } from 'json-schema-to-ts';

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
          raceId: id,
          participantId: id,
          bib,
          time: intN,
          pen: intN,
          total: intN,
          status: strN,
          rnk: intN,
          catId: strN,
          catRnk: intN,
          totalBehind: strN,
          catTotalBehind: strN,
          dtStart: strN,
          dtFinish: strN,
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
          participantId: id,
          raceId: id,
          bib,
          name: strN,
          club: strN,
          position: intN,
          gates: { type: ['array', 'null'], maxItems: 100, items: { type: ['integer', 'null'] } },
          dtStart: strN,
          dtFinish: strN,
          time: intN,
          pen: intN,
          total: intN,
          rank: intN,
          ttbDiff: strN,
          ttbName: strN,
          dtSplit1: strN,
          dtSplit2: strN,
        },
        required: ['participantId', 'raceId', 'bib'],
      },
    },
  },
  required: ['oncourse'],
} as const;

/** One result row of `POST /ingest/results` (c123-server's `ResultInput`). */
export type LiveResultInput = FromSchema<typeof resultsBodySchema>['results'][number];
/** One rider of `POST /ingest/oncourse` (c123-server's `OnCourseInput`). */
export type OnCourseInput = FromSchema<typeof onCourseBodySchema>['oncourse'][number];
