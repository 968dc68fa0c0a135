/**
 * Public REST under a crowd (issue 10, item 2), over real HTTP against a station in this process:
 *
 * - each public answer is built once per (event, race, version) and the same bytes (and their
 *   gzip) go to every phone; every kind of change shows up in the next answer, nothing stale;
 * - each client address has a budget of public requests per 10 s (640 by default), then 429 `TooManyRequests` with
 *   Retry-After; another address is not affected, ingest and admin routes never count, and a
 *   raised per-address socket cap (a NAT'd Wi-Fi) raises the budget with it.
 */
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, ingest, startInProcessStation } from '../helpers/station.ts';
import { realXml } from '../helpers/capture.ts';
import { defaultSettings } from '../../src-main/settings.ts';
import { publicRequestBudget } from '../../src-main/http/public-routes.ts';

type Station = Awaited<ReturnType<typeof startInProcessStation>>;

const BR1 = 'K1M_ST_BR1_6';
const BR2 = 'K1M_ST_BR2_6';
const OTHER = 'K1W_ST_BR1_6';

function rawGet(
  url: string,
  headers: Record<string, string> = {},
  localAddress?: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('public answers', () => {
  let station: Station;
  let key: string;
  const op = () => ({ authorization: `Bearer ${station.adminSecret}` });
  const get = async (path: string) => (await api(station, 'GET', `/api/v1/events/cache${path}`)).body;

  beforeAll(async () => {
    station = await startInProcessStation({ maxConnectionsPerAddress: 10_000 });
    const created = await api(station, 'POST', '/api/v1/admin/events', { headers: op(), body: { eventId: 'cache', mainTitle: 'Cache' } });
    key = created.body.apiKey;
    await ingest(station, key, '/api/v1/ingest/xml', { xml: realXml() });
    await ingest(station, key, '/api/v1/admin/events/cache/status', { status: 'running' });
  });
  afterAll(async () => station?.cleanup());

  it('builds a detailed race list once and sends the same bytes to fifty phones', async () => {
    const path = `/api/v1/events/cache/results/${BR2}?detailed=true`;
    const first = await rawGet(station.url + path);
    const before = station.answers.builds;
    const answers = await Promise.all(Array.from({ length: 50 }, () => rawGet(station.url + path)));
    expect(station.answers.builds).toBe(before);
    for (const a of answers) expect(a.body.equals(first.body)).toBe(true);
    // The gzip is made once too, and is the same JSON.
    const zipped = await Promise.all(Array.from({ length: 10 }, () => rawGet(station.url + path, { 'accept-encoding': 'gzip' })));
    expect(station.answers.builds).toBe(before);
    for (const z of zipped) {
      expect(z.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(z.body).equals(first.body)).toBe(true);
    }
    expect(first.headers['content-type']).toMatch(/^application\/json/);
  });

  it('every change shows in the next answer: a result, its best-run partner, an official mark, the status, the merge strategy, an XML', async () => {
    const br2 = await get(`/results/${BR2}?detailed=true`);
    const br1 = await get(`/results/${BR1}?detailed=true`);
    const other = await get(`/results/${OTHER}`);
    const start = await get(`/startlist/${BR2}`);
    // A live result in BR2: the BR2 list and the BR1 list (one best-run pair) change; another race is not rebuilt.
    expect(
      (
        await ingest(station, key, '/api/v1/ingest/results', {
          results: [
            { raceId: BR2, participantId: '12054.K1M_ST', bib: 1, time: 6000, pen: 0, total: 6000, status: null },
            { raceId: BR2, participantId: '9050.K1M_ST', bib: 8, time: 6100, pen: 0, total: 6100, status: null },
          ],
        })
      ).body,
    ).toEqual({ updated: 2 });
    const builds = station.answers.builds;
    expect(await get(`/results/${OTHER}`)).toEqual(other);
    expect(station.answers.builds).toBe(builds);
    const br2After = await get(`/results/${BR2}?detailed=true`);
    expect(br2After).not.toEqual(br2);
    expect(br2After.results.find((r: { participantId: string }) => r.participantId === '12054.K1M_ST')).toMatchObject({ time: 6000, rnk: 1 });
    expect(await get(`/results/${BR1}?detailed=true`)).not.toEqual(br1);
    expect(await get(`/startlist/${BR2}`)).toEqual(start); // a time does not move the startlist
    // Per category too.
    const { catId } = br2After.results.find((r: { participantId: string }) => r.participantId === '9050.K1M_ST');
    expect(catId).toBeTruthy();
    const cat = (await get(`/results/${BR2}?catId=${encodeURIComponent(catId)}&detailed=true`)).results as { participantId: string; time: number }[];
    expect(cat.find((r) => r.participantId === '9050.K1M_ST')?.time).toBe(6100);

    // An official mark: the race's officialAt and the event's race list.
    expect((await api(station, 'PUT', `/api/v1/admin/events/cache/races/${BR2}/official`, { headers: op(), body: { official: true } })).status).toBe(200);
    expect((await get(`/results/${BR2}`)).race.officialAt).toMatch(/^\d{4}-/);
    expect((await get('')).races.find((r: { raceId: string }) => r.raceId === BR2).officialAt).toMatch(/^\d{4}-/);

    // The status.
    await ingest(station, key, '/api/v1/admin/events/cache/status', { status: 'finished' });
    expect((await get('')).event.status).toBe('finished');

    // The merge strategy (what a row shows may change with it): the answer is rebuilt.
    const rebuilt = station.answers.builds;
    await api(station, 'PATCH', '/api/v1/admin/events/cache', { headers: op(), body: { mergeStrategy: 'xml-authoritative' } });
    await get(`/results/${BR2}?detailed=true`);
    expect(station.answers.builds).toBe(rebuilt + 1);

    // An XML again: xml-authoritative now, so the XML's own time is back.
    await ingest(station, key, '/api/v1/ingest/xml', { xml: realXml() });
    const back = (await get(`/results/${BR2}?detailed=true`)).results.find((r: { participantId: string }) => r.participantId === '12054.K1M_ST');
    expect(back.time).toBe(br2.results.find((r: { participantId: string }) => r.participantId === '12054.K1M_ST').time);
  });

  it('an event deleted and created anew under the same id never gets the old answers', async () => {
    expect((await get(`/results/${BR2}`)).results.length).toBeGreaterThan(100);
    expect((await api(station, 'DELETE', '/api/v1/admin/events/cache', { headers: op() })).status).toBe(200);
    expect((await api(station, 'GET', `/api/v1/events/cache/results/${BR2}`)).status).toBe(404);
    const again = await api(station, 'POST', '/api/v1/admin/events', { headers: op(), body: { eventId: 'cache', mainTitle: 'Cache again' } });
    await ingest(station, again.body.apiKey, '/api/v1/admin/events/cache/status', { status: 'startlist' });
    expect((await get('')).event.mainTitle).toBe('Cache again');
    expect((await api(station, 'GET', `/api/v1/events/cache/results/${BR2}`)).status).toBe(404);
  });
});

describe('public request budget per address', () => {
  let station: Station;
  // A small budget, so the test does not depend on sending 640 requests within one 10 s window on a
  // busy machine: 60 per 10 s, or 20 for each of the 2 sockets an address may hold (40).
  beforeAll(async () => {
    station = await startInProcessStation({ publicRequestsPer10s: 60, maxConnectionsPerAddress: 2 });
  });
  afterAll(async () => station?.cleanup());

  it('is 640 requests per 10 s by default: 20 for each of the 32 sockets an address may hold, at least 600', () => {
    expect(publicRequestBudget(defaultSettings)).toBe(640);
    expect(publicRequestBudget({ ...defaultSettings, maxConnectionsPerAddress: 2000 })).toBe(40_000);
    expect(publicRequestBudget({ ...defaultSettings, maxConnectionsPerAddress: 1 })).toBe(600);
  });

  it('refuses the next public request of a spent address with 429 and Retry-After; other addresses, ingest and admin go on', async () => {
    const created = await api(station, 'POST', '/api/v1/admin/events', {
      headers: { authorization: `Bearer ${station.adminSecret}` },
      body: { eventId: 'busy', mainTitle: 'Busy' },
    });
    const statuses = new Map<number, number>();
    const t0 = performance.now();
    for (let i = 0; i < 60; i++) {
      const s = (await api(station, 'GET', '/api/v1/events')).status;
      statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    // (If the 60 took longer than the window, the counter restarted and this test says nothing.)
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(Object.fromEntries(statuses)).toEqual({ 200: 60 });
    const refused = await rawGet(`${station.url}/api/v1/events/busy`);
    expect(refused.status).toBe(429);
    const body = JSON.parse(refused.body.toString());
    expect(body).toMatchObject({ error: 'TooManyRequests' });
    expect(body.retryAfter).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBe(body.retryAfter);
    // No rate-limit headers on ordinary answers, nothing but Retry-After on the refusal.
    expect(Object.keys(refused.headers).filter((h) => h.startsWith('x-ratelimit'))).toEqual([]);

    // Another address on the same Wi-Fi is not held back.
    expect((await rawGet(`${station.url}/api/v1/events`, {}, '127.0.0.2')).status).toBe(200);
    // c123-server's pushes and the operator's dashboard from the same address are never limited.
    for (let i = 0; i < 20; i++) {
      expect((await ingest(station, created.body.apiKey, '/api/v1/ingest/oncourse', { oncourse: [] })).status).toBe(200);
      expect((await api(station, 'GET', '/api/v1/admin/events', { headers: { authorization: `Bearer ${station.adminSecret}` } })).status).toBe(200);
    }
    // A venue whose Wi-Fi NATs every phone raises the per-address socket cap; the budget follows.
    expect((await api(station, 'GET', '/api/v1/events')).status).toBe(429);
    expect(performance.now() - t0).toBeLessThan(10_000); // still the same window
    expect(
      (
        await api(station, 'PATCH', '/api/v1/admin/settings', {
          headers: { authorization: `Bearer ${station.adminSecret}` },
          body: { maxConnectionsPerAddress: 500 },
        })
      ).status,
    ).toBe(200);
    expect((await api(station, 'GET', '/api/v1/events')).status).toBe(200);
  });
});
