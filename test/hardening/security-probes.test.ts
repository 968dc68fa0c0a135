/**
 * Security probes (issue 6, item 5), over real HTTP against a real station process:
 *
 * - every non-public route (listed from the source, src-main/http/*.ts) answers 401 without a
 *   secret, with a wrong secret, and to a spectator's request from another origin; the body is
 *   not even read first (an unauthenticated 10 MB upload is refused from its headers);
 * - no CORS allow headers to another origin, preflight included;
 * - the officials PIN: 6+ digits; 5 wrong attempts a minute per address and 10 station-wide,
 *   then 429 (even for the right PIN); lockouts and wrong operator tokens in the activity log;
 * - nothing secret (admin secret, ingest keys, officials PIN) in any public answer of an event
 *   holding the real data, nor in any WebSocket message sent while the real capture replays.
 *
 * The constant-time comparison is unit-tested in secrets-constant-time.test.ts.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createEvent, ingest, rawPost, startInProcessStation, startTestStation, type TestStation } from '../helpers/station.ts';
import { connect } from '../helpers/ws-client.ts';
import { captureFor, realXml } from '../helpers/capture.ts';
import { declaredRoutes } from './lib/routes.ts';

const EVIL = 'http://evil.example';
const PIN = '58203147';

type Kind = 'operator' | 'ingest' | 'official';

interface Probe {
  method: string;
  /** The route as declared (with :params) and the concrete URL probed. */
  route: string;
  url: string;
  /** A body the route accepts, so a refusal can only be about the credentials. */
  body?: unknown;
  /** A body the route's schema refuses: without credentials the answer must still be 401. */
  badBody?: unknown;
  accepts: Kind[];
}

