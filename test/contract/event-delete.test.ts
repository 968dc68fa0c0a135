/**
 * Deleting an event never destroys it (issue 10, item 1), over real HTTP against a station
 * process:
 *
 * - c123-server's DELETE (sent with the event's X-API-Key from its login-less local admin page)
 *   is refused with 403 for a finished or official event; the operator may delete any event;
 * - a deleted event is kept whole: gone from the public API, the admin list and ingest (its key
 *   stops working at once), its spectators closed with 1000, listed under deleted events;
 * - c123-server creates the same event id again after its delete: that works, with a new key,
 *   beside the kept copy, which restores under another id (its own is taken: 409);
 * - kept copies survive a restart, and every delete, refusal and restore is in the activity log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createEvent, ingest, operator, startTestStation, type TestStation } from '../helpers/station.ts';
import { connect } from '../helpers/ws-client.ts';
import { realXml } from '../helpers/capture.ts';

const RACE = 'K1M_ST_BR2_6';

describe('deleting an event', () => {
  let station: TestStation;
  const xml = realXml();

  const setUp = async (eventId: string, status: string) => {
    const { apiKey } = await createEvent(station, eventId, `Event ${eventId}`);
    expect((await ingest(station, apiKey, '/api/v1/ingest/xml', { xml })).status).toBe(200);
    expect((await ingest(station, apiKey, `/api/v1/admin/events/${eventId}/status`, { status: status === 'official' ? 'finished' : status })).status).toBe(200);
    if (status === 'official') {
      expect((await api(station, 'PATCH', `/api/v1/admin/events/${eventId}/status`, { headers: operator(station), body: { status: 'official' } })).status).toBe(
        200,
      );
    }
    return apiKey;
  };
  const deleted = async () => (await api(station, 'GET', '/api/v1/admin/deleted-events', { headers: operator(station) })).body.deletedEvents as any[];
  const activity = async () =>
    (await api(station, 'GET', '/api/v1/admin/activity?limit=500', { headers: operator(station) })).body.entries as { eventId: string; message: string }[];

  beforeAll(async () => {
    station = await startTestStation();
  });
  afterAll(async () => station?.cleanup());

  it('refuses c123-server’s delete (its ingest key) of a finished or official event with 403', async () => {
    for (const status of ['finished', 'official']) {
      const eventId = `keep-${status}`;
      const apiKey = await setUp(eventId, status);
      const res = await api(station, 'DELETE', `/api/v1/admin/events/${eventId}`, { headers: { 'x-api-key': apiKey } });
      expect(res.status, status).toBe(403);
      expect(res.body).toMatchObject({ error: 'Forbidden', currentStatus: status });
      expect(res.body.message).toMatch(/only be deleted by the operator/);
      // Nothing moved: still public, still listed, nothing kept aside.
      expect((await api(station, 'GET', `/api/v1/events/${eventId}`)).status).toBe(200);
      expect((await api(station, 'GET', `/api/v1/events/${eventId}/results/${RACE}`)).body.results.length).toBeGreaterThan(100);
    }
    expect(await deleted()).toEqual([]);
    expect((await activity()).some((e) => e.eventId === 'keep-finished' && /Refused to delete the event \(by ingest\)/.test(e.message))).toBe(true);
  });

  it('c123-server deletes a running event: kept, hidden, key dead, spectators closed; then it creates the id again', async () => {
    const eventId = 'jarni-slalomy-2024';
    const apiKey = await setUp(eventId, 'running');
    expect(
      (
        await ingest(station, apiKey, '/api/v1/ingest/results', {
          results: [{ raceId: RACE, participantId: '12054.K1M_ST', bib: 1, time: 7000, pen: 0, total: 7000, status: null }],
        })
      ).body,
    ).toEqual({ updated: 1 });
    const before = (await api(station, 'GET', `/api/v1/events/${eventId}/results/${RACE}?detailed=true`)).body;
    // The organiser's image and the feed history are the event's too.
    const image = Buffer.from(await (await fetch(`${station.url}/api/v1/events/${eventId}/image`)).arrayBuffer());
    expect(image.length).toBeGreaterThan(1000);
    const lastImport = (await api(station, 'GET', `/api/v1/admin/events/${eventId}`, { headers: operator(station) })).body.feeds.lastImport;
    expect(lastImport).toMatchObject({ by: 'ingest' });
    const phone = await connect(station, eventId);
    await phone.next((m) => m.type === 'full');

    const res = await api(station, 'DELETE', `/api/v1/admin/events/${eventId}`, { headers: { 'x-api-key': apiKey } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ deleted: true, eventId, restorable: true });
    expect((await phone.closed).code).toBe(1000);

    // Hidden everywhere: public API, admin list, ingest (the key no longer opens anything).
    expect((await api(station, 'GET', `/api/v1/events/${eventId}`)).status).toBe(404);
    expect((await api(station, 'GET', '/api/v1/events')).body.events.map((e: { eventId: string }) => e.eventId)).not.toContain(eventId);
    expect(
      (await api(station, 'GET', '/api/v1/admin/events', { headers: operator(station) })).body.events.map((e: { eventId: string }) => e.eventId),
    ).not.toContain(eventId);
    for (const [path, body] of [
      ['/api/v1/ingest/results', { results: [] }],
      ['/api/v1/ingest/oncourse', { oncourse: [] }],
      ['/api/v1/ingest/xml', { xml }],
    ] as const) {
      expect((await ingest(station, apiKey, path, body)).status, path).toBe(401);
    }
    expect((await ingest(station, apiKey, `/api/v1/admin/events/${eventId}/status`, { status: 'finished' })).status).toBe(401);
    // Kept, and listed for the dashboard.
    const [kept] = await deleted();
    expect(kept).toMatchObject({ eventId, mainTitle: `Event ${eventId}`, status: 'running', deletedBy: 'ingest' });
    expect(kept.resultRows).toBe(1422);

    // c123-server's operator connects again: the same id is created anew, with a new key.
    const again = await createEvent(station, eventId, 'Jarní slalomy 2024 (again)');
    expect(again.apiKey).not.toBe(apiKey);
    expect((await ingest(station, again.apiKey, '/api/v1/ingest/oncourse', { oncourse: [] })).status).toBe(200);
    expect((await ingest(station, apiKey, '/api/v1/ingest/oncourse', { oncourse: [] })).status).toBe(401);
    expect(await deleted()).toHaveLength(1);

    // Its own id is taken now: restoring under it is refused, under another id it works.
    const clash = await api(station, 'POST', `/api/v1/admin/deleted-events/${kept.deletedId}/restore`, { headers: operator(station), body: {} });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toMatch(/another id/);
    const restored = await api(station, 'POST', `/api/v1/admin/deleted-events/${kept.deletedId}/restore`, {
      headers: operator(station),
      body: { eventId: 'jarni-restored' },
    });
    expect(restored.status).toBe(200);
    expect(restored.body.event).toMatchObject({ eventId: 'jarni-restored', status: 'running', hasXmlData: true, apiKey });
    // Everything came back: the same detailed results, the live result included.
    const after = (await api(station, 'GET', `/api/v1/events/jarni-restored/results/${RACE}?detailed=true`)).body;
    expect(after).toEqual(before);
    expect(Buffer.from(await (await fetch(`${station.url}/api/v1/events/jarni-restored/image`)).arrayBuffer()).equals(image)).toBe(true);
    expect((await api(station, 'GET', '/api/v1/admin/events/jarni-restored', { headers: operator(station) })).body.feeds.lastImport).toEqual(lastImport);
    expect(await deleted()).toEqual([]);
    // The new event of the same id is untouched.
    expect((await api(station, 'GET', `/api/v1/admin/events/${eventId}`, { headers: operator(station) })).body.event).toMatchObject({
      mainTitle: 'Jarní slalomy 2024 (again)',
      hasXmlData: false,
    });

    const log = await activity();
    expect(log.some((e) => e.eventId === eventId && /Event deleted \(by ingest, status running\)/.test(e.message))).toBe(true);
    expect(log.some((e) => e.eventId === 'jarni-restored' && /Event restored as jarni-restored \(deleted as jarni-slalomy-2024\)/.test(e.message))).toBe(true);
  });

  it('the operator deletes an official event; the kept copy survives a restart and restores under its own id', async () => {
    const eventId = 'keep-official';
    const before = (await api(station, 'GET', `/api/v1/events/${eventId}/results/${RACE}?detailed=true`)).body;
    const res = await api(station, 'DELETE', `/api/v1/admin/events/${eventId}`, { headers: { 'x-master-key': station.adminSecret } });
    expect(res.status).toBe(200);
    expect((await api(station, 'GET', `/api/v1/events/${eventId}`)).status).toBe(404);

    expect(await station.stop()).toBe(0);
    await station.restart();
    const [kept] = await deleted();
    expect(kept).toMatchObject({ eventId, status: 'official', deletedBy: 'operator', resultRows: 1422 });
    expect((await api(station, 'GET', `/api/v1/events/${eventId}`)).status).toBe(404);

    const restored = await api(station, 'POST', `/api/v1/admin/deleted-events/${kept.deletedId}/restore`, { headers: operator(station), body: {} });
    expect(restored.status).toBe(200);
    expect(restored.body.event).toMatchObject({ eventId, status: 'official' });
    expect((await api(station, 'GET', `/api/v1/events/${eventId}/results/${RACE}?detailed=true`)).body).toEqual(before);
    const detail = (await api(station, 'GET', `/api/v1/admin/events/${eventId}`, { headers: operator(station) })).body;
    expect(detail.history.map((h: { to: string }) => h.to)).toEqual(['startlist', 'running', 'finished', 'official']);
    // A second restore of the same copy finds nothing.
    expect((await api(station, 'POST', `/api/v1/admin/deleted-events/${kept.deletedId}/restore`, { headers: operator(station), body: {} })).status).toBe(404);
  });

  it('only the operator lists and restores deleted events', async () => {
    const { apiKey } = await createEvent(station, 'short-lived');
    expect((await api(station, 'DELETE', '/api/v1/admin/events/short-lived', { headers: { 'x-api-key': apiKey } })).status).toBe(200);
    const [kept] = await deleted();
    expect((await api(station, 'GET', '/api/v1/admin/deleted-events', { headers: { 'x-api-key': apiKey } })).status).toBe(401);
    expect((await api(station, 'POST', `/api/v1/admin/deleted-events/${kept.deletedId}/restore`, { headers: { 'x-api-key': apiKey }, body: {} })).status).toBe(
      401,
    );
    expect((await api(station, 'POST', `/api/v1/admin/deleted-events/${kept.deletedId}/restore`, { body: {} })).status).toBe(401);
  });
});
