/**
 * The public wire shapes of Raceside, one JSON schema each, with the TypeScript type inferred from
 * the schema so the shape is written exactly once. Field names are those of c123-live-mini
 * (docs/LIVE-PIPELINE.md, "Compatibility") so existing clients keep working.
 *
 * These schemas are also Fastify's response schemas: a field not declared here never leaves the
 * station, which is what keeps API keys and secrets out of public answers.
 *
 * Units: every time, penalty and total is an integer number of centiseconds; gate penalties are
 * seconds (0, 2, 50) as Canoe123 shows them.
 *
 * No functions and no imports from outside wire/ (type-only imports excepted): the renderer
 * imports this file.
 */
import type { FromSchema } from 'json-schema-to-ts';

const str = { type: 'string' } as const;
const strN = { type: ['string', 'null'] } as const;
const intN = { type: ['integer', 'null'] } as const;
const int = { type: 'integer' } as const;

export const eventStatuses = ['draft', 'startlist', 'running', 'finished', 'official'] as const;
export type EventStatus = (typeof eventStatuses)[number];
export const publicEventStatuses = ['startlist', 'running', 'finished', 'official'] as const;
export type PublicEventStatus = (typeof publicEventStatuses)[number];

export const mergeStrategies = ['xml-structure-live-results', 'xml-authoritative', 'live-authoritative'] as const;
export type MergeStrategy = (typeof mergeStrategies)[number];

export const raceTypes = [
  'best-run-1',
  'best-run-2',
  'training',
  'seeding',
  'qualification',
  'semifinal',
  'final',
  'cross-trial',
  'cross-heat',
  'cross-semifinal',
  'cross-final',
  'cross-extra',
  'unknown',
] as const;
export type PublicRaceType = (typeof raceTypes)[number];

export const publicGateSchema = {
  type: 'object',
  properties: {
    number: int,
    type: { type: 'string', enum: ['normal', 'reverse', 'unknown'] },
    penalty: intN,
  },
  required: ['number', 'type', 'penalty'],
  additionalProperties: false,
} as const;
export type PublicGate = FromSchema<typeof publicGateSchema>;

const eventProps = {
  eventId: str,
  mainTitle: str,
  subTitle: strN,
  location: strN,
  startDate: strN,
  endDate: strN,
  discipline: strN,
  status: { type: 'string', enum: publicEventStatuses },
  /**
   * The event's own header image (the organiser's image from the Canoe123 export), served at
   * `/api/v1/events/{eventId}/image`; the `v` query names its version, so a new image is a new URL.
   */
  imageUrl: strN,
  /** When the event reached its current status (ISO 8601); c123-live-mini never published it. */
  statusChangedAt: strN,
} as const;

export const publicEventSchema = {
  type: 'object',
  properties: eventProps,
  required: ['eventId', 'mainTitle', 'subTitle', 'location', 'startDate', 'endDate', 'discipline', 'status', 'imageUrl', 'statusChangedAt'],
  additionalProperties: false,
} as const;
export type PublicEvent = FromSchema<typeof publicEventSchema>;

export const publicEventDetailSchema = {
  type: 'object',
  properties: { ...eventProps, facility: strN },
  required: [...publicEventSchema.required, 'facility'],
  additionalProperties: false,
} as const;
export type PublicEventDetail = FromSchema<typeof publicEventDetailSchema>;

const categoryProps = { catId: str, name: str, firstYear: intN, lastYear: intN } as const;
export const publicCategorySchema = {
  type: 'object',
  properties: categoryProps,
  required: ['catId', 'name', 'firstYear', 'lastYear'],
  additionalProperties: false,
} as const;
export type PublicCategory = FromSchema<typeof publicCategorySchema>;

export const publicAggregatedCategorySchema = {
  type: 'object',
  properties: { ...categoryProps, classIds: { type: 'array', items: str } },
  required: ['catId', 'name', 'firstYear', 'lastYear', 'classIds'],
  additionalProperties: false,
} as const;
export type PublicAggregatedCategory = FromSchema<typeof publicAggregatedCategorySchema>;

