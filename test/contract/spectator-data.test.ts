/**
 * What the public API gives spectators beyond c123-live-mini's fields, over real HTTP and a real
 * WebSocket against a station child process fed with the real export and the real c123-server
 * capture (issue 11): the year of birth of every rider, the organiser's header image from the
 * export (content type, caching, drafts, a restart), "official" as the strongest state (an
 * official event or race never reads as in progress or on course, also after a reload), and
 * split times on course when the timing sends them.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetailResponse, OnCourseResponse, ResultsResponse, StartlistResponse } from '../../src-main/wire/api.ts';
import type { WsMessage } from '../../src-main/wire/live.ts';
import { api, createEvent, ingest, operator, startTestStation, type TestStation } from '../helpers/station.ts';
import { captureFor, realXml, realXmlYears, type CapturedRequest } from '../helpers/capture.ts';
import { connect } from '../helpers/ws-client.ts';

const EVENT = 'jarni-slalomy-2024';
const RACE = 'K1M_ST_BR2_6';

let station: TestStation;
let apiKey: string;
let capture: CapturedRequest[];
const xml = realXml();

/** An image's bytes, read straight from the export's text. */
const xmlImage = (field: string) => Buffer.from(new RegExp(`<${field}>([^<]*)</${field}>`).exec(xml)![1], 'base64');
const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

