/**
 * Bad input, fuzzed (issue 6, item 2): over 10,000 generated inputs a run, with fast-check.
 *
 * 1. The XML importer, called directly: mutations of a small valid export and of the real 2.9 MB
 *    one. `parseCanoe123Xml` never throws, refuses with a message, and whatever it accepts imports
 *    and renders (every public view of every race) without throwing and without NaN or Infinity.
 * 2. The JSON routes through Fastify's `inject` on an in-process station: ingest, status, admin,
 *    settings and public requests with valid, missing, mistyped, huge and hostile fields, arbitrary
 *    JSON, non-JSON and wrong content types. Never a 5xx, every error is `{ error, message }`,
 *    and a refused request changes nothing: the same event state objects, the same database rows,
 *    the same settings.
 * 3. The same over real HTTP against a station process, XML imports included; after each refused
 *    request the public results are unchanged, after each accepted XML every public route of the
 *    event answers below 500; the process is alive at the end.
 *
 * The seed: `HARDENING_SEED=<n>` repeats a run; in CI (`CI=true`) the seed of the day, locally a
 * random one (lib/util.ts `chooseSeed`), printed first. fast-check prints the seed, the replay path
 * and the shrunk input on failure; a failing seed becomes a regression test in pinned-seeds.ts,
 * whose seeds run before the run's own on every run.
 */
import type { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCanoe123Xml } from '../../src-main/domain/canoe123/xml-export.ts';
import { decideXmlImport } from '../../src-main/domain/xml-import.ts';
import { newEvent } from '../../src-main/domain/event-admin.ts';
import { aggregatedCategories, fullPayload, onCourseList, raceResults, startlist } from '../../src-main/domain/public-view.ts';
import type { EventState } from '../../src-main/domain/model.ts';
import { api, createEvent, ingest, rawPost, startInProcessStation, startTestStation, type TestStation } from '../helpers/station.ts';
import { realXml } from '../helpers/capture.ts';
import { mutated, smallExport } from './lib/xml-fuzz.ts';
import { fuzzRequest, type FuzzIds, type FuzzRequest } from './lib/json-fuzz.ts';
import { chosen, describeSeed } from './lib/util.ts';
import { pinnedSeeds, type FuzzProperty } from './pinned-seeds.ts';

const seed = chosen.seed;
console.log(`fuzz: ${describeSeed(chosen)}; ${pinnedSeeds.length} pinned seed(s) replayed first`);
let pinnedReplayed = 0;

/**
 * Runs a property with each pinned seed of that name (pinned-seeds.ts), then with this run's
 * seed for `numRuns` inputs.
 */
function check<T>(name: FuzzProperty, property: fc.IProperty<T>, numRuns: number): void;
function check<T>(name: FuzzProperty, property: fc.IAsyncProperty<T>, numRuns: number): Promise<void>;
function check<T>(name: FuzzProperty, property: fc.IProperty<T> | fc.IAsyncProperty<T>, numRuns: number): void | Promise<void> {
  const runs = [
    // A pin with a path replays that one input; without one, the whole run of its seed.
    ...pinnedSeeds.filter((p) => p.property === name).map((p) => ({ seed: p.seed, path: p.path, numRuns: p.path ? 1 : numRuns, pinned: true })),
    { seed, path: undefined, numRuns, pinned: false },
  ];
  const params = (r: (typeof runs)[number]) => ({ seed: r.seed, numRuns: r.numRuns, endOnFailure: true, ...(r.path ? { path: r.path } : {}) });
  if (property.isAsync()) {
    return (async () => {
      for (const r of runs) {
        await fc.assert(property as fc.IAsyncProperty<T>, params(r));
        if (r.pinned) pinnedReplayed++;
      }
    })();
  }
  for (const r of runs) {
    fc.assert(property as fc.IProperty<T>, params(r));
    if (r.pinned) pinnedReplayed++;
  }
}
const RUNS = { xmlSmall: 6000, xmlReal: 40, jsonInject: 4000, jsonHttp: 300, xmlHttpSmall: 200, xmlHttpReal: 10 };
const totals = { inputs: 0 };

