/**
 * Generated requests for the JSON routes (issue 6, item 2): c123-server's ingest bodies with every
 * field valid, missing, of the wrong type, huge or hostile; arbitrary JSON; bodies that are not
 * JSON; wrong content types; the admin and status bodies; public GETs with hostile ids. Each
 * request names the credential it carries, so the harness can send it with the right secret.
 */
import fc from 'fast-check';
import { hostileValue } from './xml-fuzz.ts';

export type Credential = 'ingest' | 'operator' | 'status-ingest' | 'none' | 'wrong';

export interface FuzzRequest {
  route: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  credential: Credential;
  /** The body as sent (already text), or undefined for none. */
  payload?: string;
  contentType?: string;
}

export interface FuzzIds {
  eventId: string;
  statusEventId: string;
  raceIds: string[];
  participantIds: string[];
}

const anyJson = fc.jsonValue({ maxDepth: 4 });
const weirdNumber = fc.oneof(
  fc.constantFrom(0, -1, -0, 1e308, -1e308, 2 ** 53 + 1, 2 ** 31, -(2 ** 31), 0.5, 99.99, 1e-7, 6000, 60_001, 7999),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const weird = fc.oneof(weirdNumber, hostileValue, fc.boolean(), fc.constant(null), anyJson);

/** A field's value: mostly plausible, sometimes hostile. */
function maybe(arb: fc.Arbitrary<unknown>, valid: fc.Arbitrary<unknown>) {
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: arb });
}

/**
 * Records of plausible fields (the required ones always there), or, one time in four, records
 * whose every field may be hostile or missing: most requests must get past the schema to reach
 * the code behind it.
 */
function recordOf(fields: Record<string, fc.Arbitrary<unknown>>, required: string[]) {
  const hostile = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, maybe(weird, v)]));
  return { clean: fc.record(fields, { requiredKeys: required }), hostile: fc.record(hostile, { requiredKeys: [] }) };
}

/** A list of records: all plausible three times in four, else plausible and hostile ones mixed. */
function listOf(rows: { clean: fc.Arbitrary<unknown>; hostile: fc.Arbitrary<unknown> }, maxLength: number) {
  return fc.oneof(
    { weight: 3, arbitrary: fc.array(rows.clean, { maxLength }) },
    { weight: 1, arbitrary: fc.array(fc.oneof(rows.clean, rows.hostile), { maxLength }) },
  );
}

function resultRow(ids: FuzzIds) {
  return recordOf(
    {
      raceId: fc.constantFrom(...ids.raceIds, 'NO_SUCH_RACE'),
      participantId: fc.constantFrom(...ids.participantIds, 'no.such.rider'),
      bib: fc.oneof(
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 1, max: 999 }).map((b) => String(b).padStart(4, ' ')),
      ),
      time: fc.oneof(fc.constant(null), fc.integer({ min: 5000, max: 30_000 })),
      pen: fc.constantFrom(0, 200, 400, 5000, null),
      total: fc.oneof(fc.constant(null), fc.integer({ min: 5000, max: 40_000 })),
      status: fc.constantFrom(null, 'DNS', 'DNF', 'DSQ', '*', 'CAP', ''),
      rnk: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 120 })),
      catId: fc.constantFrom(null, 'DS', 'U23'),
      catRnk: fc.constant(null),
      totalBehind: fc.constantFrom(null, '+1.23'),
      catTotalBehind: fc.constant(null),
      dtStart: fc.constantFrom(null, '2026-11-27T10:34:20.123Z', '10:34:20.123', '99:99:99'),
      dtFinish: fc.constantFrom(null, '2026-11-27T10:35:11.325Z'),
      gates: fc.oneof(
        fc.constant(null),
        fc.array(fc.constantFrom(0, 2, 50, null), { maxLength: 30 }),
        fc.array(
          fc.record({
            gate: fc.integer({ min: 1, max: 100 }),
            time: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 50_000 })),
            pen: fc.constantFrom(0, 2, 50, null),
          }),
          { maxLength: 30 },
        ),
      ),
    },
    ['raceId', 'participantId', 'bib'],
  );
}