export const publicClassSchema = {
  type: 'object',
  properties: { classId: str, name: str, longTitle: strN, categories: { type: 'array', items: publicCategorySchema } },
  required: ['classId', 'name', 'longTitle', 'categories'],
  additionalProperties: false,
} as const;
export type PublicClass = FromSchema<typeof publicClassSchema>;

export const publicRaceSchema = {
  type: 'object',
  properties: {
    raceId: str,
    classId: str,
    raceType: { type: 'string', enum: raceTypes },
    raceOrder: intN,
    startTime: strN,
    /** Canoe123's own race status code: 0 scheduled, 1 startlist, 3 in progress, 4 unofficial, 5 official… */
    raceStatus: int,
    /** Set when an official marked this race's results official at the station (ISO 8601). */
    officialAt: strN,
    /** The id of the other run of a best-run pair (BR1 ↔ BR2), null otherwise. */
    pairedRaceId: strN,
    courseNr: intN,
  },
  required: ['raceId', 'classId', 'raceType', 'raceOrder', 'startTime', 'raceStatus', 'officialAt', 'pairedRaceId', 'courseNr'],
  additionalProperties: false,
} as const;
export type PublicRace = FromSchema<typeof publicRaceSchema>;

export const publicStartlistEntrySchema = {
  type: 'object',
  properties: {
    startOrder: intN,
    bib: intN,
    athleteId: strN,
    name: str,
    club: strN,
    noc: strN,
    catId: strN,
    startTime: strN,
    participantId: str,
    /** Year of birth (Canoe123 `Participants/Year`, Czech "Ročník"); not in c123-live-mini. */
    year: intN,
  },
  required: ['startOrder', 'bib', 'athleteId', 'name', 'club', 'noc', 'catId', 'startTime', 'participantId', 'year'],
  additionalProperties: false,
} as const;
export type PublicStartlistEntry = FromSchema<typeof publicStartlistEntrySchema>;

const resultProps = {
  rnk: intN,
  bib: intN,
  athleteId: strN,
  name: str,
  club: strN,
  noc: strN,
  catId: strN,
  catRnk: intN,
  time: intN,
  pen: intN,
  total: intN,
  totalBehind: strN,
  catTotalBehind: strN,
  status: strN,
  /** Stable row key within the race (Canoe123 participant id); diffs upsert by it. */
  participantId: str,
  startOrder: intN,
  /** Year of birth (Canoe123 `Participants/Year`, Czech "Ročník"); not in c123-live-mini. */
  year: intN,
} as const;
const detailedProps = {
  dtStart: strN,
  dtFinish: strN,
  gates: { type: ['array', 'null'], items: publicGateSchema },
  courseGateCount: intN,
} as const;
const multiRunProps = {
  betterRunNr: intN,
  totalTotal: intN,
  prevTime: intN,
  prevPen: intN,
  prevTotal: intN,
  prevRnk: intN,
  prevStatus: strN,
  currStatus: strN,
} as const;
const multiRunDetailedProps = {
  prevDtStart: strN,
  prevDtFinish: strN,
  prevGates: { type: ['array', 'null'], items: publicGateSchema },
} as const;

/** The keys only a `detailed=true` row has (the run detail a phone fetches on demand). */
export const resultDetailKeys = [...Object.keys(detailedProps), ...Object.keys(multiRunDetailedProps)] as (
  keyof typeof detailedProps | keyof typeof multiRunDetailedProps
)[];

/**
 * One result row. Standard races carry the base fields; `detailed=true` adds dtStart…courseGateCount;
 * best-run races add the multi-run fields (and their detailed prev* fields). Optional fields are
 * absent rather than null when they do not apply, as in c123-live-mini.
 */
export const publicResultSchema = {
  type: 'object',
  properties: { ...resultProps, ...detailedProps, ...multiRunProps, ...multiRunDetailedProps },
  required: Object.keys(resultProps) as (keyof typeof resultProps)[],
  additionalProperties: false,
} as const;
export type PublicResult = FromSchema<typeof publicResultSchema>;

export const publicSplitSchema = {
  type: 'object',
  properties: { number: int, time: int },
  required: ['number', 'time'],
  additionalProperties: false,
} as const;
export type PublicSplit = FromSchema<typeof publicSplitSchema>;