async function push(t: number) {
  const r = capture.find((x) => x.t === t)!;
  const res = await ingest(station, apiKey, r.url, r.body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return r;
}

describe('public data for spectators (real export, real capture)', () => {
  beforeAll(async () => {
    station = await startTestStation();
    ({ apiKey } = await createEvent(station, EVENT, 'Jarní slalomy 2024'));
    capture = captureFor(EVENT);
    for (const r of capture.filter((x) => x.t <= 5012)) await ingest(station, apiKey, r.url, r.body); // running + the XML
  }, 60_000);
  afterAll(async () => station?.cleanup());

  it('every result and startlist row carries the year of birth the export gives', async () => {
    const years = realXmlYears();
    expect(years.size).toBe(366);
    const detail = (await api<EventDetailResponse>(station, 'GET', `/api/v1/events/${EVENT}`)).body;
    let checked = 0;
    for (const race of detail.races) {
      const res = (await api<ResultsResponse>(station, 'GET', `/api/v1/events/${EVENT}/results/${race.raceId}`)).body;
      for (const r of res.results) {
        expect(r.year, `${race.raceId} ${r.participantId}`).toBe(years.get(r.participantId) ?? null);
        checked++;
      }
      const sl = (await api<StartlistResponse>(station, 'GET', `/api/v1/events/${EVENT}/startlist/${race.raceId}`)).body;
      for (const r of sl.startlist) expect(r.year).toBe(years.get(r.participantId) ?? null);
    }
    expect(checked).toBeGreaterThan(1000);
    const krejci = (await api<ResultsResponse>(station, 'GET', `/api/v1/events/${EVENT}/results/${RACE}`)).body.results[0];
    expect(krejci).toMatchObject({ name: 'KREJČÍ Jakub', year: years.get(krejci.participantId) });
  });

  it("serves the organiser's image from the export: its own bytes, content type and caching", async () => {
    const { event } = (await api<EventDetailResponse>(station, 'GET', `/api/v1/events/${EVENT}`)).body;
    expect(event.imageUrl).toMatch(new RegExp(`^/api/v1/events/${EVENT}/image\\?v=\\w+$`));
    const list = (await api(station, 'GET', '/api/v1/events')).body.events;
    expect(list[0].imageUrl).toBe(event.imageUrl);

    const res = await fetch(station.url + event.imageUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(24_130); // ReportImageLeft: the organiser's logo, not the 339 KB federation logo
    expect(sha(bytes)).toBe(sha(xmlImage('ReportImageLeft')));
    // The bare URL (c123-live-mini's) is revalidated; the ETag answers 304 without the bytes.
    const bare = await fetch(`${station.url}/api/v1/events/${EVENT}/image`);
    expect(bare.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = bare.headers.get('etag')!;
    expect(etag).toMatch(/^"\w+"$/);
    const again = await fetch(`${station.url}/api/v1/events/${EVENT}/image`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
  });

  it('a draft or image-less event has no image: null imageUrl, 404 with the JSON error body', async () => {
    const other = await createEvent(station, 'no-xml-yet', 'Draft');
    expect((await api(station, 'GET', '/api/v1/events/no-xml-yet/image')).status).toBe(404); // draft
    expect((await ingest(station, other.apiKey, '/api/v1/admin/events/no-xml-yet/status', { status: 'startlist' })).status).toBe(200);
    const detail = await api<EventDetailResponse>(station, 'GET', '/api/v1/events/no-xml-yet');
    expect(detail.body.event.imageUrl).toBeNull();
    const res = await api(station, 'GET', '/api/v1/events/no-xml-yet/image');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'NotFound', message: 'This event has no image' });
    // An export without images: the event has none (the export is their only source).
    const stripped = xml.replace(/<ReportImage(Left|Right|Footer)>[^<]*<\/ReportImage\1>/g, '');
    expect((await ingest(station, other.apiKey, '/api/v1/ingest/xml', { xml: stripped })).status).toBe(200);
    expect((await api<EventDetailResponse>(station, 'GET', '/api/v1/events/no-xml-yet')).body.event.imageUrl).toBeNull();
    await api(station, 'DELETE', '/api/v1/admin/events/no-xml-yet', { headers: operator(station) });
  });

  it('keeps the images with the event across a restart', async () => {
    const before = (await api<EventDetailResponse>(station, 'GET', `/api/v1/events/${EVENT}`)).body.event.imageUrl!;
    expect(await station.stop()).toBe(0);
    await station.restart();
    const after = (await api<EventDetailResponse>(station, 'GET', `/api/v1/events/${EVENT}`)).body.event.imageUrl!;
    expect(after).toBe(before);
    const bytes = Buffer.from(await (await fetch(station.url + after)).arrayBuffer());
    expect(sha(bytes)).toBe(sha(xmlImage('ReportImageLeft')));
  }, 60_000);

  it('gives the time to beat of every rider on course, also while Canoe123 sends only the name', async () => {
    // t 99.2 s: POHANKA (10) and ROUČA (11) run with TTBDiff "" and TTBName "J. KREJČÍ".
    const r = await push(99_212);
    const sent = (r.body.oncourse as { bib: number; ttbDiff: string | null; ttbName: string | null; dtStart: string | null }[]).filter((e) => e.dtStart);
    expect(sent.map((e) => [e.bib, e.ttbDiff, e.ttbName])).toEqual([
      [10, null, 'J. KREJČÍ'],
      [11, null, 'J. KREJČÍ'],
    ]);
    const leader = (await api<ResultsResponse>(station, 'GET', `/api/v1/events/${EVENT}/results/${RACE}`)).body.results[0];
    expect(leader).toMatchObject({ name: 'KREJČÍ Jakub', rnk: 1, totalTotal: 7899 });
    const { oncourse } = (await api<OnCourseResponse>(station, 'GET', `/api/v1/events/${EVENT}/oncourse`)).body;
    for (const bib of [10, 11]) expect(oncourse.find((e) => e.bib === bib)).toMatchObject({ ttbDiff: null, ttbName: 'J. KREJČÍ', ttbTime: 7899 });
    // When Canoe123 sends the time itself (t 101.9 s: "78.99"), that is the time; a signed gap
    // (KOPEČEK's "+12.79" at the finish, t 66 s) keeps the named rider's time beside it.
    const withTime = capture.find((x) => x.url.endsWith('/oncourse') && (x.body.oncourse as { ttbDiff: string | null }[]).some((e) => e.ttbDiff === '78.99'))!;
    await push(withTime.t);
    expect((await api<OnCourseResponse>(station, 'GET', `/api/v1/events/${EVENT}/oncourse`)).body.oncourse.find((e) => e.ttbDiff === '78.99')!.ttbTime).toBe(
      7899,
    );
    const finished = capture.find((x) => x.url.endsWith('/oncourse') && (x.body.oncourse as { ttbDiff: string | null }[]).some((e) => e.ttbDiff === '+12.79'))!;
    await push(finished.t);
    expect((await api<OnCourseResponse>(station, 'GET', `/api/v1/events/${EVENT}/oncourse`)).body.oncourse.find((e) => e.ttbDiff === '+12.79')).toMatchObject({
      bib: 9,
      ttbTime: 7899,
    });
  });

  it('shows split times on course when the timing sends them', async () => {
    // The real capture's course has no splits (RaceConfig NrSplits="0"); the same push as Canoe123
    // sends it on a course with one: POHANKA (10) started 10:34:40.123 and passed split 1.
    const r = capture.find((x) => x.t === 99_212)!;
    const body = structuredClone(r.body) as { oncourse: Record<string, unknown>[] };
    const pohanka = body.oncourse.find((e) => e.bib === 10)!;
    expect(pohanka.dtStart).toMatch(/T10:34:40\.123Z$/);
    pohanka.dtSplit1 = '10:35:12.453';
    expect((await ingest(station, apiKey, r.url, body)).status).toBe(200);
    const { oncourse } = (await api<OnCourseResponse>(station, 'GET', `/api/v1/events/${EVENT}/oncourse`)).body;
    expect(oncourse.find((e) => e.bib === 10)!.splits).toEqual([{ number: 1, time: 3233 }]);
    expect(oncourse.find((e) => e.bib !== 10)!.splits).toEqual([]);
    // The real push as it came: no splits.
    await push(99_212);
    const plain = (await api<OnCourseResponse>(station, 'GET', `/api/v1/events/${EVENT}/oncourse`)).body.oncourse;
    expect(plain.every((e) => e.splits.length === 0)).toBe(true);
  });

  it('a race marked official has nobody on course, at once and after a reload', async () => {
    await push(99_212); // POHANKA (10) and ROUČA (11) in K1M_ST_BR2_6, three more at the start
    const listed = (await api<OnCourseResponse>(station, 'GET', `/api/v1/events/${EVENT}/oncourse`)).body.oncourse.filter((e) => e.raceId === RACE);
    expect(listed.length).toBe(5);
    const s = await connect(station, EVENT);
    await s.next((m) => m.type === 'full');
    const mark = await api(station, 'PUT', `/api/v1/admin/events/${EVENT}/races/${RACE}/official`, { headers: operator(station), body: { official: true } });
    expect(mark.status).toBe(200);
    const d = await s.next((m) => m.type === 'diff' && !!m.data.races);
    if (d.type !== 'diff') throw new Error('diff expected');
    expect(d.data.races).toEqual([expect.objectContaining({ raceId: RACE, officialAt: mark.body.officialAt })]);
    expect(d.data.oncourse?.filter((e) => e.raceId === RACE)).toEqual([]);
    expect((await api<OnCourseResponse>(station, 'GET', `/api/v1/events/${EVENT}/oncourse`)).body.oncourse.filter((e) => e.raceId === RACE)).toEqual([]);
    // The next on-course push still lists them (Canoe123 has not moved on): still hidden.
    await push(99_212);
    expect((await api<OnCourseResponse>(station, 'GET', `/api/v1/events/${EVENT}/oncourse`)).body.oncourse.filter((e) => e.raceId === RACE)).toEqual([]);
    const results = (await api<ResultsResponse>(station, 'GET', `/api/v1/events/${EVENT}/results/${RACE}`)).body;
    expect(results.race.officialAt).toBe(mark.body.officialAt);
    s.close();
    // Unmarked: they are back.
    await api(station, 'PUT', `/api/v1/admin/events/${EVENT}/races/${RACE}/official`, { headers: operator(station), body: { official: false } });
    await push(99_212);
    expect((await api<OnCourseResponse>(station, 'GET', `/api/v1/events/${EVENT}/oncourse`)).body.oncourse.filter((e) => e.raceId === RACE)).toEqual(listed);
  });

  it('an official event: every race reads official, nobody is on course, over WebSocket and after a reload', async () => {
    await push(99_212);
    const before = (await api<EventDetailResponse>(station, 'GET', `/api/v1/events/${EVENT}`)).body;
    const running = before.races.filter((r) => r.raceStatus === 3).map((r) => r.raceId);
    expect(running).toContain(RACE); // Canoe123 still says "in progress"
    const s = await connect(station, EVENT);
    await s.next((m) => m.type === 'full');
    const master = { 'x-master-key': station.adminSecret };
    expect((await api(station, 'PATCH', `/api/v1/admin/events/${EVENT}/status`, { headers: master, body: { status: 'finished' } })).status).toBe(200);
    const official = await api(station, 'PATCH', `/api/v1/admin/events/${EVENT}/status`, { headers: master, body: { status: 'official' } });
    expect(official.status).toBe(200);
    const at = official.body.statusChangedAt as string;
    // The status diff carries the races it made official, so an open page needs no reload.
    const d = await s.next((m: WsMessage) => m.type === 'diff' && m.data.status === 'official');
    if (d.type !== 'diff') throw new Error('diff expected');
    expect(d.data.races!.map((r) => r.raceId).sort()).toEqual(
      before.races
        .filter((r) => !r.officialAt)
        .map((r) => r.raceId)
        .sort(),
    );
    expect(d.data.races!.every((r) => r.officialAt === at)).toBe(true);
    s.close();
    // After a reload: every race official (Canoe123's own code kept beside it), on course empty.
    const after = (await api<EventDetailResponse>(station, 'GET', `/api/v1/events/${EVENT}`)).body;
    expect(after.event.status).toBe('official');
    expect(after.races.every((r) => r.officialAt !== null)).toBe(true);
    expect(after.races.find((r) => r.raceId === RACE)).toMatchObject({ raceStatus: 3, officialAt: at });
    expect((await api<OnCourseResponse>(station, 'GET', `/api/v1/events/${EVENT}/oncourse`)).body.oncourse).toEqual([]);
    const results = (await api<ResultsResponse>(station, 'GET', `/api/v1/events/${EVENT}/results/${RACE}`)).body;
    expect(results.race.officialAt).toBe(at);
  });
});