describe('security probes', () => {
  let station: TestStation;
  let apiKey: string;
  let otherKey: string;
  const eventId = 'secure-event';
  const secrets = () => ({ admin: station.adminSecret, apiKey, otherKey, pin: PIN });

  beforeAll(async () => {
    station = await startTestStation();
    ({ apiKey } = await createEvent(station, eventId));
    ({ apiKey: otherKey } = await createEvent(station, 'other-event'));
    const pin = await api(station, 'PATCH', '/api/v1/admin/settings', {
      headers: { authorization: `Bearer ${station.adminSecret}` },
      body: { officialsPin: PIN },
    });
    expect(pin.status).toBe(200);
  });
  afterAll(async () => station?.cleanup());

  const probes = (): Probe[] => [
    { method: 'POST', route: '/api/v1/ingest/xml', url: '/api/v1/ingest/xml', body: { xml: '<Canoe123Data/>' }, badBody: { nope: 1 }, accepts: ['ingest'] },
    { method: 'POST', route: '/api/v1/ingest/results', url: '/api/v1/ingest/results', body: { results: [] }, badBody: { results: 'x' }, accepts: ['ingest'] },
    { method: 'POST', route: '/api/v1/ingest/oncourse', url: '/api/v1/ingest/oncourse', body: { oncourse: [] }, badBody: {}, accepts: ['ingest'] },
    {
      method: 'POST',
      route: '/api/v1/admin/events',
      url: '/api/v1/admin/events',
      body: { eventId: 'intruder', mainTitle: 'Intruder' },
      badBody: {},
      accepts: ['operator'],
    },
    { method: 'GET', route: '/api/v1/admin/events', url: '/api/v1/admin/events', accepts: ['operator'] },
    { method: 'GET', route: '/api/v1/admin/events/:eventId', url: `/api/v1/admin/events/${eventId}`, accepts: ['operator'] },
    {
      method: 'PATCH',
      route: '/api/v1/admin/events/:eventId',
      url: `/api/v1/admin/events/${eventId}`,
      body: { location: 'Nowhere' },
      badBody: { bogus: true },
      accepts: ['operator'],
    },
    { method: 'DELETE', route: '/api/v1/admin/events/:eventId', url: `/api/v1/admin/events/${eventId}`, accepts: ['operator', 'ingest'] },
    {
      method: 'PATCH',
      route: '/api/v1/admin/events/:eventId/status',
      url: `/api/v1/admin/events/${eventId}/status`,
      body: { status: 'startlist' },
      badBody: { status: 'gone' },
      accepts: ['operator', 'official', 'ingest'],
    },
    {
      method: 'POST',
      route: '/api/v1/admin/events/:eventId/xml',
      url: `/api/v1/admin/events/${eventId}/xml`,
      body: { xml: '<Canoe123Data/>' },
      badBody: {},
      accepts: ['operator'],
    },
    {
      method: 'PUT',
      route: '/api/v1/admin/events/:eventId/races/:raceId/official',
      url: `/api/v1/admin/events/${eventId}/races/K1M_ST_BR2_6/official`,
      body: { official: true },
      badBody: { official: 'yes' },
      accepts: ['operator', 'official'],
    },
    { method: 'GET', route: '/api/v1/admin/deleted-events', url: '/api/v1/admin/deleted-events', accepts: ['operator'] },
    {
      method: 'POST',
      route: '/api/v1/admin/deleted-events/:deletedId/restore',
      url: '/api/v1/admin/deleted-events/1/restore',
      body: {},
      badBody: { bogus: 1 },
      accepts: ['operator'],
    },
    { method: 'GET', route: '/api/v1/admin/activity', url: '/api/v1/admin/activity', accepts: ['operator'] },
    { method: 'GET', route: '/api/v1/admin/officials/session', url: '/api/v1/admin/officials/session', accepts: ['operator', 'official'] },
    { method: 'GET', route: '/api/v1/admin/station', url: '/api/v1/admin/station', accepts: ['operator'] },
    { method: 'GET', route: '/api/v1/admin/connections', url: '/api/v1/admin/connections', accepts: ['operator'] },
    {
      method: 'PATCH',
      route: '/api/v1/admin/settings',
      url: '/api/v1/admin/settings',
      body: { officialsPin: '123456' },
      badBody: { bogus: 1 },
      accepts: ['operator'],
    },
    { method: 'GET', route: '/api/v1/admin/screens', url: '/api/v1/admin/screens', accepts: ['operator'] },
    {
      method: 'PUT',
      route: '/api/v1/admin/screens/kinds/:kind',
      url: '/api/v1/admin/screens/kinds/board',
      body: { theme: 'light' },
      badBody: { theme: 'pink' },
      accepts: ['operator'],
    },
    {
      method: 'PUT',
      route: '/api/v1/admin/screens/:screenId',
      url: '/api/v1/admin/screens/wall-1',
      body: { kind: 'board', label: 'Wall', settings: null },
      badBody: { settings: 5 },
      accepts: ['operator'],
    },
    { method: 'DELETE', route: '/api/v1/admin/screens/:screenId', url: '/api/v1/admin/screens/wall-1', accepts: ['operator'] },
    { method: 'GET', route: '/api/v1/admin/events/:eventId/source', url: `/api/v1/admin/events/${eventId}/source`, accepts: ['operator'] },
    {
      method: 'PUT',
      route: '/api/v1/admin/events/:eventId/source',
      url: `/api/v1/admin/events/${eventId}/source`,
      body: { kind: 'c123-server' },
      badBody: { kind: 'telepathy' },
      accepts: ['operator'],
    },
    { method: 'DELETE', route: '/api/v1/admin/events/:eventId/source/replay', url: `/api/v1/admin/events/${eventId}/source/replay`, accepts: ['operator'] },
    { method: 'POST', route: '/api/v1/admin/replay', url: '/api/v1/admin/replay', body: { speed: 1000 }, badBody: { speed: -1 }, accepts: ['operator'] },
    { method: 'GET', route: '/api/v1/admin/replay', url: '/api/v1/admin/replay', accepts: ['operator'] },
    { method: 'GET', route: '/api/v1/admin/canoe123/xml-files', url: '/api/v1/admin/canoe123/xml-files', accepts: ['operator'] },
    { method: 'GET', route: '/api/v1/admin/uplinks', url: '/api/v1/admin/uplinks', accepts: ['operator'] },
    { method: 'GET', route: '/api/v1/admin/events/:eventId/uplink', url: `/api/v1/admin/events/${eventId}/uplink`, accepts: ['operator'] },
    {
      method: 'PUT',
      route: '/api/v1/admin/events/:eventId/uplink',
      url: `/api/v1/admin/events/${eventId}/uplink`,
      body: { url: 'http://127.0.0.1:9', remoteEventId: 'x', apiKey: 'k', enabled: false },
      badBody: { url: 1 },
      accepts: ['operator'],
    },
    { method: 'DELETE', route: '/api/v1/admin/events/:eventId/uplink', url: `/api/v1/admin/events/${eventId}/uplink`, accepts: ['operator'] },
    {
      method: 'POST',
      route: '/api/v1/admin/events/:eventId/uplink/test',
      url: `/api/v1/admin/events/${eventId}/uplink/test`,
      body: {},
      badBody: { url: 1 },
      accepts: ['operator'],
    },
    {
      method: 'POST',
      route: '/api/v1/admin/events/:eventId/uplink/refused/:id/retry',
      url: `/api/v1/admin/events/${eventId}/uplink/refused/1/retry`,
      accepts: ['operator'],
    },
    {
      method: 'DELETE',
      route: '/api/v1/admin/events/:eventId/uplink/refused/:id',
      url: `/api/v1/admin/events/${eventId}/uplink/refused/1`,
      accepts: ['operator'],
    },
  ];

  it('probes every non-public route the source declares', () => {
    const declared = declaredRoutes()
      .filter((r) => !r.public)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    const probed = probes()
      .map((p) => `${p.method} ${p.route}`)
      .sort();
    expect(probed).toEqual(declared);
    console.log(`security: ${declared.length} non-public routes declared in src-main/http, all probed`);
  });

  it('answers 401 to every non-public route without a secret, with a wrong one, and from another origin', async () => {
    const failures: string[] = [];
    let requests = 0;
    const send = async (p: Probe, label: string, headers: Record<string, string>, body = p.body) => {
      requests++;
      const res = await api(station, p.method, p.url, { headers, body });
      const cors = [...res.headers.keys()].filter((h) => h.startsWith('access-control-'));
      if (res.status !== 401) failures.push(`${p.method} ${p.url} ${label}: ${res.status} ${JSON.stringify(res.body)}`);
      else if (res.body?.error !== 'Unauthorized') failures.push(`${p.method} ${p.url} ${label}: body ${JSON.stringify(res.body)}`);
      if (cors.length) failures.push(`${p.method} ${p.url} ${label}: CORS headers ${cors.join(', ')}`);
    };
    const wrong = {
      bearer: { authorization: 'Bearer not-the-secret' },
      master: { 'x-master-key': `${station.adminSecret}x` },
      masterPrefix: { 'x-master-key': station.adminSecret.slice(0, -1) },
      // The real key with its last hex digit changed (never equal to it).
      apiKey: { 'x-api-key': `${apiKey.slice(0, -1)}${apiKey.endsWith('0') ? '1' : '0'}` },
    };
    for (const p of probes()) {
      await send(p, 'no secret', {});
      if (p.badBody !== undefined) await send(p, 'no secret, bad body', {}, p.badBody);
      await send(p, 'wrong bearer token', wrong.bearer);
      await send(p, 'wrong X-Master-Key', wrong.master);
      await send(p, 'X-Master-Key one character short', wrong.masterPrefix);
      if (p.badBody !== undefined) await send(p, 'wrong X-Master-Key, bad body', wrong.master, p.badBody);
      await send(p, 'wrong X-API-Key', wrong.apiKey);
      // The ingest key of one event opens nothing of another, and nothing operator-only.
      if (p.url.includes(`/events/${eventId}`) || !p.accepts.includes('ingest')) await send(p, "another event's X-API-Key", { 'x-api-key': otherKey });
      await send(p, `spectator from ${EVIL}`, { origin: EVIL, referer: `${EVIL}/`, 'sec-fetch-site': 'cross-site' });
    }
    console.log(`security: ${requests} unauthenticated/wrong-secret requests to ${probes().length} routes, ${failures.length} not answered 401`);
    expect(failures).toEqual([]);
  });

  it('refuses an unauthenticated upload from its headers, without reading the body', async () => {
    // 10 MB announced, only 64 KB sent: a station that reads the body first never answers.
    const big = JSON.stringify({ xml: `<Canoe123Data>${'x'.repeat(10 * 1024 * 1024)}</Canoe123Data>` });
    for (const path of ['/api/v1/ingest/xml', `/api/v1/admin/events/${eventId}/xml`]) {
      const t0 = performance.now();
      const res = await Promise.race([
        rawPost(station, path, big, { origin: EVIL }),
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error(`${path}: no answer within 5 s to an unauthenticated 10 MB upload (the body is read before the key is checked)`)),
            5000,
          ),
        ),
      ]);
      expect(res.status, path).toBe(401);
      console.log(`security: unauthenticated 10 MB upload to ${path} refused in ${(performance.now() - t0).toFixed(0)} ms`);
    }
  });

  it("refuses an ingest key's or a PIN's upload to an operator-only route from its headers, without reading the body", async () => {
    // Just under the 16 MiB body limit announced, only 64 KB sent: a station that reads the body
    // before it checks whether the route accepts this caller never answers. The ingest key and the
    // PIN are right, just not accepted by the operator's XML import.
    const big = JSON.stringify({ xml: `<Canoe123Data>${'x'.repeat(16 * 1024 * 1024 - 100)}</Canoe123Data>` });
    const path = `/api/v1/admin/events/${eventId}/xml`;
    for (const [who, headers] of [
      ['ingest key', { 'x-api-key': apiKey }],
      ['officials PIN', { 'x-officials-pin': PIN }],
    ] as const) {
      const t0 = performance.now();
      const res = await Promise.race([
        rawPost(station, path, big, headers),
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error(`${who}: no answer within 5 s to a 16 MiB upload to ${path} (the body is read before the caller is checked)`)),
            5000,
          ),
        ),
      ]);
      expect(res.status, who).toBe(401);
      console.log(`security: 16 MiB upload with the ${who} to ${path} refused in ${(performance.now() - t0).toFixed(0)} ms`);
    }
  });

  it('sends no CORS allow headers to another origin, preflight included', async () => {
    const offenders: string[] = [];
    const paths = ['/api/v1/admin/events', '/api/v1/ingest/results', `/api/v1/admin/events/${eventId}/status`, '/api/v1/events', '/health'];
    for (const path of paths) {
      for (const [method, headers] of [
        ['OPTIONS', { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-master-key, x-api-key, content-type' }],
        ['GET', { origin: EVIL }],
      ] as const) {
        const res = await fetch(station.url + path, { method, headers });
        const cors = [...res.headers.keys()].filter((h) => h.startsWith('access-control-'));
        if (cors.length || (method === 'OPTIONS' && res.status < 300)) offenders.push(`${method} ${path}: ${res.status} ${cors.join(', ')}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the right credentials still work (the probes above refuse for the right reason)', async () => {
    const op = { authorization: `Bearer ${station.adminSecret}` };
    expect((await api(station, 'GET', '/api/v1/admin/events', { headers: op })).status).toBe(200);
    expect((await api(station, 'GET', '/api/v1/admin/events', { headers: { 'x-master-key': station.adminSecret } })).status).toBe(200);
    expect((await ingest(station, apiKey, '/api/v1/ingest/oncourse', { oncourse: [] })).status).toBe(200);
    expect((await api(station, 'GET', '/api/v1/admin/officials/session', { headers: { 'x-officials-pin': PIN } })).status).toBe(200);
    // The probes changed nothing: the event is still there, still in draft, its location untouched.
    const detail = await api(station, 'GET', `/api/v1/admin/events/${eventId}`, { headers: op });
    expect(detail.status).toBe(200);
    expect(detail.body.event).toMatchObject({ status: 'draft', location: null });
    const all = await api(station, 'GET', '/api/v1/admin/events', { headers: op });
    expect(all.body.events.map((e: { eventId: string }) => e.eventId).sort()).toEqual(['other-event', eventId]);
  });

  it('limits wrong officials-PIN attempts: 5 a minute, then 429 even for the right PIN', async () => {
    // A station of its own: the lockout is per client address and would block the other tests.
    const own = await startInProcessStation();
    try {
      const op = { authorization: `Bearer ${own.adminSecret}` };
      expect((await api(own, 'PATCH', '/api/v1/admin/settings', { headers: op, body: { officialsPin: PIN } })).status).toBe(200);
      const session = (pin: string) => api(own, 'GET', '/api/v1/admin/officials/session', { headers: { 'x-officials-pin': pin } });
      expect((await session(PIN)).status).toBe(200);
      const answers: number[] = [];
      for (const wrong of ['0000', '1234', '58203146', '58203148']) answers.push((await session(wrong)).status);
      // A wrong PIN with a malformed body is a guess too: 401 (not 400), and it counts.
      const withBadBody = await api(own, 'PATCH', '/api/v1/admin/events/x/status', { headers: { 'x-officials-pin': '582031470' }, body: { status: 'gone' } });
      answers.push(withBadBody.status);
      expect(answers).toEqual([401, 401, 401, 401, 401]);
      const locked = await session('99999999');
      expect(locked.status).toBe(429);
      expect(locked.body.error).toBe('TooManyAttempts');
      expect(locked.body.retryAfter).toBeGreaterThan(50);
      // The right PIN is refused too while locked: guessing cannot go on by mixing in a known PIN.
      expect((await session(PIN)).status).toBe(429);
      // …on every route that takes a PIN.
      expect((await api(own, 'PATCH', '/api/v1/admin/events/x/status', { headers: { 'x-officials-pin': PIN }, body: { status: 'startlist' } })).status).toBe(
        429,
      );
      // The operator is not locked out by someone guessing PINs.
      expect((await api(own, 'GET', '/api/v1/admin/officials/session', { headers: op })).status).toBe(200);
      console.log(`security: officials PIN answers ${answers.join(', ')}, then ${locked.status} (retry after ${locked.body.retryAfter} s)`);
    } finally {
      await own.cleanup();
    }
  });

  it('refuses a PIN of fewer than 6 digits; keeps the PIN only as a scrypt hash', async () => {
    const op = { authorization: `Bearer ${station.adminSecret}` };
    for (const pin of ['1234', '12345', '1234567890123', '12345a']) {
      const res = await api(station, 'PATCH', '/api/v1/admin/settings', { headers: op, body: { officialsPin: pin } });
      expect(res.status, pin).toBe(400);
      expect(res.body.error).toBe('InvalidRequest');
    }
    // The PIN set in beforeAll still works, and only its hash is stored.
    expect((await api(station, 'GET', '/api/v1/admin/officials/session', { headers: { 'x-officials-pin': PIN } })).status).toBe(200);
  });

  it('pauses PIN sign-in station-wide when many addresses guess, logs lockouts and wrong tokens, and shows them to the operator', async () => {
    // Real TCP clients from several loopback addresses (127.0.0.0/8 is all this machine).
    const own = await startInProcessStation();
    try {
      const op = { authorization: `Bearer ${own.adminSecret}` };
      expect((await api(own, 'PATCH', '/api/v1/admin/settings', { headers: op, body: { officialsPin: PIN } })).status).toBe(200);
      const from = (address: string, headers: Record<string, string>, path = '/api/v1/admin/officials/session') =>
        new Promise<number>((resolve, reject) => {
          const req = httpRequest(`${own.url}${path}`, { localAddress: address, headers }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          });
          req.on('error', reject);
          req.end();
        });
      // The official's tablet signs in first.
      expect(await from('127.0.0.2', { 'x-officials-pin': PIN })).toBe(200);
      // Five other addresses guess twice each: none reaches its own limit of 5, the station's 10 is spent.
      const guesses: number[] = [];
      for (let a = 10; a < 15; a++) for (const g of ['11111111', '22222222']) guesses.push(await from(`127.0.0.${a}`, { 'x-officials-pin': g }));
      expect(guesses).toEqual(Array(10).fill(401));
      // A sixth address is told to wait without its guess being checked, the right PIN included.
      expect(await from('127.0.0.20', { 'x-officials-pin': '33333333' })).toBe(429);
      expect(await from('127.0.0.21', { 'x-officials-pin': PIN })).toBe(429);
      // The tablet that knew the PIN keeps working.
      expect(await from('127.0.0.2', { 'x-officials-pin': PIN })).toBe(200);
      // One address reaches its own limit too.
      for (let i = 0; i < 4; i++) await from('127.0.0.2', { 'x-officials-pin': '44444444' });
      await from('127.0.0.2', { 'x-officials-pin': '55555555' });
      expect(await from('127.0.0.2', { 'x-officials-pin': PIN })).toBe(429);
      // Wrong operator tokens, from two addresses, many times.
      for (let i = 0; i < 5; i++) expect(await from('127.0.0.30', { authorization: 'Bearer guess' }, '/api/v1/admin/events')).toBe(401);
      expect(await from('127.0.0.31', { 'x-master-key': 'guess' }, '/api/v1/admin/station')).toBe(401);

      const info = await api(own, 'GET', '/api/v1/admin/station', { headers: op });
      expect(info.body.signIn).toMatchObject({ wrongPins: 15, wrongTokens: 6, lastWrongToken: { address: '127.0.0.31' } });
      expect(info.body.signIn.pinPausedSeconds).toBeGreaterThan(0);
      expect(info.body.signIn.lockedAddresses.map((l: { address: string }) => l.address)).toEqual(['127.0.0.2']);
      const log = (await api(own, 'GET', '/api/v1/admin/activity?limit=500', { headers: op })).body.entries.map(
        (e: { message: string }) => e.message,
      ) as string[];
      const lines = (re: RegExp) => log.filter((m) => re.test(m));
      expect(lines(/PIN sign-in paused/)).toHaveLength(1);
      expect(lines(/5 wrong PINs from 127\.0\.0\.2 /)).toHaveLength(1);
      expect(lines(/^Wrong operator token from 127\.0\.0\.30 \(GET \/api\/v1\/admin\/events\)$/)).toHaveLength(1);
      expect(lines(/^Wrong operator token from 127\.0\.0\.31 /)).toHaveLength(1);
      console.log(
        `security: 10 guesses from 5 addresses paused PIN sign-in station-wide; ${info.body.signIn.wrongTokens} wrong tokens → ${lines(/^Wrong operator token/).length} log lines`,
      );
    } finally {
      await own.cleanup();
    }
  });

  it('keeps every secret out of public answers and WebSocket messages during a real replay', async () => {
    const replayEvent = 'jarni-slalomy-2024';
    const { apiKey: replayKey } = await createEvent(station, replayEvent, 'Jarní slalomy 2024');
    const xml = realXml();
    const needles = { ...secrets(), replayKey };
    // A leak must be findable: none of the secrets occurs in the data itself.
    for (const [name, s] of Object.entries(needles)) expect(xml.includes(s), name).toBe(false);

    const requests = captureFor(replayEvent);
    // Clients join as soon as the event is public (the capture's PATCH to running).
    const patchAt = requests.findIndex((r) => r.method === 'PATCH');
    for (const r of requests.slice(0, patchAt + 1)) expect((await ingest(station, replayKey, r.url, r.body)).status).toBeLessThan(300);
    const raw: string[] = [];
    const sockets = await Promise.all([0, 1, 2].map(() => connect(station, replayEvent)));
    for (const s of sockets) s.ws.on('message', (d) => raw.push(d.toString()));
    for (const r of requests.slice(patchAt + 1)) expect((await ingest(station, replayKey, r.url, r.body)).status).toBeLessThan(300);
    // The operator imports the XML by hand, an official marks a race, the event finishes.
    expect(
      (await api(station, 'POST', `/api/v1/admin/events/${replayEvent}/xml`, { headers: { authorization: `Bearer ${station.adminSecret}` }, body: { xml } }))
        .status,
    ).toBe(200);
    expect(
      (
        await api(station, 'PUT', `/api/v1/admin/events/${replayEvent}/races/K1M_ST_BR1_6/official`, {
          headers: { 'x-officials-pin': PIN },
          body: { official: true },
        })
      ).status,
    ).toBe(200);
    expect((await ingest(station, replayKey, `/api/v1/admin/events/${replayEvent}/status`, { status: 'finished' })).status).toBe(200);
    await sockets[0].next((m) => m.type === 'diff' && m.data.status === 'finished', 5000);

    // Every public answer of the event.
    const answers: [string, string][] = [];
    const get = async (path: string) => {
      const res = await fetch(station.url + path, { headers: { origin: EVIL } });
      answers.push([path, `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${await res.text()}`]);
      return res;
    };
    for (const path of [
      '/health',
      '/api/v1/events',
      `/api/v1/events/${replayEvent}`,
      `/api/v1/events/${replayEvent}/categories`,
      `/api/v1/events/${replayEvent}/oncourse`,
      '/',
      '/operator/',
      '/officials',
    ]) {
      await get(path);
    }
    const detail = await api(station, 'GET', `/api/v1/events/${replayEvent}`);
    const races = detail.body.races as { raceId: string }[];
    expect(races).toHaveLength(44);
    const categories = (await api(station, 'GET', `/api/v1/events/${replayEvent}/categories`)).body.categories as { catId: string }[];
    for (const { raceId } of races) {
      await get(`/api/v1/events/${replayEvent}/results/${raceId}`);
      await get(`/api/v1/events/${replayEvent}/results/${raceId}?detailed=true`);
      await get(`/api/v1/events/${replayEvent}/startlist/${raceId}`);
    }
    for (const { catId } of categories.slice(0, 5))
      await get(`/api/v1/events/${replayEvent}/results/K1M_ST_BR2_6?catId=${encodeURIComponent(catId)}&detailed=true`);
    // Error answers are public too.
    for (const path of [`/api/v1/events/${replayEvent}/results/NOPE`, '/api/v1/events/other-event', '/api/v1/nothing']) await get(path);

    const leaks: string[] = [];
    for (const [name, secret] of Object.entries(needles)) {
      for (const [path, text] of answers) if (text.includes(secret)) leaks.push(`${name} in GET ${path}`);
      raw.forEach((m, i) => m.includes(secret) && leaks.push(`${name} in WebSocket message ${i}`));
    }
    const bytes = answers.reduce((a, [, t]) => a + t.length, 0) + raw.reduce((a, m) => a + m.length, 0);
    console.log(
      `security: searched ${answers.length} public answers and ${raw.length} WebSocket messages (${(bytes / 1e6).toFixed(1)} MB) for ${Object.keys(needles).length} secrets: ${leaks.length} found`,
    );
    expect(raw.length).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
    for (const s of sockets) s.close();
  });
});