export const publicOnCourseEntrySchema = {
  type: 'object',
  properties: {
    raceId: str,
    bib: int,
    name: str,
    club: strN,
    position: int,
    gates: { type: 'array', items: publicGateSchema },
    completed: { type: 'boolean' },
    dtStart: strN,
    dtFinish: strN,
    time: intN,
    pen: int,
    total: intN,
    rank: intN,
    /**
     * Canoe123's time-to-beat field as it sent it: unsigned, the time to beat itself ("78.99");
     * signed, the rider's gap to it at the last split or at the finish ("+12.79", "-2.00").
     */
    ttbDiff: strN,
    ttbName: strN,
    /**
     * The time to beat in centiseconds: Canoe123's own when `ttbDiff` is a time, else the result
     * of the rider `ttbName` names, as this station ranks the race (Canoe123 sends the name alone
     * while a rider runs between timing points); null when neither is known. Not in c123-live-mini.
     */
    ttbTime: intN,
    /**
     * The rider's split times so far (centiseconds from the start, split 1 first) when the timing
     * sends splits (Canoe123 `dtSplit1`/`dtSplit2`); empty otherwise. Not in c123-live-mini.
     */
    splits: { type: 'array', items: publicSplitSchema },
  },
  required: [
    'raceId',
    'bib',
    'name',
    'club',
    'position',
    'gates',
    'completed',
    'dtStart',
    'dtFinish',
    'time',
    'pen',
    'total',
    'rank',
    'ttbDiff',
    'ttbName',
    'ttbTime',
    'splits',
  ],
  additionalProperties: false,
} as const;
export type PublicOnCourseEntry = FromSchema<typeof publicOnCourseEntrySchema>;

export const resultsRaceSchema = {
  type: 'object',
  properties: {
    raceId: str,
    classId: str,
    raceType: { type: 'string', enum: raceTypes },
    raceStatus: int,
    officialAt: strN,
  },
  required: ['raceId', 'classId', 'raceType', 'raceStatus', 'officialAt'],
  additionalProperties: false,
} as const;

// ---- response bodies -------------------------------------------------------------------------

export const eventListResponseSchema = {
  type: 'object',
  properties: { events: { type: 'array', items: publicEventSchema } },
  required: ['events'],
  additionalProperties: false,
} as const;
export type EventListResponse = FromSchema<typeof eventListResponseSchema>;

export const eventDetailResponseSchema = {
  type: 'object',
  properties: {
    event: publicEventDetailSchema,
    classes: { type: 'array', items: publicClassSchema },
    races: { type: 'array', items: publicRaceSchema },
  },
  required: ['event', 'classes', 'races'],
  additionalProperties: false,
} as const;
export type EventDetailResponse = FromSchema<typeof eventDetailResponseSchema>;

export const categoriesResponseSchema = {
  type: 'object',
  properties: { categories: { type: 'array', items: publicAggregatedCategorySchema } },
  required: ['categories'],
  additionalProperties: false,
} as const;
export type CategoriesResponse = FromSchema<typeof categoriesResponseSchema>;

export const resultsResponseSchema = {
  type: 'object',
  properties: { race: resultsRaceSchema, results: { type: 'array', items: publicResultSchema } },
  required: ['race', 'results'],
  additionalProperties: false,
} as const;
export type ResultsResponse = FromSchema<typeof resultsResponseSchema>;

export const startlistResponseSchema = {
  type: 'object',
  properties: {
    race: {
      type: 'object',
      properties: { raceId: str, classId: str, startTime: strN, pairedRaceId: strN },
      required: ['raceId', 'classId', 'startTime', 'pairedRaceId'],
      additionalProperties: false,
    },
    startlist: { type: 'array', items: publicStartlistEntrySchema },
  },
  required: ['race', 'startlist'],
  additionalProperties: false,
} as const;
export type StartlistResponse = FromSchema<typeof startlistResponseSchema>;

export const onCourseResponseSchema = {
  type: 'object',
  properties: { oncourse: { type: 'array', items: publicOnCourseEntrySchema } },
  required: ['oncourse'],
  additionalProperties: false,
} as const;
export type OnCourseResponse = FromSchema<typeof onCourseResponseSchema>;
