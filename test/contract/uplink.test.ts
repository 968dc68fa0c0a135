/**
 * The uplink (issue 13), over real HTTP between two real Raceside processes on loopback, with a
 * fault-injecting proxy (test/helpers/fault-proxy.ts) between the station's uplink and its
 * target:
 *
 * - the admin API: operator token only, the key never comes back, clear 400/404;
 * - the real c123-server capture replayed at 10× through drops, 500s, 429 + Retry-After, resets,
 *   lost answers, a 10 s stall and a 25 s blackhole: after recovery the backlog drains in ≤ 10 s
 *   and the target's public REST (every race, detailed) equals the station's byte for byte,
 *   modulo timestamps; Retry-After is honoured;
 * - kill -9 of the station mid-backlog while the target applies requests whose answers are lost:
 *   the restarted station resumes; nothing lost, nothing applied twice (status history);
 * - 401 pauses with the target's message and keeps the queue; saving the key again resumes;
 * - another 4xx parks the item in the visible refused list; retry sends it, discard drops it,
 *   and the rest goes on meanwhile;
 * - `official`: a Raceside target refuses it to an ingest key, so the step is set aside, visible.
 *
 * The long version (a 10-minute blackhole): `node_modules/.bin/node scripts/uplink-outage.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, ingest, operator } from '../helpers/station.ts';
import { captureFor } from '../helpers/capture.ts';
import { PAIR_EVENT, replayCapture, startUplinkPair, type UplinkPair } from '../helpers/uplink-pair.ts';
import { seededRandom, seedFromEnv, sleep } from '../hardening/lib/util.ts';

const uplinkPath = `/api/v1/admin/events/${PAIR_EVENT}/uplink`;

/** The capture's last results push, every run time shifted by `shift` cs (a real change). */
function lastResultsPush(shift: number, only?: (row: { bib: number }) => boolean) {
  const pushes = captureFor(PAIR_EVENT).filter((r) => r.url.endsWith('/ingest/results'));
  const rows = (pushes[pushes.length - 1].body.results as { bib: number; time: number | null; total: number | null }[])
    .filter((r) => !only || only(r))
    .map((r) => ({ ...r, time: r.time === null ? null : r.time + shift, total: r.total === null ? null : r.total + shift }));
  return { results: rows };
}

