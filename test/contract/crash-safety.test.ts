/**
 * Nothing acknowledged is lost: results ingests stream in, the station is killed with SIGKILL
 * mid-stream, and after a restart every result that was answered 2xx is there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createEvent, ingest, startTestStation, type TestStation } from '../helpers/station.ts';
import { realXml } from '../helpers/capture.ts';

describe('kill -9 during a stream of result ingests', () => {
  let station: TestStation;
  let apiKey: string;
  const eventId = 'crash';

  beforeAll(async () => {
    station = await startTestStation();
    ({ apiKey } = await createEvent(station, eventId));
    expect((await ingest(station, apiKey, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
    expect((await ingest(station, apiKey, `/api/v1/admin/events/${eventId}/status`, { status: 'running' })).status).toBe(200);
  });
  afterAll(async () => station?.cleanup());

  it('loses no result that was answered 2xx', async () => {
    const race = await api(station, 'GET', `/api/v1/events/${eventId}/startlist/K1W_ST_BR1_6`);
    const riders = race.body.startlist as { participantId: string; bib: number }[];
    expect(riders.length).toBeGreaterThan(10);
    const acknowledged = new Map<string, number>();
    let n = 0;
    let stop = false;
    // Each rider belongs to one lane, so its writes are sequential: requests on different
    // connections may reach the station in any order.
    const writer = async (lane: number) => {
      const mine = riders.filter((_, i) => i % 4 === lane);
      for (let k = 0; !stop; k++) {
        const rider = mine[k % mine.length];
        const time = 9000 + ++n;
        try {
          const res = await ingest(station, apiKey, '/api/v1/ingest/results', {
            results: [{ raceId: 'K1W_ST_BR1_6', participantId: rider.participantId, bib: rider.bib, time, pen: 0, total: time, status: null }],
          });
          if (res.status === 200 && res.body.updated === 1) acknowledged.set(rider.participantId, time);
        } catch {
          // connection cut by the kill: not acknowledged
        }
      }
    };
    const lanes = [0, 1, 2, 3].map(writer);
    await new Promise((r) => setTimeout(r, 700));
    await station.kill();
    stop = true;
    await Promise.all(lanes);
    expect(acknowledged.size).toBeGreaterThan(5);

    await station.restart();
    const after = await api(station, 'GET', `/api/v1/events/${eventId}/results/K1W_ST_BR1_6`);
    const byId = new Map((after.body.results as any[]).map((r) => [r.participantId, r]));
    // K1W_ST_BR1_6 is run 1 of a best-run pair: its time is the combined row's prevTime.
    // A later write to the same rider may also have committed before the kill, never an earlier one.
    for (const [id, time] of acknowledged) expect(byId.get(id)?.prevTime, id).toBeGreaterThanOrEqual(time);
  });
});
