/**
 * Feed health over real HTTP, fed the real c123-server capture, across station restarts (issue 11
 * items 5 and 10). The story of the real incident: c123-server pushes while K1M_ST_BR2_6 runs;
 * the station goes down for 90 s; c123-server's circuit breaker then stays open, so it sends
 * nothing after the restart. The restarted station must know when c123-server last spoke and that
 * riders were on course then, say "c123-server has sent nothing for 107 s while riders are on
 * course — …", keep the last import ("XML export: never" was the bug) and the activity log.
 *
 * The station runs in this process on a clock the test moves (restart = close, then a new station
 * on the same data folder), so the figures are exact. A child process killed with -9 checks that
 * what the store keeps survives a crash too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStation, type Station } from '../../src-main/station.ts';
import { api, createEvent, ingest, operator, startTestStation } from '../helpers/station.ts';
import { captureFor, realXml } from '../helpers/capture.ts';

const EVENT = 'jarni-slalomy-2024';
const BASE = Date.parse('2026-11-27T09:34:10Z');
const SILENCE = "c123-server has sent nothing for 90 s while riders are on course — it may need 'Force push XML' or a restart.";

let t = 0;
const clock = { now: () => BASE + t };
const dataDir = mkdtempSync(join(tmpdir(), 'raceside-feeds-'));
let station: Station;
let apiKey = '';

const start = () => startStation({ host: '127.0.0.1', port: 0, dataDir, adminSecret: 'test-admin-secret', pagesRoot: null, clock });
const auth = { authorization: 'Bearer test-admin-secret' };
const detail = async () => (await api(station, 'GET', `/api/v1/admin/events/${EVENT}`, { headers: auth })).body;
const source = async () => (await detail()).feeds.sources[0];
const channel = (src: any, ch: string) => src.channels.find((c: any) => c.channel === ch);
const activity = async () => ((await api(station, 'GET', '/api/v1/admin/activity?limit=100', { headers: auth })).body.entries as any[]).map((e) => e.message);
const waitFor = async (check: () => Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  station = await start();
  const created = await api(station, 'POST', '/api/v1/admin/events', {
    headers: { 'x-master-key': 'test-admin-secret' },
    body: { eventId: EVENT, mainTitle: 'Jarní slalomy 2024' },
  });
  apiKey = created.body.apiKey;
});
afterAll(async () => {
  await station?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('feed health, the real capture and a 90 s station outage', () => {
  const capture = captureFor(EVENT);

  it('before the XML: c123-server is alive, its pushes ignored, and the dashboard says what to do', async () => {
    const first = capture[0];
    expect(first.url).toMatch(/oncourse$/);
    t = first.t;
    expect((await ingest(station, apiKey, first.url, first.body)).body).toMatchObject({ ignored: true });
    const src = await source();
    expect(src.lastAt).toBe(BASE + first.t);
    expect(channel(src, 'oncourse')).toMatchObject({ state: 'failing', errors: 0, problem: { kind: 'beforeXml', channel: 'oncourse' } });
  });

  it('while c123-server pushes, every channel is healthy and the rhythm is learned; riders on course and at the start apart', async () => {
    // Up to t = 110.1 s: bib 10 has finished, bib 11 is running, bibs 12–14 wait at the start.
    for (const r of capture.slice(1).filter((x) => x.t <= 110_149)) {
      t = r.t;
      const res = await ingest(station, apiKey, r.url, r.body);
      expect(res.status, `${r.url} t=${r.t}`).toBe(200);
    }
    const d = await detail();
    expect({ onCourse: d.onCourse, atStart: d.atStart }).toEqual({ onCourse: 2, atStart: 3 });
    const src = d.feeds.sources[0];
    expect(src.silent).toBeNull();
    expect(channel(src, 'oncourse')).toMatchObject({ state: 'ok', due: 'ridersOnCourse', errors: 0, problem: { kind: 'beforeXml' } });
    expect(channel(src, 'results')).toMatchObject({ state: 'ok', count: 3, due: 'ridersOnCourse' });
    // The on-course rhythm with a rider running (longest gap 1.6 s here): stale after 10 s, the floor.
    expect(channel(src, 'oncourse').staleAfterMs).toBe(10_000);
    // Three result pushes are too few to know their rhythm: the prior (60 s) holds, stale after 120 s.
    expect(channel(src, 'results').staleAfterMs).toBe(120_000);
    expect(d.feeds.lastImport).toMatchObject({ by: 'ingest', imported: { races: 44, participants: 366, results: 1422 } });
    expect(channel(src, 'xml')).toMatchObject({ state: 'ok', count: 1 });
  });

  it('a restart keeps the feed health, the last import and the activity log', async () => {
    const before = await detail();
    const logBefore = await activity();
    await station.close();
    t += 90_000; // the station is down for 90 s
    station = await start();
    const after = await detail();
    expect(after.feeds.lastImport).toEqual(before.feeds.lastImport);
    for (const ch of ['xml', 'results', 'oncourse']) {
      const [b, a] = [channel(before.feeds.sources[0], ch), channel(after.feeds.sources[0], ch)];
      expect({ lastAt: a.lastAt, count: a.count, errors: a.errors, staleAfterMs: a.staleAfterMs }, ch).toEqual({
        lastAt: b.lastAt,
        count: b.count,
        errors: b.errors,
        staleAfterMs: b.staleAfterMs,
      });
    }
    expect(after.feeds.sources[0].lastAt).toBe(before.feeds.sources[0].lastAt);
    // On-course riders live in memory only; what the feed said about them is kept.
    expect(after.onCourse).toBe(0);
    const log = await activity();
    expect(log.length).toBeGreaterThan(0);
    expect(log).toEqual(expect.arrayContaining(logBefore.filter((m) => /XML imported|Status/.test(m))));
  });

  it('after the restart it says at once that c123-server has been silent while riders are on course, and keeps counting', async () => {
    // The restarted station's first look: silent for the 90 s it was down.
    await waitFor(async () => (await activity()).some((m) => m.startsWith('c123-server has sent nothing')));
    expect((await activity()).find((m) => m.startsWith('c123-server has sent nothing'))).toBe(SILENCE);
    t = 110_149 + 107_000; // c123-server's breaker stayed open: nothing since t = 110.1 s
    const d = await detail();
    const src = d.feeds.sources[0];
    expect(src.silent).toEqual({ since: BASE + 110_149, reason: 'ridersOnCourse' });
    // What the dashboard turns into "… has sent nothing for 107 s while riders are on course …".
    expect(d.serverNow - src.silent.since).toBe(107_000);
    expect(channel(src, 'oncourse').state).toBe('stale');
    // Said once per silence, not once a second.
    await new Promise((r) => setTimeout(r, 1200));
    expect((await activity()).filter((m) => m.startsWith('c123-server has sent nothing'))).toHaveLength(1);
  });

  it('says when c123-server speaks again (someone pressed "Force push XML")', async () => {
    t += 5_000;
    expect((await ingest(station, apiKey, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
    const src = await source();
    expect(src.silent).toBeNull();
    await waitFor(async () => (await activity()).some((m) => /^c123-server is sending again after 112 s of silence/.test(m)));
  });

  it('refused pushes are a failing feed, in a sentence, never green', async () => {
    expect((await api(station, 'PATCH', `/api/v1/admin/events/${EVENT}/status`, { headers: auth, body: { status: 'finished' } })).status).toBe(200);
    expect((await api(station, 'PATCH', `/api/v1/admin/events/${EVENT}/status`, { headers: auth, body: { status: 'official' } })).status).toBe(200);
    const push = capture.find((r) => r.url.endsWith('/ingest/results'))!;
    t += 1000;
    expect((await ingest(station, apiKey, push.url, push.body)).status).toBe(403);
    const results = channel(await source(), 'results');
    expect(results).toMatchObject({ state: 'failing', errors: 1, problem: { kind: 'refused', channel: 'results', status: 'official' } });
    expect(await activity()).toContain(
      "Results for an official event were refused: official results are final. Turn off c123-server's live push for this event.",
    );
  });
});

describe('what the store keeps survives kill -9', () => {
  it('the last import and the feed history after a crash', async () => {
    const child = await startTestStation();
    try {
      const { apiKey: key } = await createEvent(child, 'crash');
      expect((await ingest(child, key, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
      expect((await ingest(child, key, '/api/v1/admin/events/crash/status', { status: 'running' })).status).toBe(200);
      const push = captureFor('crash').find((r) => r.url.endsWith('/ingest/results'))!;
      expect((await ingest(child, key, push.url, push.body)).status).toBe(200);
      const before = (await api(child, 'GET', '/api/v1/admin/events/crash', { headers: operator(child) })).body.feeds;
      // Feed history is written every 5 s (never per push): wait for one write, then crash.
      await new Promise((r) => setTimeout(r, 6000));
      await child.kill();
      await child.restart();
      const after = (await api(child, 'GET', '/api/v1/admin/events/crash', { headers: operator(child) })).body.feeds;
      expect(after.lastImport).toEqual(before.lastImport);
      const results = (f: any) => f.sources[0].channels.find((c: any) => c.channel === 'results');
      expect({ lastAt: results(after).lastAt, count: results(after).count }).toEqual({ lastAt: results(before).lastAt, count: 1 });
    } finally {
      await child.cleanup();
    }
  }, 30_000);
});