describe('uplink to another Raceside through a faulty link', () => {
  let pair: UplinkPair;
  const seed = seedFromEnv();

  beforeAll(async () => {
    pair = await startUplinkPair();
  }, 60_000);
  afterAll(async () => pair?.cleanup());

  it('is the operator’s alone, never answers the key, and says what is wrong with a setting', async () => {
    const { station } = pair;
    const got = await api(station, 'GET', uplinkPath, { headers: operator(station) });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ configured: true, url: pair.proxy.url, remoteEventId: PAIR_EVENT, enabled: true, keySet: true });
    expect(JSON.stringify(got.body)).not.toContain(pair.remoteKey);
    const overview = await api(station, 'GET', '/api/v1/admin/uplinks', { headers: operator(station) });
    expect(JSON.stringify(overview.body)).not.toContain(pair.remoteKey);
    expect(overview.body.uplinks).toEqual([expect.objectContaining({ eventId: PAIR_EVENT, enabled: true })]);

    expect((await api(station, 'GET', uplinkPath)).status).toBe(401);
    expect((await api(station, 'GET', uplinkPath, { headers: { 'x-api-key': pair.apiKey } })).status).toBe(401);
    const noToken = await api(station, 'PUT', uplinkPath, { body: { url: 'http://x', remoteEventId: 'x', apiKey: 'k', enabled: true } });
    expect(noToken.status).toBe(401);

    const badUrl = await api(station, 'PUT', uplinkPath, {
      headers: operator(station),
      body: { url: 'ftp://live.example', remoteEventId: PAIR_EVENT, enabled: true },
    });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.message).toMatch(/http:\/\/ or https:\/\//);
    const missing = await api(station, 'PUT', uplinkPath, { headers: operator(station), body: { url: pair.proxy.url, enabled: true } });
    expect(missing).toMatchObject({ status: 400, body: { error: 'InvalidRequest' } });
    const unknown = await api(station, 'GET', '/api/v1/admin/events/nope/uplink', { headers: operator(station) });
    expect(unknown.status).toBe(404);

    // The connection test checks the path, the event and the key without changing anything there.
    const test = await api(station, 'POST', `${uplinkPath}/test`, { headers: operator(station), body: {} });
    expect(test.body).toMatchObject({ ok: true, reachable: true, keyAccepted: true, remoteStatus: 'draft' });
    const wrongKey = await api(station, 'POST', `${uplinkPath}/test`, { headers: operator(station), body: { apiKey: 'not-the-key' } });
    expect(wrongKey.body).toMatchObject({ ok: false, reachable: true, keyAccepted: false, error: { reason: 'unauthorized', httpStatus: 401 } });
    const nowhere = await api(station, 'POST', `${uplinkPath}/test`, { headers: operator(station), body: { url: 'http://127.0.0.1:9' } });
    expect(nowhere.body).toMatchObject({ ok: false, reachable: false, error: { reason: 'network' } });
  });

  it('replays the real capture at 10× through faults and a 25 s blackhole; drains in ≤ 10 s; the target equals the station', async () => {
    const { proxy, station } = pair;
    const random = seededRandom(seed);
    // Every fault once, in order, then a seeded random mix until the blackhole.
    proxy.retryAfterS = 1;
    proxy.next('drop', 'error500', 'rate429', 'reset', 'loseAnswer', 'stall');
    proxy.chaos({ drop: 0.06, error500: 0.06, rate429: 0.04, reset: 0.06, loseAnswer: 0.06 }, random);
    const t0 = performance.now();
    const replay = replayCapture(station, pair.apiKey, { speed: 10 });
    await sleep(16_000);
    proxy.chaos(null);
    proxy.setMode('pass');
    proxy.blackhole(true);
    const holeAt = performance.now();
    const replayed = await replay;
    expect(replayed.failed).toEqual([]);
    await sleep(Math.max(0, holeAt + 25_000 - performance.now()));
    const during = await pair.uplink();
    expect(during.state).toBe('retrying');
    expect(during.queued).toBeGreaterThan(0);
    expect(during.oldestUnsentMs).toBeGreaterThan(5_000);
    expect(during.lastError.reason).toMatch(/timeout|network/);

    proxy.blackhole(false);
    const drainMs = await pair.drained(20_000, 50);
    const differences = await pair.differences();
    const after = await pair.uplink();
    const faults = proxy.log.reduce<Record<string, number>>((n, r) => ({ ...n, [r.fault]: (n[r.fault] ?? 0) + 1 }), {});
    console.log(
      `uplink: capture at 10× (${replayed.requests} pushes) through ${JSON.stringify(faults)} (seed ${seed}); ` +
        `${((performance.now() - t0) / 1000).toFixed(0)} s in all, blackhole 25 s; backlog of ${during.queued} items ` +
        `(oldest ${(during.oldestUnsentMs / 1000).toFixed(0)} s) drained ${(drainMs / 1000).toFixed(2)} s after recovery; ` +
        `${after.requestsSent} requests, ${(after.bytesSent / 1024).toFixed(0)} KB sent`,
    );
    expect(drainMs).toBeLessThanOrEqual(10_000);
    expect(differences).toEqual([]);
    expect(after.state).toBe('connected');
    for (const fault of ['drop', 'error500', 'rate429', 'reset', 'loseAnswer', 'stall', 'blackhole']) expect(faults[fault], fault).toBeGreaterThan(0);

    // Retry-After: after each 429 the next request waited at least the second it asked for.
    const log = proxy.log;
    for (let i = 0; i < log.length - 1; i++) {
      if (log[i].fault === 'rate429') expect(log[i + 1].at - log[i].at, `request after the 429 at ${i}`).toBeGreaterThanOrEqual(950);
    }
  }, 120_000);

  it('survives kill -9 mid-backlog: the restart resumes, nothing is lost, nothing applied twice', async () => {
    const { proxy, station, target } = pair;
    proxy.blackhole(true);
    // A backlog: a later loop of the day (every run time +1 cs), and two status steps.
    const replayed = await replayCapture(station, pair.apiKey, { speed: 40, shift: 1 });
    expect(replayed.failed).toEqual([]);
    for (const status of ['finished', 'running']) {
      expect((await api(station, 'PATCH', `/api/v1/admin/events/${PAIR_EVENT}/status`, { headers: operator(station), body: { status } })).status).toBe(200);
    }
    const backlog = await pair.uplink();
    expect(backlog.queued).toBeGreaterThan(3);

    // The target applies what it gets, but the answers are lost (all but one, so the queue moves
    // on to other kinds of request); kill the station meanwhile.
    proxy.spare = /^\/health$/;
    proxy.next('loseAnswer', 'pass');
    proxy.setMode('loseAnswer');
    const before = proxy.log.length;
    const lost = () => proxy.log.slice(before).filter((r) => r.fault === 'loseAnswer');
    proxy.blackhole(false);
    for (let i = 0; i < 300 && lost().length < 3; i++) await sleep(50);
    const applied = lost().map((r) => `${r.method} ${r.path}`);
    expect(applied.length).toBeGreaterThanOrEqual(3);
    await station.kill();

    proxy.spare = null;
    proxy.setMode('pass');
    await station.restart();
    const drainMs = await pair.drained(20_000, 50);
    expect(await pair.differences()).toEqual([]);
    const history = (await api(target, 'GET', `/api/v1/admin/events/${PAIR_EVENT}`, { headers: operator(target) })).body.history.map(
      (h: { from: string; to: string }) => `${h.from}>${h.to}`,
    );
    expect(history).toEqual(['draft>startlist', 'startlist>running', 'running>finished', 'finished>running']);
    console.log(
      `uplink: kill -9 after ${applied.length} requests applied by the target with their answers lost (${applied.join(', ')}); ` +
        `restarted, drained ${(drainMs / 1000).toFixed(2)} s later; target history ${history.join(', ')}`,
    );
  }, 90_000);

  it('pauses on 401 with the target’s message, keeps the queue, and resumes when the key is saved again', async () => {
    const { proxy, station } = pair;
    const wrong = await api(station, 'PUT', uplinkPath, {
      headers: operator(station),
      body: { url: proxy.url, remoteEventId: PAIR_EVENT, apiKey: 'an-old-key', enabled: true },
    });
    expect(wrong.status).toBe(200);
    expect((await ingest(station, pair.apiKey, '/api/v1/ingest/results', lastResultsPush(2))).status).toBe(200);
    let u = await pair.uplink();
    for (let i = 0; i < 100 && u.state !== 'paused'; i++) {
      await sleep(50);
      u = await pair.uplink();
    }
    expect(u).toMatchObject({ state: 'paused', pausedBy: { reason: 'unauthorized', httpStatus: 401, detail: 'Invalid API key' } });
    expect(u.pausedBy.message).toMatch(/refused the key/);
    expect(u.queued).toBeGreaterThan(0);
    const sent = proxy.log.length;
    await sleep(1500);
    expect(proxy.log.length).toBe(sent); // paused: nothing more is sent
    expect((await pair.uplink()).queued).toBe(u.queued);
    const activity = (await api(station, 'GET', '/api/v1/admin/activity', { headers: operator(station) })).body.entries;
    expect(activity.some((e: { message: string }) => /Uplink paused: .*refused the key/.test(e.message))).toBe(true);

    const fixed = await api(station, 'PUT', uplinkPath, {
      headers: operator(station),
      body: { url: proxy.url, remoteEventId: PAIR_EVENT, apiKey: pair.remoteKey, enabled: true },
    });
    expect(fixed.body.state).not.toBe('paused');
    await pair.drained(10_000);
    expect(await pair.differences()).toEqual([]);
  }, 60_000);

  it('parks another 4xx in the refused list; retry sends it, discard drops it; the rest goes on', async () => {
    const { proxy, station } = pair;
    proxy.next('error400');
    expect(
      (
        await ingest(
          station,
          pair.apiKey,
          '/api/v1/ingest/results',
          lastResultsPush(3, (r) => r.bib === 1),
        )
      ).status,
    ).toBe(200);
    let u = await pair.uplink();
    for (let i = 0; i < 100 && u.refused.length === 0; i++) {
      await sleep(50);
      u = await pair.uplink();
    }
    expect(u.state).toBe('refused');
    expect(u.refused).toEqual([
      expect.objectContaining({
        kind: 'results',
        count: 1,
        label: 'K1M_ST_BR2_6 (1)',
        error: expect.objectContaining({ reason: 'refused', httpStatus: 400, detail: 'Injected by the fault proxy' }),
      }),
    ]);
    // The rest goes on: another rider's change reaches the target while the first waits.
    expect(
      (
        await ingest(
          station,
          pair.apiKey,
          '/api/v1/ingest/results',
          lastResultsPush(3, (r) => r.bib === 2),
        )
      ).status,
    ).toBe(200);
    await pair.drained(10_000);
    // Only the refused rider's race differs (both runs of a best-run race show the combined list).
    const diff = await pair.differences();
    expect(diff.length).toBeGreaterThan(0);
    for (const d of diff) expect(d).toMatch(/^\/api\/v1\/events\/[^/]+\/results\/K1M_ST_BR[12]_6\?/);

    const retried = await api(station, 'POST', `${uplinkPath}/refused/${u.refused[0].id}/retry`, { headers: operator(station) });
    expect(retried.body.refused).toEqual([]);
    await pair.drained(10_000);
    expect(await pair.differences()).toEqual([]);

    proxy.next('error413');
    expect(
      (
        await ingest(
          station,
          pair.apiKey,
          '/api/v1/ingest/results',
          lastResultsPush(4, (r) => r.bib === 1),
        )
      ).status,
    ).toBe(200);
    for (let i = 0; i < 100 && (await pair.uplink()).refused.length === 0; i++) await sleep(50);
    const parked = (await pair.uplink()).refused[0];
    expect(parked.error).toMatchObject({ httpStatus: 413 });
    const discarded = await api(station, 'DELETE', `${uplinkPath}/refused/${parked.id}`, { headers: operator(station) });
    expect(discarded.body.refused).toEqual([]);
    expect((await api(station, 'DELETE', `${uplinkPath}/refused/${parked.id}`, { headers: operator(station) })).status).toBe(404);
    expect((await pair.differences()).length).toBeGreaterThan(0); // discarded: the target keeps the older value
    expect(
      (
        await ingest(
          station,
          pair.apiKey,
          '/api/v1/ingest/results',
          lastResultsPush(5, (r) => r.bib === 1),
        )
      ).status,
    ).toBe(200);
    await pair.drained(10_000);
    expect(await pair.differences()).toEqual([]);
  }, 60_000);

  it('sets aside `official` on a Raceside target, whose ingest key may not make it: its officials do', async () => {
    const { station } = pair;
    for (const status of ['finished', 'official']) {
      expect((await api(station, 'PATCH', `/api/v1/admin/events/${PAIR_EVENT}/status`, { headers: operator(station), body: { status } })).status).toBe(200);
    }
    let u = await pair.uplink();
    for (let i = 0; i < 100 && u.refused.length === 0; i++) {
      await sleep(50);
      u = await pair.uplink();
    }
    expect(u.refused).toEqual([
      expect.objectContaining({
        kind: 'status',
        label: 'finished → official',
        error: expect.objectContaining({ httpStatus: 403, detail: 'Only officials or the operator can make results official' }),
      }),
    ]);
    expect(u.remoteStatus).toBe('finished');
    expect(u.queued).toBe(0);
  }, 30_000);
});
