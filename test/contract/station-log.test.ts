/**
 * The station leaves a trace (real station process): every write request and refusal is a line in
 * raceside.log in the data folder; warnings reach stderr, routine lines do not; no secret —
 * admin secret (as Bearer or X-Master-Key), ingest key, officials PIN (as header or in a settings
 * body) — is ever written to the log, whatever request carried it. After a restart the dashboard's
 * activity log still shows what happened before it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, createEvent, ingest, operator, startTestStation } from '../helpers/station.ts';
import { realXml } from '../helpers/capture.ts';

const PIN = '482913';

describe('raceside.log', () => {
  it('records requests and refusals, never a secret; the activity log survives a restart', async () => {
    const station = await startTestStation();
    try {
      const master = { 'x-master-key': station.adminSecret };
      expect((await api(station, 'PATCH', '/api/v1/admin/settings', { headers: operator(station), body: { officialsPin: PIN } })).status).toBe(200);
      const { apiKey } = await createEvent(station, 'log-event', 'Log test');
      expect((await ingest(station, apiKey, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
      expect(
        (await api(station, 'PATCH', '/api/v1/admin/events/log-event/status', { headers: { 'x-officials-pin': PIN }, body: { status: 'startlist' } })).status,
      ).toBe(200);
      expect((await api(station, 'GET', '/api/v1/admin/officials/session', { headers: { 'x-officials-pin': PIN } })).status).toBe(200);
      expect((await api(station, 'GET', '/api/v1/admin/events', { headers: master })).status).toBe(200);
      // Refused, each carrying a secret (or a near miss of one) somewhere.
      expect((await ingest(station, `${apiKey.slice(0, -1)}x`, '/api/v1/ingest/results', { results: [] })).status).toBe(401);
      expect((await api(station, 'PATCH', '/api/v1/admin/settings', { headers: operator(station), body: { officialsPin: PIN, bogus: apiKey } })).status).toBe(
        400,
      );
      expect(
        (await api(station, 'POST', '/api/v1/admin/events', { headers: master, body: { eventId: 'log-event', mainTitle: station.adminSecret } })).status,
      ).toBe(409);
      expect((await api(station, 'POST', '/api/v1/ingest/oncourse', { headers: { 'x-api-key': apiKey }, rawBody: `{"oncourse": "${PIN}"` })).status).toBe(400);
      expect((await api(station, 'GET', '/api/v1/admin/events', { headers: { authorization: `Bearer ${station.adminSecret}x` } })).status).toBe(401);

      expect(await station.stop()).toBe(0);
      const files = readdirSync(station.dataDir).filter((f) => f.startsWith('raceside.log'));
      const log = files.map((f) => readFileSync(join(station.dataDir, f), 'utf8')).join('');
      for (const line of [
        'PATCH /api/v1/admin/settings 200',
        'POST /api/v1/admin/events 201',
        'POST /api/v1/ingest/xml 200',
        'PATCH /api/v1/admin/events/log-event/status 200',
        'POST /api/v1/ingest/results 401',
        'PATCH /api/v1/admin/settings 400',
        'POST /api/v1/admin/events 409',
        'POST /api/v1/ingest/oncourse 400',
        'Event created: Log test',
        'Station stopped',
      ])
        expect(log).toContain(line);
      for (const [name, secret] of [
        ['admin secret', station.adminSecret],
        ['ingest key', apiKey],
        ['ingest key, most of it', apiKey.slice(0, 40)],
        ['officials PIN', PIN],
      ]) {
        expect(log.includes(secret), `the ${name} is in raceside.log`).toBe(false);
      }
      // Warnings and errors on stderr, one readable line each; routine lines only in the file.
      const stderr = station.output
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('raceside: '));
      expect(stderr.length).toBeGreaterThan(0);
      for (const l of stderr) expect(l).toMatch(/^raceside: (warning|error): /);
      expect(stderr.join('\n')).not.toContain('POST /api/v1/admin/events 201');

      await station.restart();
      const activity = await api(station, 'GET', '/api/v1/admin/activity', { headers: operator(station) });
      const messages = (activity.body.entries as { message: string }[]).map((e) => e.message);
      expect(messages).toEqual(expect.arrayContaining(['Event created: Log test', 'Station stopped', expect.stringMatching(/^Station started/)]));
      expect(messages.indexOf('Event created: Log test')).toBeGreaterThan(messages.indexOf('Station stopped'));
    } finally {
      await station.cleanup();
    }
  });
});
