/**
 * The identifiers every route group shares, written once for the station and the renderer: the
 * event id's pattern (what c123-server sends and the dashboard suggests) and the path parameters
 * of the routes under an event or a race. Schemas only, no behaviour.
 */

/**
 * An event id: what c123-server sends, and what the dashboard's create form accepts (also as its
 * input's `pattern`, hence the escaped `-`: browsers compile patterns with the `v` flag).
 */
export const EVENT_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._\\-]{0,99}$';

/** A row id of the station's database in a path (a deleted event, a refused uplink item). */
export const ROW_ID_PATTERN = '^[0-9]{1,12}$';

const pathId = { type: 'string', minLength: 1, maxLength: 200 } as const;

/** `/events/:eventId/…`: any id an event may have had (older c123-server ids included). */
export const eventParamsSchema = {
  type: 'object',
  properties: { eventId: pathId },
  required: ['eventId'],
} as const;

/** `/events/:eventId/races/:raceId/…`. */
export const raceParamsSchema = {
  type: 'object',
  properties: { eventId: pathId, raceId: pathId },
  required: ['eventId', 'raceId'],
} as const;