function onCourseRow(ids: FuzzIds) {
  return recordOf(
    {
      participantId: fc.constantFrom(...ids.participantIds),
      raceId: fc.constantFrom(...ids.raceIds),
      bib: fc.integer({ min: 0, max: 999 }),
      name: fc.constantFrom('KOPEČEK Michal', '', 'x'.repeat(200)),
      club: fc.constantFrom(null, 'VS Tábor'),
      position: fc.integer({ min: 0, max: 6 }),
      gates: fc.array(fc.constantFrom(0, 2, 50, null), { maxLength: 30 }),
      dtStart: fc.constantFrom(null, '2026-11-27T10:34:20.123Z'),
      dtFinish: fc.constant(null),
      time: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 20_000 })),
      pen: fc.constantFrom(0, 200, 5200),
      total: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 30_000 })),
      rank: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 100 })),
      ttbDiff: fc.constantFrom(null, '+12.79'),
      ttbName: fc.constantFrom(null, 'J. KREJČÍ'),
    },
    ['participantId', 'raceId', 'bib'],
  );
}

/** A JSON body: the route's own shape (with extra unknown keys sometimes), or anything at all. */
function bodyOf(shape: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: shape.map((b) => JSON.stringify(b)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(shape, fc.dictionary(fc.string({ maxLength: 12 }), weird, { maxKeys: 3 }))
        .map(([b, extra]) => JSON.stringify(typeof b === 'object' && b !== null && !Array.isArray(b) ? { ...extra, ...b } : b)),
    },
    { weight: 2, arbitrary: anyJson.map((b) => JSON.stringify(b)) },
    {
      weight: 1,
      arbitrary: fc.tuple(shape, fc.double({ min: 0, max: 1, noNaN: true })).map(([b, f]) => {
        const s = JSON.stringify(b);
        return s.slice(0, Math.floor(s.length * f));
      }),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        'null',
        '[]',
        '{}',
        '{"__proto__": {"polluted": 1}}',
        '{"constructor": {"prototype": {"x": 1}}}',
        '{"results": [{"__proto__": {"x": 1}}]}',
        `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
        '\uFEFF{}',
        '{"results": []}garbage',
        'NaN',
        '1e999999',
      ),
    },
  );
}

const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=utf-16',
      'APPLICATION/JSON',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/json, text/plain',
      '',
    ),
  },
);

const hostileSegment = fc.oneof(
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
  fc.constantFrom('%', '%00', '..', '%2e%2e', '%2F', 'x'.repeat(300), '%E0%A4%A', '😀', '<script>', "'", 'K1M_ST_BR2_6?x=1', ''),
);

const text = fc.oneof(fc.constant(null), fc.string({ maxLength: 40 }));

/** One record: plausible three times in four, else with hostile fields. */
function oneRecord(r: { clean: fc.Arbitrary<unknown>; hostile: fc.Arbitrary<unknown> }) {
  return fc.oneof({ weight: 3, arbitrary: r.clean }, { weight: 1, arbitrary: r.hostile });
}

export function fuzzRequest(ids: FuzzIds): fc.Arbitrary<FuzzRequest> {
  const ev = encodeURIComponent(ids.eventId);
  const statusEv = encodeURIComponent(ids.statusEventId);
  const json = (route: string, method: FuzzRequest['method'], url: string, credential: Credential, shape: fc.Arbitrary<unknown>) =>
    fc.tuple(bodyOf(shape), contentType).map(([payload, ct]): FuzzRequest => ({ route, method, url, credential, payload, contentType: ct }));
  const statusShape = oneRecord(recordOf({ status: fc.constantFrom('draft', 'startlist', 'running', 'finished', 'official') }, ['status']));
  return fc.oneof(
    {
      weight: 10,
      arbitrary: json(
        'ingest/results',
        'POST',
        '/api/v1/ingest/results',
        'ingest',
        fc.oneof({ weight: 4, arbitrary: fc.record({ results: listOf(resultRow(ids), 25) }) }, { weight: 1, arbitrary: fc.record({ results: weird }) }),
      ),
    },
    {
      weight: 8,
      arbitrary: json(
        'ingest/oncourse',
        'POST',
        '/api/v1/ingest/oncourse',
        'ingest',
        fc.oneof({ weight: 4, arbitrary: fc.record({ oncourse: listOf(onCourseRow(ids), 8) }) }, { weight: 1, arbitrary: fc.record({ oncourse: weird }) }),
      ),
    },
    { weight: 3, arbitrary: json('ingest/xml (JSON)', 'POST', '/api/v1/ingest/xml', 'ingest', fc.record({ xml: weird }, { requiredKeys: [] })) },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom<Credential>('status-ingest', 'operator')
        .chain((c) => json('admin/status', 'PATCH', `/api/v1/admin/events/${statusEv}/status`, c, statusShape)),
    },
    { weight: 1, arbitrary: json('admin/status (other event)', 'PATCH', `/api/v1/admin/events/${ev}/status`, 'status-ingest', statusShape) },
    {
      weight: 2,
      arbitrary: json(
        'admin/create',
        'POST',
        '/api/v1/admin/events',
        'operator',
        oneRecord(
          recordOf(
            {
              eventId: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
              mainTitle: fc.string({ minLength: 1, maxLength: 30 }),
              subTitle: text,
              location: text,
              facility: text,
              startDate: fc.constantFrom('2024-04-06', '2024-04-06T08:00:00+02:00', null),
              endDate: text,
              discipline: fc.constantFrom('Slalom', 'Sprint', 'WildWater', null),
              imageData: fc.constantFrom('data:image/png;base64,AAAA', null),
            },
            ['eventId', 'mainTitle'],
          ),
        ),
      ),
    },
    {
      weight: 2,
      arbitrary: json(
        'admin/update',
        'PATCH',
        `/api/v1/admin/events/${ev}`,
        'operator',
        oneRecord(
          recordOf(
            {
              mainTitle: fc.string({ minLength: 1, maxLength: 30 }),
              subTitle: text,
              location: text,
              facility: text,
              startDate: text,
              endDate: text,
              discipline: text,
              mergeStrategy: fc.constantFrom('xml-structure-live-results', 'xml-authoritative', 'live-authoritative'),
            },
            [],
          ),
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.oneof(fc.constantFrom(...ids.raceIds), hostileSegment), fc.constantFrom<Credential>('operator', 'none'))
        .chain(([race, c]) =>
          json(
            'admin/race-official',
            'PUT',
            `/api/v1/admin/events/${ev}/races/${race}/official`,
            c,
            oneRecord(recordOf({ official: fc.boolean() }, ['official'])),
          ),
        ),
    },
    {
      weight: 1,
      arbitrary: json(
        'admin/settings',
        'PATCH',
        '/api/v1/admin/settings',
        'operator',
        oneRecord(
          recordOf(
            {
              maxConnectionsPerEvent: fc.integer({ min: 1000, max: 5000 }),
              heartbeatMs: fc.integer({ min: 20_000, max: 60_000 }),
              heartbeatTimeoutMs: fc.integer({ min: 5000, max: 20_000 }),
              officialGraceMs: fc.integer({ min: 0, max: 10_000 }),
              defaultMergeStrategy: fc.constantFrom('xml-structure-live-results', 'xml-authoritative', 'live-authoritative'),
              officialsPin: fc.oneof(fc.stringMatching(/^[0-9]{6,12}$/), fc.constant(null)),
            },
            [],
          ),
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: hostileSegment.map((id): FuzzRequest => ({
        route: 'admin/delete (unknown)',
        method: 'DELETE',
        url: `/api/v1/admin/events/zz-${id}`,
        credential: 'operator',
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom<Credential>('none', 'wrong')
        .chain((c) => json('ingest without key', 'POST', '/api/v1/ingest/results', c, fc.record({ results: listOf(resultRow(ids), 3) }))),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.constantFrom('events', 'event', 'categories', 'results', 'startlist', 'oncourse'),
          fc.oneof(fc.constant(ev), hostileSegment),
          fc.oneof(fc.constantFrom(...ids.raceIds), hostileSegment),
          fc.oneof(
            fc.constant(''),
            fc.tuple(hostileSegment, fc.constantFrom('true', 'false', '1', 'x', '')).map(([cat, d]) => `?catId=${cat}&detailed=${d}`),
          ),
        )
        .map(([kind, e, race, query]): FuzzRequest => {
          const url =
            kind === 'events'
              ? '/api/v1/events'
              : kind === 'event'
                ? `/api/v1/events/${e}`
                : kind === 'results' || kind === 'startlist'
                  ? `/api/v1/events/${e}/${kind}/${race}${query}`
                  : `/api/v1/events/${e}/${kind}`;
          return { route: `public ${kind}`, method: 'GET', url, credential: 'none' };
        }),
    },
  );
}
