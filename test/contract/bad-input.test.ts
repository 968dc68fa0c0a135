/**
 * Bad input gets a 4xx JSON error a person can read, and changes nothing (README: "Error codes").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createEvent, ingest, rawPost, startTestStation, type TestStation } from '../helpers/station.ts';
import { realXml } from '../helpers/capture.ts';

describe('bad input', () => {
  let station: TestStation;
  let apiKey: string;
  const eventId = 'bad-input';
  let snapshot: () => Promise<unknown>;

  beforeAll(async () => {
    station = await startTestStation();
    ({ apiKey } = await createEvent(station, eventId));
    expect((await ingest(station, apiKey, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
    expect((await ingest(station, apiKey, `/api/v1/admin/events/${eventId}/status`, { status: 'running' })).status).toBe(200);
    snapshot = async () => {
      const [detail, results, admin] = await Promise.all([
        api(station, 'GET', `/api/v1/events/${eventId}`),
        api(station, 'GET', `/api/v1/events/${eventId}/results/K1M_ST_BR2_6?detailed=true`),
        api(station, 'GET', '/api/v1/admin/events', { headers: { 'x-master-key': station.adminSecret } }),
      ]);
      return [detail.body, results.body, admin.body];
    };
  });
  afterAll(async () => station?.cleanup());

  const expectError = (res: { status: number; body: any }, status: number, code: string, messagePart?: RegExp) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error).toBe(code);
    expect(typeof res.body.message).toBe('string');
    expect(res.body.message.length).toBeGreaterThan(5);
    if (messagePart) expect(res.body.message).toMatch(messagePart);
  };

  it('rejects each bad request with a clear 4xx and changes nothing', async () => {
    const before = await snapshot();
    const key = { 'x-api-key': apiKey };
    const xml = realXml();
    const cases: [string, () => Promise<{ status: number; body: any }>, number, string, RegExp?][] = [
      ['malformed JSON', () => api(station, 'POST', '/api/v1/ingest/results', { headers: key, rawBody: '{"results": [' }), 400, 'InvalidJson', /JSON/],
      ['empty JSON body', () => api(station, 'POST', '/api/v1/ingest/results', { headers: key, rawBody: '' }), 400, 'InvalidJson'],
      ['wrong type', () => ingest(station, apiKey, '/api/v1/ingest/results', { results: 'all of them' }), 400, 'InvalidRequest', /results/],
      [
        'wrong field type',
        () => ingest(station, apiKey, '/api/v1/ingest/results', { results: [{ raceId: 'K1M_ST_BR2_6', participantId: '12054.K1M_ST', bib: 1, time: 'fast' }] }),
        400,
        'InvalidRequest',
        /time/,
      ],
      [
        'missing field',
        () => ingest(station, apiKey, '/api/v1/ingest/results', { results: [{ raceId: 'K1M_ST_BR2_6', bib: 1, time: 1 }] }),
        400,
        'InvalidRequest',
        /participantId/,
      ],
      ['missing body field', () => ingest(station, apiKey, '/api/v1/ingest/oncourse', {}), 400, 'InvalidRequest', /oncourse/],
      ['missing xml', () => ingest(station, apiKey, '/api/v1/ingest/xml', {}), 400, 'InvalidRequest', /xml/],
      ['not Canoe123 XML', () => ingest(station, apiKey, '/api/v1/ingest/xml', { xml: '<html><body>hello</body></html>' }), 400, 'InvalidXml', /Canoe123/],
      ['not XML at all', () => ingest(station, apiKey, '/api/v1/ingest/xml', { xml: 'just some text' }), 400, 'InvalidXml'],
      ['truncated XML', () => ingest(station, apiKey, '/api/v1/ingest/xml', { xml: xml.slice(0, Math.floor(xml.length * 0.6)) }), 400, 'InvalidXml'],
      [
        'entity expansion bomb',
        () =>
          ingest(station, apiKey, '/api/v1/ingest/xml', {
            xml: '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Canoe123Data>&lol2;</Canoe123Data>',
          }),
        400,
        'InvalidXml',
        /DOCTYPE|entit/i,
      ],
      [
        'oversized results body',
        () => rawPost(station, '/api/v1/ingest/results', JSON.stringify({ results: [], padding: 'x'.repeat(2 * 1024 * 1024) }), key),
        413,
        'PayloadTooLarge',
      ],
      ['oversized XML body', () => rawPost(station, '/api/v1/ingest/xml', JSON.stringify({ xml: 'x'.repeat(17 * 1024 * 1024) }), key), 413, 'PayloadTooLarge'],
      ['unknown key', () => ingest(station, 'not-a-key', '/api/v1/ingest/results', { results: [] }), 401, 'Unauthorized', /API key/],
      ['no key', () => api(station, 'POST', '/api/v1/ingest/results', { body: { results: [] } }), 401, 'Unauthorized'],
      ['unknown event', () => api(station, 'GET', '/api/v1/events/no-such-event'), 404, 'NotFound'],
      ['unknown race', () => api(station, 'GET', `/api/v1/events/${eventId}/results/NO_SUCH_RACE`), 404, 'RaceNotFound'],
      ['unknown startlist race', () => api(station, 'GET', `/api/v1/events/${eventId}/startlist/NO_SUCH_RACE`), 404, 'RaceNotFound'],
      ['unknown route', () => api(station, 'GET', '/api/v1/nothing-here'), 404, 'NotFound'],
      ['bad status', () => ingest(station, apiKey, `/api/v1/admin/events/${eventId}/status`, { status: 'done' }), 400, 'InvalidRequest'],
      ['ingest key cannot go official', () => ingest(station, apiKey, `/api/v1/admin/events/${eventId}/status`, { status: 'official' }), 403, 'Forbidden'],
      [
        'invalid transition',
        () => api(station, 'PATCH', `/api/v1/admin/events/${eventId}/status`, { headers: { 'x-master-key': station.adminSecret }, body: { status: 'draft' } }),
        400,
        'InvalidTransition',
        /Valid transitions: finished/,
      ],
      [
        'key of another event',
        () => api(station, 'PATCH', '/api/v1/admin/events/other/status', { headers: key, body: { status: 'running' } }),
        401,
        'Unauthorized',
        /does not match/,
      ],
      [
        'duplicate event',
        () => api(station, 'POST', '/api/v1/admin/events', { headers: { 'x-master-key': station.adminSecret }, body: { eventId, mainTitle: 'x' } }),
        409,
        'Conflict',
      ],
      [
        'event without title',
        () => api(station, 'POST', '/api/v1/admin/events', { headers: { 'x-master-key': station.adminSecret }, body: { eventId: 'x2' } }),
        400,
        'InvalidRequest',
        /mainTitle/,
      ],
      ['wrong master key', () => api(station, 'GET', '/api/v1/admin/events', { headers: { 'x-master-key': 'nope' } }), 401, 'Unauthorized'],
      [
        'text/plain body',
        () => api(station, 'POST', '/api/v1/ingest/results', { headers: { ...key, 'content-type': 'text/plain' }, rawBody: 'hello' }),
        415,
        'UnsupportedMediaType',
      ],
    ];
    for (const [name, send, status, code, message] of cases) {
      const res = await send();
      try {
        expectError(res, status, code, message);
      } catch (err) {
        throw new Error(`${name}: ${(err as Error).message}`);
      }
    }
    expect(await snapshot()).toEqual(before);
    // The operator sees what was refused, and the failed XML, in the activity log.
    const log = await api(station, 'GET', '/api/v1/admin/activity', { headers: { authorization: `Bearer ${station.adminSecret}` } });
    const messages = (log.body.entries as { message: string }[]).map((e) => e.message).join('\n');
    expect(messages).toMatch(/Refused an ingest push from .*unknown API key/);
    expect(messages).toMatch(/XML refused: .*DOCTYPE/);
  });

  it('keeps the previous state when an XML import fails half way through the file', async () => {
    const before = await snapshot();
    const xml = realXml();
    const broken = xml.replace('<RaceId>K1M_ST_BR2_6</RaceId>', '<RaceId>K1M_ST_BR2_6</RaceIdx>');
    const res = await ingest(station, apiKey, '/api/v1/ingest/xml', { xml: broken });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('InvalidXml');
    expect(await snapshot()).toEqual(before);
  });

  it('answers ignored: true to live pushes before any XML, never 4xx', async () => {
    const fresh = await createEvent(station, 'no-xml-yet');
    const r1 = await ingest(station, fresh.apiKey, '/api/v1/ingest/results', { results: [{ raceId: 'X', participantId: 'Y', bib: 1, time: 100 }] });
    expect(r1.status).toBe(200);
    expect(r1.body).toEqual({ updated: 0, ignored: true });
    const r2 = await ingest(station, fresh.apiKey, '/api/v1/ingest/oncourse', { oncourse: [] });
    expect(r2.body).toEqual({ active: 0, ignored: true });
  });
});
