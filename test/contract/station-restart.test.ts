/**
 * After a station restart (issue 10, item 11), with the real c123-server capture played against a
 * station in this process whose clock moves with the capture (its riders started at 10:34 on the
 * timing's clock) but reads another time altogether (the laptop's clock or time zone is off: the
 * station learns the timing's clock from the riders):
 *
 * - every live message carries the station's boot id; a restart brings a new one, while `seq`
 *   starts over and may look continuous to a phone;
 * - a short restart: c123-server's next snapshot is current, its riders are on course at once;
 * - a long outage: c123-server's next snapshot is the one from before it, and its riders, whose
 *   starts are far older than any run of their race, are not shown (nor sent to phones) until a
 *   snapshot brings a real start; the activity log says so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, ingest, startInProcessStation } from '../helpers/station.ts';
import { connect, type TestSocket } from '../helpers/ws-client.ts';
import { captureFor, type CapturedRequest } from '../helpers/capture.ts';
import { ManualClock } from '../helpers/core.ts';
import type { WsMessage } from '../../src-main/wire/live.ts';

type Station = Awaited<ReturnType<typeof startInProcessStation>>;
const EVENT = 'jarni-slalomy-2024';
/** The station's clock at the capture's t = 0: 15:02, while Canoe123's read 10:34:06. */
const CAPTURE_START = new Date(2026, 10, 27, 15, 2, 0).getTime();
const CAPTURE_START_TIMING = (10 * 3600 + 34 * 60 + 6) * 1000;
const op = (s: Station) => ({ authorization: `Bearer ${s.adminSecret}` });

describe('a station restart during racing (real capture)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'raceside-restart-'));
  const clock = new ManualClock(CAPTURE_START);
  let station: Station;
  let apiKey = '';
  const requests = captureFor(EVENT);
  const sockets: TestSocket[] = [];
  /** The last on-course push (with riders) c123-server sent before the restart. */
  let lastSnapshot: CapturedRequest;

  const start = async () => {
    station = await startInProcessStation({}, { clock, dataDir });
  };
  const replay = async (list: CapturedRequest[]) => {
    for (const r of list) {
      clock.ms = CAPTURE_START + r.t;
      const res = await ingest(station, apiKey, r.url, r.body);
      expect(res.status, r.url).toBeLessThan(300);
    }
  };
  const onCourse = async () => (await api(station, 'GET', `/api/v1/events/${EVENT}/oncourse`)).body.oncourse as { bib: number }[];

  beforeAll(async () => {
    await start();
    const created = await api(station, 'POST', '/api/v1/admin/events', { headers: op(station), body: { eventId: EVENT, mainTitle: 'Jarní slalomy 2024' } });
    apiKey = created.body.apiKey;
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await station?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('plays the first half of the capture: riders on course, every message with one boot id', async () => {
    const half = requests.filter((r) => r.t < 120_000);
    const patchAt = half.findIndex((r) => r.method === 'PATCH');
    await replay(half.slice(0, patchAt + 1));
    const phone = await connect(station, EVENT);
    sockets.push(phone);
    await replay(half.slice(patchAt + 1));
    lastSnapshot = half.filter((r) => r.url.endsWith('/oncourse') && r.body.oncourse.length > 0).at(-1)!;
    expect(lastSnapshot.body.oncourse.length).toBeGreaterThan(0);
    expect((await onCourse()).length).toBe(lastSnapshot.body.oncourse.length);
    const boots = new Set(phone.messages.map((m) => m.bootId));
    expect(phone.messages.length).toBeGreaterThan(50);
    expect(boots.size).toBe(1);
    expect([...boots][0]).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(station.hub.bootId).toBe([...boots][0]);
  });

  it('a short restart: a new boot id, seq starts over, and the next snapshot is on course at once', async () => {
    const before = sockets[0];
    const oldBoot = before.messages[0].bootId;
    await station.close();
    expect((await before.closed).code).toBe(1001);
    clock.advance(20_000);
    await start();
    const phone = await connect(station, EVENT);
    sockets.push(phone);
    const full = await phone.next();
    expect(full.type).toBe('full');
    expect(full.bootId).not.toBe(oldBoot);
    expect(full.seq).toBeLessThan(before.messages.at(-1)!.seq);
    // c123-server's first push after the restart: its current list (20 s on).
    await ingest(station, apiKey, '/api/v1/ingest/oncourse', lastSnapshot.body);
    const diff = await phone.next((m: WsMessage) => m.type === 'diff' && 'oncourse' in m.data);
    expect(diff.bootId).toBe(full.bootId);
    if (diff.type !== 'diff') throw new Error();
    expect(diff.data.oncourse!.length).toBe(lastSnapshot.body.oncourse.length);
  });

  it('a long outage: the snapshot from before it is not shown; a real start is', async () => {
    await station.close();
    // The station laptop was down for 45 minutes; c123-server kept its last list.
    clock.advance(45 * 60_000);
    await start();
    const phone = await connect(station, EVENT);
    sockets.push(phone);
    await phone.next();
    await ingest(station, apiKey, '/api/v1/ingest/oncourse', { oncourse: [] });
    expect((await ingest(station, apiKey, '/api/v1/ingest/oncourse', lastSnapshot.body)).body).toEqual({ active: 0 });
    expect(await onCourse()).toEqual([]);
    // c123-server repeats it every second: still nothing on course.
    clock.advance(1000);
    expect((await ingest(station, apiKey, '/api/v1/ingest/oncourse', lastSnapshot.body)).body).toEqual({ active: 0 });
    expect(phone.messages.filter((m) => m.type === 'diff' && (m.data.oncourse?.length ?? 0) > 0)).toEqual([]);
    const log = (await api(station, 'GET', '/api/v1/admin/activity?limit=50', { headers: op(station) })).body.entries as { message: string }[];
    const line = log.find((e) => e.message.startsWith('On course after an outage'));
    expect(line?.message).toContain(`bib ${lastSnapshot.body.oncourse[0].bib}`);

    // Canoe123 is back: a rider starts now (on Canoe123's clock).
    const timingNow = Math.floor((CAPTURE_START_TIMING + clock.ms - CAPTURE_START) / 1000);
    const hhmmss = [Math.floor(timingNow / 3600) % 24, Math.floor(timingNow / 60) % 60, timingNow % 60].map((n) => String(n).padStart(2, '0')).join(':');
    const fresh = { ...lastSnapshot.body.oncourse[0], dtStart: `2026-11-27T${hhmmss}.000Z`, dtFinish: null, time: 200 };
    clock.advance(5000);
    expect((await ingest(station, apiKey, '/api/v1/ingest/oncourse', { oncourse: [fresh] })).body).toEqual({ active: 1 });
    const diff = await phone.next((m: WsMessage) => m.type === 'diff' && (m.data.oncourse?.length ?? 0) > 0);
    if (diff.type !== 'diff') throw new Error();
    expect(diff.data.oncourse!.map((e) => e.bib)).toEqual([fresh.bib]);
  });
});