/** Every number in a value is finite (JSON would silently turn NaN and Infinity into null). */
function nonFinite(value: unknown, path = '$'): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} = ${value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = nonFinite(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const bad = nonFinite(v, `${path}.${k}`);
      if (bad) return bad;
    }
  }
  return null;
}

/** What the station does with an export, minus HTTP: parse, import into a fresh event, render. */
function importAndRender(xml: string): { accepted: boolean; problem: string | null } {
  let parsed: ReturnType<typeof parseCanoe123Xml>;
  try {
    parsed = parseCanoe123Xml(xml);
  } catch (err) {
    return { accepted: false, problem: `parseCanoe123Xml threw: ${(err as Error).stack}` };
  }
  if (!parsed || typeof parsed !== 'object') return { accepted: false, problem: 'no result' };
  if (!parsed.ok)
    return {
      accepted: false,
      problem: typeof parsed.message === 'string' && parsed.message.length > 10 ? null : `refusal without a message: ${JSON.stringify(parsed)}`,
    };
  const ex = parsed.export;
  const c = ex.counts;
  if (
    c.participants !== ex.structure.participants.length ||
    c.races !== ex.structure.races.length ||
    c.classes !== ex.structure.classes.length ||
    c.results !== ex.results.length
  ) {
    return { accepted: true, problem: `counts ${JSON.stringify(c)} do not match the export` };
  }
  const bad = nonFinite(ex);
  if (bad) return { accepted: true, problem: `parsed export holds ${bad}` };
  try {
    const now = '2024-04-06T10:00:00.000Z';
    const fresh = newEvent(
      { eventId: 'fuzz', mainTitle: 'Fuzz', subTitle: null, location: null, facility: null, startDate: null, endDate: null, discipline: null },
      'k',
      'xml-structure-live-results',
      now,
    );
    const decision = decideXmlImport(fresh, ex, now);
    if (!decision.ok) return { accepted: true, problem: `import refused a parsed export: ${decision.message}` };
    const state: EventState = { ...decision.state, status: 'running' };
    const views: unknown[] = [fullPayload(state), aggregatedCategories(state), onCourseList(state)];
    for (const race of state.structure.races) {
      views.push(raceResults(state, race.raceId, { detailed: true }), raceResults(state, race.raceId, {}), startlist(state, race.raceId));
    }
    const badView = nonFinite(views);
    if (badView) return { accepted: true, problem: `public view holds ${badView}` };
    JSON.stringify(views);
  } catch (err) {
    return { accepted: true, problem: `import or public view threw: ${(err as Error).stack}` };
  }
  return { accepted: true, problem: null };
}

describe('fuzzing the XML importer directly', () => {
  it(`survives ${RUNS.xmlSmall} mutations of a small valid export`, () => {
    expect(importAndRender(smallExport)).toEqual({ accepted: true, problem: null });
    let accepted = 0;
    const t0 = performance.now();
    check(
      'xml-small',
      fc.property(mutated(smallExport), ({ xml }) => {
        const r = importAndRender(xml);
        if (r.accepted) accepted++;
        return (
          r.problem === null ||
          (() => {
            throw new Error(r.problem!);
          })()
        );
      }),
      RUNS.xmlSmall,
    );
    totals.inputs += RUNS.xmlSmall;
    console.log(
      `fuzz XML (small export, seed ${seed}): ${RUNS.xmlSmall} mutations, ${accepted} accepted, ${RUNS.xmlSmall - accepted} refused with a message, 0 throws, ${(performance.now() - t0).toFixed(0)} ms`,
    );
  }, 120_000);

  it(`survives ${RUNS.xmlReal} mutations of the real 2.9 MB export`, () => {
    const xml = realXml();
    let accepted = 0;
    const t0 = performance.now();
    check(
      'xml-real',
      fc.property(mutated(xml), ({ xml: m }) => {
        const r = importAndRender(m);
        if (r.accepted) accepted++;
        return (
          r.problem === null ||
          (() => {
            throw new Error(r.problem!);
          })()
        );
      }),
      RUNS.xmlReal,
    );
    totals.inputs += RUNS.xmlReal;
    console.log(
      `fuzz XML (real export, seed ${seed}): ${RUNS.xmlReal} mutations, ${accepted} accepted, ${RUNS.xmlReal - accepted} refused, 0 throws, ${(performance.now() - t0).toFixed(0)} ms`,
    );
  }, 120_000);
});

