/**
 * The uplink against c123-live-mini's contract (test/helpers/live-mini-contract.ts enforces what
 * the reference documents; c123-live-mini itself cannot be installed here): a real station takes
 * the real capture and uploads it. The target refuses status jumps, so the uplink must walk them
 * one valid step at a time; it must send the XML before the results, no null where the target's
 * schema would coerce it to 0, gates as `{gate, pen}` objects (no `pen` for a gate not passed),
 * times in centiseconds, the live rows again after each XML (c123-live-mini overwrites every row
 * from an XML), and stop with the target's own words when the key expires.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, operator, startInProcessStation } from '../helpers/station.ts';
import { startLiveMiniContract, type LiveMiniContract } from '../helpers/live-mini-contract.ts';
import { PAIR_EVENT, replayCapture } from '../helpers/uplink-pair.ts';
import { realXml } from '../helpers/capture.ts';
import { sleep } from '../hardening/lib/util.ts';

function nullsIn(value: unknown, path = ''): string[] {
  if (value === null) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nullsIn(v, `${path}[${i}]`));
  if (typeof value === 'object') return Object.entries(value as object).flatMap(([k, v]) => nullsIn(v, `${path}.${k}`));
  return [];
}

describe('uplink to a c123-live-mini target', () => {
  let station: Awaited<ReturnType<typeof startInProcessStation>>;
  let target: LiveMiniContract;
  let apiKey: string;
  const uplinkPath = `/api/v1/admin/events/${PAIR_EVENT}/uplink`;
  const waitFor = async (check: (u: any) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const u = (await api(station, 'GET', uplinkPath, { headers: operator(station) })).body;
      if (check(u)) return u;
      await sleep(50);
    }
    throw new Error('uplink never reached the expected state');
  };

  beforeAll(async () => {
    station = await startInProcessStation();
    target = await startLiveMiniContract('live-mini-event');
    const created = await api(station, 'POST', '/api/v1/admin/events', {
      headers: operator(station),
      body: { eventId: PAIR_EVENT, mainTitle: 'Jarní slalomy 2024' },
    });
    apiKey = created.body.apiKey;
    const put = await api(station, 'PUT', uplinkPath, {
      headers: operator(station),
      body: { url: target.url, remoteEventId: target.eventId, apiKey: target.apiKey, enabled: true },
    });
    expect(put.status).toBe(200);
  });
  afterAll(async () => {
    await station?.cleanup();
    await target?.close();
  });

  it('walks the status one valid step at a time and sends what c123-live-mini reads', async () => {
    const replayed = await replayCapture(station, apiKey, { speed: 40 });
    expect(replayed.failed).toEqual([]);
    const u = await waitFor((x) => x.queued === 0 && x.remoteStatus === 'running');
    expect(u).toMatchObject({ state: 'connected', targetKind: 'c123-live-mini', refused: [] });

    const reqs = target.requests;
    // Status: the first sync finds the target in draft (its same-state 400 names it), then single steps.
    const patches = reqs.filter((r) => r.method === 'PATCH').map((r) => `${r.body.status}:${r.status}`);
    expect(patches).toEqual(['draft:400', 'startlist:200', 'running:200']);
    expect(reqs.filter((r) => r.status === 400)).toHaveLength(1);
    expect(reqs.filter((r) => r.status === 403)).toEqual([]);
    // The XML before any results; every results push taken (none ignored).
    const firstXml = reqs.findIndex((r) => r.path === '/api/v1/ingest/xml');
    const firstResults = reqs.findIndex((r) => r.path === '/api/v1/ingest/results');
    expect(firstXml).toBeGreaterThanOrEqual(0);
    expect(firstResults).toBeGreaterThan(firstXml);
    expect(reqs.filter((r) => r.answer?.ignored)).toEqual([]);
    expect(reqs[firstXml].body.xml).toBe(realXml());

    const results = reqs.filter((r) => r.path === '/api/v1/ingest/results');
    const rows = results.flatMap((r) => r.body.results as Record<string, any>[]);
    expect(nullsIn(results.map((r) => r.body))).toEqual([]);
    // On-course gates may be null (its schema allows it: a gate not passed yet); nothing else.
    expect(nullsIn(reqs.filter((r) => r.path === '/api/v1/ingest/oncourse').map((r) => r.body)).filter((p) => !/\.gates\[\d+\]$/.test(p))).toEqual([]);
    for (const row of rows) {
      expect(typeof row.bib).toBe('number');
      for (const g of row.gates ?? []) expect(Object.keys(g).sort()).toEqual(g.pen === undefined ? ['gate'] : ['gate', 'pen']);
    }
    // The last value of each row is what the station shows, in centiseconds.
    const latest = new Map(rows.filter((r) => r.raceId === 'K1M_ST_BR2_6').map((r) => [r.participantId, r]));
    const shown = (await api(station, 'GET', `/api/v1/events/${PAIR_EVENT}/results/K1M_ST_BR2_6?detailed=true`)).body.results as any[];
    let compared = 0;
    for (const s of shown) {
      const sent = latest.get(s.participantId);
      if (!sent) continue;
      compared++;
      expect(sent.time ?? null, s.participantId).toBe(s.time);
      // A polluted best-run row (docs/CANOE123-FORMATS.md "Best-run pollution in the stream") is sent as the station holds it; the
      // view repairs it (as c123-live-mini's #180 guard does), so only clean rows compare here.
      const repaired = s.time !== null && s.pen === null && s.total === null;
      if (!repaired) expect({ pen: sent.pen ?? null, total: sent.total ?? null }, s.participantId).toEqual({ pen: s.pen, total: s.total });
      expect(
        (sent.gates ?? []).map((g: any) => g.pen ?? null),
        s.participantId,
      ).toEqual((s.gates ?? []).map((g: any) => g.penalty));
    }
    // Only rows whose live value differs from the export's carry one (the rest travel in the XML).
    expect(compared).toBeGreaterThan(5);

    // A later export (here only the location changed): c123-live-mini writes every row from it,
    // so the rows with live values go up again right after it.
    const liveRows = new Set(rows.map((r) => `${r.raceId}|${r.participantId}`)).size;
    const before = reqs.length;
    const xml = realXml().replace('<Location>Areál Lídy Polesné</Location>', '<Location>Trnávka</Location>');
    expect((await api(station, 'POST', '/api/v1/ingest/xml', { headers: { 'x-api-key': apiKey }, body: { xml } })).status).toBe(200);
    await waitFor((x) => x.queued === 0 && x.lastSuccessAt !== null);
    const later = reqs.slice(before).filter((r) => r.path !== '/api/v1/ingest/oncourse');
    expect(later.map((r) => r.path)[0]).toBe('/api/v1/ingest/xml');
    expect(new Set(later.slice(1).flatMap((r) => r.body.results.map((x: any) => `${x.raceId}|${x.participantId}`))).size).toBe(liveRows);
  }, 60_000);

  it('pauses with the target’s message when the key expires, and keeps what waits', async () => {
    target.expire();
    expect(
      (await api(station, 'PATCH', `/api/v1/admin/events/${PAIR_EVENT}/status`, { headers: operator(station), body: { status: 'finished' } })).status,
    ).toBe(200);
    const u = await waitFor((x) => x.state === 'paused');
    expect(u.pausedBy).toMatchObject({ reason: 'unauthorized', httpStatus: 401, detail: 'Key expired on 2026-03-13T00:00:00.000Z' });
    expect(u.queued).toBe(1);
    expect(target.status).toBe('running');
  });
});
