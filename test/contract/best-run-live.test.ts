/**
 * Best-of-two-runs races fed live, over real HTTP and a real WebSocket, on the real export and the
 * real c123-server capture:
 *
 * - the ICF tie-break (the other run's total, lower wins) decides live pushes as it decides the
 *   XML, overall and in the category, and spectators get the flipped places as `ranks` diffs;
 * - c123-server's best-of-both 2nd-run rows are repaired with what is known about the run: an
 *   earlier push (bib 10, whose 52 s penalty spectators must never see vanish), the on-course
 *   entry, the XML; blank only when nothing is known, and then a later XML fills it in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, ingest, startInProcessStation } from '../helpers/station.ts';
import { captureFor, realXml } from '../helpers/capture.ts';
import { connect, type TestSocket } from '../helpers/ws-client.ts';
import type { WsMessage } from '../../src-main/wire/live.ts';

type Station = Awaited<ReturnType<typeof startInProcessStation>>;

let station: Station;
const sockets: TestSocket[] = [];

async function newEvent(eventId: string, xml = realXml()): Promise<string> {
  const created = await api(station, 'POST', '/api/v1/admin/events', {
    headers: { 'x-master-key': station.adminSecret },
    body: { eventId, mainTitle: eventId },
  });
  const apiKey = created.body.apiKey as string;
  expect((await ingest(station, apiKey, '/api/v1/ingest/xml', { xml })).status).toBe(200);
  expect((await ingest(station, apiKey, `/api/v1/admin/events/${eventId}/status`, { status: 'running' })).status).toBe(200);
  return apiKey;
}

async function rowsOf(eventId: string, raceId: string, catId?: string): Promise<Map<number, any>> {
  const res = await api(station, 'GET', `/api/v1/events/${eventId}/results/${raceId}${catId ? `?catId=${catId}` : ''}`);
  expect(res.status).toBe(200);
  return new Map((res.body.results as any[]).map((r) => [r.bib, r]));
}

const place = (rows: Map<number, any>, bib: number) => ({ bib, rnk: rows.get(bib).rnk, catRnk: rows.get(bib).catRnk });

beforeAll(async () => {
  station = await startInProcessStation();
});
afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  await station?.cleanup();
});

describe('ICF tie-break, live', () => {
  // C1M_ST_BR2_7 in the export: bib 15 (DM) counts run 1 = 102.78 s, its run 2 107.06 s; bib 8
  // (DS) counts run 2 = 102.78 s, its run 1 243.84 s. Canoe123: bib 15 16th, bib 8 17th.
  const race = 'C1M_ST_BR2_7';
  const push = (key: string, participantId: string, bib: number, time: number, pen: number) =>
    ingest(station, key, '/api/v1/ingest/results', { results: [{ raceId: race, participantId, bib, time, pen, total: time + pen, status: null }] });

  it('decides a tie a live push creates, overall and in the category, and sends the new places', async () => {
    const key = await newEvent('ties');
    let rows = await rowsOf('ties', race);
    expect([place(rows, 15), place(rows, 8)]).toEqual([
      { bib: 15, rnk: 16, catRnk: 4 },
      { bib: 8, rnk: 17, catRnk: 4 },
    ]);

    const ws = await connect(station, 'ties');
    sockets.push(ws);
    await ws.next((m) => m.type === 'full');
    // Bib 24 (DS; run 1 353.91 s) finishes run 2 in 102.78 s: three riders on 102.78 s, and in
    // DS bib 8 (other run 243.84) stays ahead of bib 24 (other run 353.91).
    expect((await push(key, '129001.C1M_ST', 24, 10078, 200)).status).toBe(200);
    rows = await rowsOf('ties', race);
    expect([15, 8, 24].map((b) => place(rows, b))).toEqual([
      { bib: 15, rnk: 16, catRnk: 4 },
      { bib: 8, rnk: 17, catRnk: 4 },
      { bib: 24, rnk: 18, catRnk: 5 },
    ]);
    const ds = await rowsOf('ties', race, 'DS');
    expect([place(ds, 8), place(ds, 24)]).toEqual([
      { bib: 8, rnk: 17, catRnk: 4 },
      { bib: 24, rnk: 18, catRnk: 5 },
    ]);
    expect(ds.get(24).totalTotal).toBe(10278);

    // A correction makes bib 15's run 2 worse than bib 8's other run: the tie flips live.
    expect((await push(key, '39039.C1M_ST', 15, 24200, 200)).status).toBe(200);
    rows = await rowsOf('ties', race);
    expect([8, 15, 24].map((b) => place(rows, b))).toEqual([
      { bib: 8, rnk: 16, catRnk: 4 },
      { bib: 15, rnk: 17, catRnk: 4 },
      { bib: 24, rnk: 18, catRnk: 5 },
    ]);
    const moved = await ws.next((m: WsMessage) => m.type === 'diff' && !!m.data.ranks?.some((r) => r.participantId === '45012.C1M_ST'));
    expect(moved.type === 'diff' && moved.data.ranks!.find((r) => r.participantId === '45012.C1M_ST')!.rnk).toBe(16);
  });
});

describe('best-of-both 2nd-run rows from c123-server', () => {
  const race = 'K1M_ST_BR2_6';
  const bib10 = '36019.K1M_ST';
  const capture = captureFor('repair');
  const resultPushes = capture.filter((r) => r.url.endsWith('/ingest/results'));

  it("replayed: once spectators saw bib 10's 127.09 (52 s penalty) it never goes blank, on REST or the socket", async () => {
    const key = await newEvent('repair');
    const ws = await connect(station, 'repair');
    sockets.push(ws);
    await ws.next((m) => m.type === 'full');
    const seen: string[] = [];
    for (const r of capture) {
      if (r.url.endsWith('/ingest/xml') || r.url.includes('/status')) continue;
      expect((await ingest(station, key, r.url, r.body)).status).toBe(200);
      if (!r.url.endsWith('/ingest/results')) continue;
      const row = (await rowsOf('repair', race)).get(10);
      seen.push(`${row.time}+${row.pen}=${row.total}`);
    }
    // Pushes 1–2 were before bib 10's run 2; from push 3 on it stays 75.09 + 52 = 127.09.
    expect(seen).toEqual(['null+null=null', 'null+null=null', ...Array(6).fill('7509+5200=12709')]);
    const diffs = ws.messages.flatMap((m) => (m.type === 'diff' ? (m.data.results ?? []) : [])).filter((r) => r.participantId === bib10);
    expect(diffs.length).toBeGreaterThan(0);
    expect(diffs.every((r) => r.pen === 5200 && r.total === 12709)).toBe(true);
  });

  it('repairs from the on-course entry of the rider who just finished when no earlier push knew the run', async () => {
    const key = await newEvent('repair-oncourse');
    // The capture's on-course push with bib 10 finished (75.09 s, gates summing to 52 s), then
    // straight away a push that carries the best-of-both 6 s.
    const oncourse = capture.find((r) => r.url.endsWith('/ingest/oncourse') && r.body.oncourse.some((e: any) => e.bib === 10 && e.dtFinish));
    expect(oncourse).toBeDefined();
    expect((await ingest(station, key, oncourse!.url, oncourse!.body)).status).toBe(200);
    const polluted = resultPushes[resultPushes.length - 1].body;
    expect(polluted.results.find((r: any) => r.bib === 10)).toMatchObject({ time: 7509, pen: 600, total: 10254 });
    expect((await ingest(station, key, '/api/v1/ingest/results', polluted)).status).toBe(200);
    expect((await rowsOf('repair-oncourse', race)).get(10)).toMatchObject({ time: 7509, pen: 5200, total: 12709, betterRunNr: 1 });
  });

  it('repairs from the XML row of the same run time (bib 1, reference §9.3)', async () => {
    const key = await newEvent('repair-xml');
    // TCP said Pen 2, Time 79.99, Total 78.99 (run 1's); the export's BR2 row says Pen 6, Total 85.99.
    const res = await ingest(station, key, '/api/v1/ingest/results', {
      results: [{ raceId: race, participantId: '12054.K1M_ST', bib: 1, time: 7999, pen: 200, total: 7899, status: null }],
    });
    expect(res.status).toBe(200);
    expect((await rowsOf('repair-xml', race)).get(1)).toMatchObject({ time: 7999, pen: 600, total: 8599, betterRunNr: 1, totalTotal: 7899 });
  });

  it('leaves the penalty blank when nothing is known, and a later XML that knows the run fills it in', async () => {
    const key = await newEvent('repair-later');
    const polluted = resultPushes[0].body;
    expect(polluted.results.find((r: any) => r.bib === 29)).toMatchObject({ time: 9070, pen: 800, total: 10014 });
    expect((await ingest(station, key, '/api/v1/ingest/results', polluted)).status).toBe(200);
    expect((await rowsOf('repair-later', race)).get(29)).toMatchObject({ time: 9070, pen: null, total: null, totalTotal: 10014, betterRunNr: 1 });
    // Canoe123 writes bib 29's 2nd run into the export: 90.70 s + 4 s.
    const xml = realXml().replace(
      /(<Results>\s*<RaceId>K1M_ST_BR2_6<\/RaceId>\s*<Id>49008\.K1M_ST<\/Id>[\s\S]*?)(<\/Results>)/,
      (_m, body: string, end: string) => `${body}<Time>90700</Time><Pen>4</Pen><Total>94700</Total>${end}`,
    );
    expect(xml).not.toBe(realXml());
    expect((await ingest(station, key, '/api/v1/ingest/xml', { xml })).status).toBe(200);
    expect((await rowsOf('repair-later', race)).get(29)).toMatchObject({ time: 9070, pen: 400, total: 9470, betterRunNr: 2, totalTotal: 9470 });
  });
});