describe('fuzzing the JSON routes', () => {
  let station: Awaited<ReturnType<typeof startInProcessStation>>;
  let ids: FuzzIds;
  const keys = { ingest: '', status: '' };

  beforeAll(async () => {
    // On-course riders never expire during the run: the expiry timer must not change the state
    // between the two fingerprints around a refused request.
    station = await startInProcessStation({ onCourseTtlMs: 3_600_000, maxConnectionsPerAddress: 100_000 });
    const create = async (eventId: string) => {
      const res = await station.app.inject({
        method: 'POST',
        url: '/api/v1/admin/events',
        headers: { 'x-master-key': station.adminSecret },
        payload: { eventId, mainTitle: eventId },
      });
      return res.json().apiKey as string;
    };
    keys.ingest = await create('fuzz-main');
    keys.status = await create('fuzz-status');
    const post = (url: string, payload: unknown, key = keys.ingest, method: 'POST' | 'PATCH' = 'POST') =>
      station.app.inject({ method, url, headers: { 'x-api-key': key }, payload: payload as object });
    expect((await post('/api/v1/ingest/xml', { xml: realXml() })).statusCode).toBe(200);
    expect((await post('/api/v1/admin/events/fuzz-main/status', { status: 'running' }, keys.ingest, 'PATCH')).statusCode).toBe(200);
    const startlistOf = async (raceId: string) =>
      (await station.app.inject({ url: `/api/v1/events/fuzz-main/startlist/${raceId}` })).json().startlist as { participantId: string }[];
    const raceIds = ['K1M_ST_BR1_6', 'K1M_ST_BR2_6', 'C1W_ST_BR2_6', 'C2M_ST_BR1_6'];
    const participantIds = (await Promise.all(raceIds.map(startlistOf)))
      .flat()
      .map((p) => p.participantId)
      .slice(0, 60);
    ids = { eventId: 'fuzz-main', statusEventId: 'fuzz-status', raceIds, participantIds };
  });
  afterAll(async () => station?.cleanup());

  it(`never answers 5xx and a refused request changes nothing (${RUNS.jsonInject} requests via inject)`, async () => {
    const db = (station.core as unknown as { store: { db: DatabaseSync } }).store.db;
    const rowsQuery = db.prepare('SELECT count(*) AS n, coalesce(sum(length(row)), 0) AS b FROM results');
    const eventsQuery = db.prepare(
      "SELECT group_concat(event_id || status || meta || merge_strategy || structure_version || has_xml || api_key, '|') AS s FROM events",
    );
    const settingsQuery = db.prepare("SELECT group_concat(key || '=' || value, '|') AS s FROM station_settings");
    const historyQuery = db.prepare('SELECT count(*) AS n FROM status_history');
    const fingerprint = () => ({
      states: station.core.all(),
      rows: rowsQuery.get(),
      events: eventsQuery.get(),
      settings: settingsQuery.get(),
      history: historyQuery.get(),
      memory: JSON.stringify(station.settings),
    });
    const sameFingerprint = (a: ReturnType<typeof fingerprint>, b: ReturnType<typeof fingerprint>) =>
      a.states.length === b.states.length &&
      a.states.every((s, i) => s === b.states[i]) &&
      JSON.stringify([a.rows, a.events, a.settings, a.history, a.memory]) === JSON.stringify([b.rows, b.events, b.settings, b.history, b.memory]);
    const crashes: unknown[] = [];
    const onCrash = (err: unknown) => crashes.push(err);
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    const byRoute = new Map<string, { sent: number; accepted: number; statuses: Map<number, number> }>();
    const t0 = performance.now();
    try {
      await check(
        'json-inject',
        fc.asyncProperty(fuzzRequest(ids), async (req: FuzzRequest) => {
          const headers: Record<string, string> = {};
          if (req.contentType !== undefined && req.payload !== undefined) headers['content-type'] = req.contentType;
          if (req.credential === 'ingest') headers['x-api-key'] = keys.ingest;
          if (req.credential === 'status-ingest') headers['x-api-key'] = keys.status;
          if (req.credential === 'operator') headers.authorization = `Bearer ${station.adminSecret}`;
          if (req.credential === 'wrong') headers['x-api-key'] = 'wrong-key';
          const before = fingerprint();
          const res = await station.app.inject({ method: req.method, url: req.url, headers, payload: req.payload });
          const stat = byRoute.get(req.route) ?? { sent: 0, accepted: 0, statuses: new Map() };
          byRoute.set(req.route, stat);
          stat.sent++;
          stat.statuses.set(res.statusCode, (stat.statuses.get(res.statusCode) ?? 0) + 1);
          const what = `${req.method} ${req.url} [${req.contentType}] ${String(req.payload).slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
          if (res.statusCode >= 500) throw new Error(`5xx: ${what}`);
          let body: { error?: unknown; message?: unknown };
          try {
            body = res.json();
          } catch {
            throw new Error(`answer is not JSON: ${what}`);
          }
          if (res.statusCode >= 400) {
            if (typeof body?.error !== 'string' || typeof body?.message !== 'string') throw new Error(`error without { error, message }: ${what}`);
            if (!sameFingerprint(before, fingerprint())) throw new Error(`a refused request changed the station: ${what}`);
          } else stat.accepted++;
          // Keep the status event able to move (official is final): start it over, outside the fuzz.
          if (station.core.get('fuzz-status')?.status === 'official') {
            station.core.deleteEvent('fuzz-status');
            keys.status = station.core.createEvent({
              eventId: 'fuzz-status',
              mainTitle: 's',
              subTitle: null,
              location: null,
              facility: null,
              startDate: null,
              endDate: null,
              discipline: null,
            }).apiKey;
          }
          return true;
        }),
        RUNS.jsonInject,
      );
    } finally {
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    }
    totals.inputs += RUNS.jsonInject;
    const health = await station.app.inject({ url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(crashes).toEqual([]);
    const lines = [...byRoute]
      .sort((a, b) => b[1].sent - a[1].sent)
      .map(
        ([route, s]) =>
          `  ${route.padEnd(28)} ${String(s.sent).padStart(5)} sent, ${String(s.accepted).padStart(4)} accepted; ${[...s.statuses]
            .sort((a, b) => a[0] - b[0])
            .map(([k, v]) => `${k}×${v}`)
            .join(' ')}`,
      );
    console.log(
      `fuzz JSON via inject (seed ${seed}): ${RUNS.jsonInject} requests in ${(performance.now() - t0).toFixed(0)} ms, 0 × 5xx, every refusal changed nothing\n${lines.join('\n')}`,
    );
    // The generator reaches the deep paths: valid pushes get through too.
    expect(byRoute.get('ingest/results')!.accepted).toBeGreaterThan(100);
    expect(byRoute.get('ingest/oncourse')!.accepted).toBeGreaterThan(100);
  }, 180_000);
});

describe('fuzzing over real HTTP against a station process', () => {
  let station: TestStation;
  let mainKey: string;
  let xmlKey: string;
  let ids: FuzzIds;
  let statusKey: string;

  beforeAll(async () => {
    // Every request of the run comes from 127.0.0.1: lift the per-address budget explicitly.
    station = await startTestStation({ args: ['--max-connections-per-address', '100000'] });
    ({ apiKey: mainKey } = await createEvent(station, 'http-main'));
    ({ apiKey: xmlKey } = await createEvent(station, 'http-xml'));
    ({ apiKey: statusKey } = await createEvent(station, 'http-status'));
    expect((await ingest(station, mainKey, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
    expect((await ingest(station, mainKey, '/api/v1/admin/events/http-main/status', { status: 'running' })).status).toBe(200);
    expect((await ingest(station, xmlKey, '/api/v1/ingest/xml', { xml: smallExport })).status).toBe(200);
    expect((await ingest(station, xmlKey, '/api/v1/admin/events/http-xml/status', { status: 'running' })).status).toBe(200);
    const sl = await api(station, 'GET', '/api/v1/events/http-main/startlist/K1M_ST_BR2_6');
    ids = {
      eventId: 'http-main',
      statusEventId: 'http-status',
      raceIds: ['K1M_ST_BR1_6', 'K1M_ST_BR2_6', 'C1W_ST_BR2_6'],
      participantIds: sl.body.startlist.map((p: { participantId: string }) => p.participantId).slice(0, 40),
    };
  });
  afterAll(async () => station?.cleanup());

  /** The public face of an event: detail and the detailed results of its races (or of `raceIds`). */
  const publicSnapshot = async (eventId: string, raceIds?: string[]) => {
    const detail = await api(station, 'GET', `/api/v1/events/${eventId}`);
    if (detail.status !== 200) return { detail: detail.status };
    const lists: unknown[] = [];
    for (const raceId of raceIds ?? (detail.body.races as { raceId: string }[]).map((r) => r.raceId)) {
      const res = await api(station, 'GET', `/api/v1/events/${eventId}/results/${raceId}?detailed=true`);
      lists.push([raceId, res.status, res.body]);
    }
    return { detail: detail.body, lists };
  };

  it(`never answers 5xx over HTTP and a refused request changes no public result (${RUNS.jsonHttp} JSON requests)`, async () => {
    let refused = 0;
    const statuses = new Map<number, number>();
    let before = await publicSnapshot('http-main', ids.raceIds);
    await check(
      'json-http',
      fc.asyncProperty(fuzzRequest(ids), async (req) => {
        const headers: Record<string, string> = {};
        if (req.contentType !== undefined && req.payload !== undefined) headers['content-type'] = req.contentType;
        if (req.credential === 'ingest') headers['x-api-key'] = mainKey;
        if (req.credential === 'status-ingest') headers['x-api-key'] = statusKey;
        if (req.credential === 'operator') headers.authorization = `Bearer ${station.adminSecret}`;
        if (req.credential === 'wrong') headers['x-api-key'] = 'wrong-key';
        const res = await api(station, req.method, req.url, { headers, rawBody: req.payload });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const what = `${req.method} ${req.url} ${String(req.payload).slice(0, 200)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
        if (res.status >= 500) throw new Error(`5xx: ${what}`);
        if (res.status >= 400 && typeof res.body?.error !== 'string') throw new Error(`error without { error, message }: ${what}`);
        const writes = req.method !== 'GET';
        if (res.status >= 400 && writes) {
          refused++;
          const after = await publicSnapshot('http-main', ids.raceIds);
          if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error(`a refused request changed public results: ${what}`);
        } else if (writes) before = await publicSnapshot('http-main', ids.raceIds);
        return true;
      }),
      RUNS.jsonHttp,
    );
    totals.inputs += RUNS.jsonHttp;
    console.log(
      `fuzz JSON over HTTP (seed ${seed}): ${RUNS.jsonHttp} requests, ${refused} refused writes checked against a public snapshot; ${[...statuses]
        .sort((a, b) => a[0] - b[0])
        .map(([k, v]) => `${k}×${v}`)
        .join(' ')}`,
    );
  }, 180_000);

  it(`imports or refuses mutated XML over HTTP, never 5xx (${RUNS.xmlHttpSmall} small + ${RUNS.xmlHttpReal} real exports)`, async () => {
    const counts = { accepted: 0, refused: 0, publicGets: 0 };
    let before = await publicSnapshot('http-xml');
    const property = (base: string) =>
      fc.asyncProperty(mutated(base), async ({ names, xml }) => {
        // Past the body limit the station answers 413 from the Content-Length and closes: send such a
        // body so that the answer is read rather than lost to EPIPE (the pinned seed 4 is one).
        const body = JSON.stringify({ xml });
        const res =
          Buffer.byteLength(body) > 16 * 1024 * 1024
            ? await rawPost(station, '/api/v1/ingest/xml', body, { 'x-api-key': xmlKey })
            : await ingest(station, xmlKey, '/api/v1/ingest/xml', { xml });
        const what = `${names.join(' + ')} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        if (res.status >= 500) throw new Error(`5xx: ${what}`);
        if (res.status >= 400) {
          counts.refused++;
          // A mutation may blow the real export (2.9 MB) past the 16 MiB body limit: 413 is right then.
          const tooLarge = res.body?.error === 'PayloadTooLarge' && Buffer.byteLength(JSON.stringify({ xml })) > 16 * 1024 * 1024;
          if (res.body?.error !== 'InvalidXml' && res.body?.error !== 'InvalidRequest' && !tooLarge) throw new Error(`unexpected refusal: ${what}`);
          const after = await publicSnapshot('http-xml');
          if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error(`a refused XML changed public results: ${what}`);
          return true;
        }
        counts.accepted++;
        // Accepted: every public route of the event renders it.
        const detail = await api(station, 'GET', '/api/v1/events/http-xml');
        if (detail.status !== 200) throw new Error(`event detail ${detail.status} after ${what}`);
        const paths = ['/api/v1/events', '/api/v1/events/http-xml/categories', '/api/v1/events/http-xml/oncourse'];
        for (const { raceId } of (detail.body.races as { raceId: string }[]).slice(0, 12)) {
          const id = encodeURIComponent(raceId);
          paths.push(`/api/v1/events/http-xml/results/${id}`, `/api/v1/events/http-xml/results/${id}?detailed=true`, `/api/v1/events/http-xml/startlist/${id}`);
        }
        for (const p of paths) {
          const r = await api(station, 'GET', p);
          counts.publicGets++;
          if (r.status >= 500) throw new Error(`GET ${p} → ${r.status} ${JSON.stringify(r.body)} after ${what}`);
        }
        before = await publicSnapshot('http-xml');
        return true;
      });
    await check('xml-http-small', property(smallExport), RUNS.xmlHttpSmall);
    await check('xml-http-real', property(realXml()), RUNS.xmlHttpReal);
    totals.inputs += RUNS.xmlHttpSmall + RUNS.xmlHttpReal;
    console.log(
      `fuzz XML over HTTP (seed ${seed}): ${RUNS.xmlHttpSmall + RUNS.xmlHttpReal} imports, ${counts.accepted} accepted (then ${counts.publicGets} public GETs, none 5xx), ${counts.refused} refused without a change`,
    );
    expect(station.process.exitCode).toBeNull();
    expect((await api(station, 'GET', '/health')).status).toBe(200);
  }, 180_000);

  it('counts at least 10,000 generated inputs in this run', () => {
    console.log(`fuzz total: ${totals.inputs} generated inputs (${describeSeed(chosen)}), ${pinnedReplayed} pinned seed(s) replayed`);
    expect(pinnedReplayed).toBe(pinnedSeeds.length);
    expect(totals.inputs).toBeGreaterThanOrEqual(10_000);
  });
});
