/**
 * Venue screens over real HTTP and real WebSocket clients (issue 15): the public live event, the
 * screens' control socket and its `screen` messages, the operator's settings applied live, the
 * `?event=` pin, the screens' own limits apart from the phones', a screen's event socket admitted
 * past a full room, and the settings surviving a station restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, ingest, startInProcessStation, startTestStation, operator, type TestStation } from '../helpers/station.ts';
import { connect, connectUrl, wsUrl, type TestSocket } from '../helpers/ws-client.ts';
import { realXml } from '../helpers/capture.ts';
import type { ScreenConfig, ScreensOverview, WsScreen } from '../../src-main/wire/screens.ts';

type Station = Awaited<ReturnType<typeof startInProcessStation>>;

const screenUrl = (station: { url: string }, query: string) => `${station.url.replace('http', 'ws')}/api/v1/screens/ws?${query}`;
const isScreen =
  (pred: (c: ScreenConfig) => boolean = () => true) =>
  (m: unknown) =>
    (m as WsScreen).type === 'screen' && pred((m as WsScreen).data);
const configOf = (m: unknown) => (m as WsScreen).data;

async function newEvent(station: { url: string; adminSecret: string }, eventId: string, status: string | null = 'running') {
  const created = await api(station, 'POST', '/api/v1/admin/events', {
    headers: { 'x-master-key': station.adminSecret },
    body: { eventId, mainTitle: `Event ${eventId}` },
  });
  const apiKey = created.body.apiKey as string;
  keys.set(eventId, apiKey);
  expect((await ingest(station, apiKey, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
  if (status) await setStatus(station, eventId, status);
  return apiKey;
}

const keys = new Map<string, string>();

/** A forward status jump, as c123-server makes it (its key walks the chain of steps). */
async function setStatus(station: { url: string }, eventId: string, status: string) {
  const res = await ingest(station, keys.get(eventId)!, `/api/v1/admin/events/${eventId}/status`, { status });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe('venue screens (in-process station)', () => {
  let station: Station;
  const sockets: TestSocket[] = [];
  const open = async (query: string) => {
    const s = await connectUrl(screenUrl(station, query));
    sockets.push(s);
    return s;
  };
  const put = (path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${station.adminSecret}` }) =>
    api<ScreensOverview>(station, 'PUT', `/api/v1/admin/screens${path}`, { headers, body });

  beforeAll(async () => {
    station = await startInProcessStation({ maxScreensPerAddress: 12, maxConnectionsPerEvent: 2 });
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await station?.cleanup();
  });

  it('the live event: none, then the running one, then the one changed last', async () => {
    expect((await api(station, 'GET', '/api/v1/live-event')).body).toEqual({ eventId: null, status: null });
    await newEvent(station, 'day-1', null); // a draft is never live
    expect((await api(station, 'GET', '/api/v1/live-event')).body.eventId).toBeNull();
    await setStatus(station, 'day-1', 'running');
    expect((await api(station, 'GET', '/api/v1/live-event')).body).toEqual({ eventId: 'day-1', status: 'running' });
    await newEvent(station, 'day-2', 'startlist'); // changed later, but day-1 is racing
    expect((await api(station, 'GET', '/api/v1/live-event')).body.eventId).toBe('day-1');
  });

  it('a screen gets its config on connect: the live event, the defaults; a bad address is refused with 400', async () => {
    const board = await open('kind=board&id=board-one&w=1920&h=1080');
    const config = configOf(await board.next(isScreen()));
    expect(config).toMatchObject({
      screenId: 'board-one',
      kind: 'board',
      eventId: 'day-1',
      eventSource: 'live',
      waitingFor: null,
      raceId: null,
      catId: null,
      lang: 'auto',
      theme: 'dark',
      lowerThird: true,
      finishCard: true,
      topCard: false,
      pageSeconds: 8,
    });
    for (const bad of ['kind=tv&id=abcd', 'kind=board&id=x', 'kind=board']) {
      await expect(connectUrl(screenUrl(station, bad))).rejects.toMatchObject({ status: 400, body: { error: 'InvalidRequest' } });
    }
  });

  it('the operator changes a kind: its screens get the new config at once, other kinds do not; no token, no change', async () => {
    const board = await open('kind=board&id=board-two');
    const overlay = await open('kind=overlay&id=overlay-one');
    await board.next(isScreen());
    await overlay.next(isScreen());
    const refused = await put('/kinds/board', { theme: 'light' }, {});
    expect(refused.status).toBe(401);
    const t0 = Date.now();
    const res = await put('/kinds/board', { theme: 'light', lang: 'cs', pageSeconds: 12 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const next = configOf(await board.next(isScreen((c) => c.theme === 'light')));
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(next).toMatchObject({ lang: 'cs', pageSeconds: 12, eventId: 'day-1' });
    expect(res.body.kinds.board).toEqual({ theme: 'light', lang: 'cs', pageSeconds: 12 });
    // The overlay got nothing: its config did not change.
    await new Promise((r) => setTimeout(r, 200));
    expect(overlay.messages.filter(isScreen())).toHaveLength(1);
    // Bad settings are refused with a sentence naming the field.
    const bad = await put('/kinds/board', { theme: 'pink' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'InvalidRequest' });
    expect((await put('/kinds/board', { eventId: 'nope' })).status).toBe(404);
    expect((await put('/kinds/tv', {})).status).toBe(400);
  });

  it('one screen set apart: its own event and race, a name; forgetting it returns it to its kind', async () => {
    const a = await open('kind=board&id=board-three');
    const b = await open('kind=board&id=board-four');
    await a.next(isScreen());
    await b.next(isScreen());
    const res = await put('/board-three', { label: 'Finish LED wall', settings: { eventId: 'day-2', raceId: 'K1M_ST_BR2_6', catId: 'ZS', theme: 'dark' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const mine = configOf(await a.next(isScreen((c) => c.eventId === 'day-2')));
    expect(mine).toMatchObject({ label: 'Finish LED wall', eventSource: 'screen', raceId: 'K1M_ST_BR2_6', catId: 'ZS', theme: 'dark', lang: 'cs' });
    const info = res.body.screens.find((s) => s.screenId === 'board-three')!;
    expect(info).toMatchObject({ label: 'Finish LED wall', connections: 1, kind: 'board' });
    expect(info.address).toMatch(/127\.0\.0\.1/);
    await new Promise((r) => setTimeout(r, 200));
    expect(b.messages.filter(isScreen())).toHaveLength(1);
    // Back to the kind.
    const forgot = await api(station, 'DELETE', '/api/v1/admin/screens/board-three', { headers: operator(station as unknown as TestStation) });
    expect(forgot.status).toBe(200);
    expect(configOf(await a.next(isScreen((c) => c.eventId === 'day-1')))).toMatchObject({ eventSource: 'live', theme: 'light', raceId: null, label: null });
    expect((await api(station, 'DELETE', '/api/v1/admin/screens/board-three', { headers: operator(station as unknown as TestStation) })).status).toBe(404);
    // A screen the station has never seen needs its kind.
    expect((await put('/never-seen', { settings: null })).status).toBe(404);
  });

  it('the overview lists connected screens by kind with address and viewport', async () => {
    const res = await api<ScreensOverview>(station, 'GET', '/api/v1/admin/screens', { headers: operator(station as unknown as TestStation) });
    expect(res.status).toBe(200);
    const one = res.body.screens.find((s) => s.screenId === 'board-one')!;
    expect(one).toMatchObject({ kind: 'board', viewport: '1920×1080', connections: 1 });
    expect(res.body.liveEventId).toBe('day-1');
    expect(res.body.defaults.theme).toBe('dark');
    const kinds = res.body.screens.map((s) => s.kind);
    expect(kinds).toEqual([...kinds].sort((x, y) => ['board', 'overlay', 'announcer'].indexOf(x) - ['board', 'overlay', 'announcer'].indexOf(y)));
    expect((await api(station, 'GET', '/api/v1/admin/screens')).status).toBe(401);
  });

  it('?event= pins a screen; a pin to an event not yet public waits for it', async () => {
    const pinned = await open('kind=announcer&id=announcer-1&event=day-2');
    expect(configOf(await pinned.next(isScreen()))).toMatchObject({ eventId: 'day-2', eventSource: 'url' });
    const waiting = await open('kind=announcer&id=announcer-2&event=day-3');
    expect(configOf(await waiting.next(isScreen()))).toMatchObject({ eventId: null, eventSource: 'url', waitingFor: 'day-3' });
    // A kind-wide event choice does not move a screen pinned in its address.
    expect((await put('/kinds/announcer', { eventId: 'day-1' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(pinned.messages.filter(isScreen())).toHaveLength(1);
    await newEvent(station, 'day-3', 'startlist');
    expect(configOf(await waiting.next(isScreen((c) => c.eventId === 'day-3')))).toMatchObject({ waitingFor: null });
    expect((await put('/kinds/announcer', {})).status).toBe(200);
  });

  it('screens follow the live event as it moves on; pinned ones stay', async () => {
    const follower = await open('kind=overlay&id=overlay-two');
    const pinned = await open('kind=overlay&id=overlay-three&event=day-1');
    expect(configOf(await follower.next(isScreen()))).toMatchObject({ eventId: 'day-1' });
    await pinned.next(isScreen());
    await setStatus(station, 'day-3', 'running'); // day-3 started after day-1: it is live now
    expect(configOf(await follower.next(isScreen((c) => c.eventId === 'day-3')))).toMatchObject({ eventSource: 'live' });
    expect((await api(station, 'GET', '/api/v1/live-event')).body.eventId).toBe('day-3');
    await new Promise((r) => setTimeout(r, 200));
    expect(pinned.messages.filter(isScreen())).toHaveLength(1);
    // Deleting the live event: back to day-1 (running).
    expect((await api(station, 'DELETE', '/api/v1/admin/events/day-3', { headers: operator(station as unknown as TestStation) })).status).toBe(200);
    expect(configOf(await follower.next(isScreen((c) => c.eventId === 'day-1')))).toMatchObject({ eventSource: 'live' });
  });

  it('screens have their own limit per address; a full screen pool never touches the phones', async () => {
    // Start from none: every control socket of the tests above closed.
    for (const s of sockets.splice(0)) {
      s.ws.terminate();
      await s.closed;
    }
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 12; i++) await (await open(`kind=board&id=pool-${i}`)).next(isScreen());
    await expect(connectUrl(screenUrl(station, 'kind=board&id=pool-99'))).rejects.toMatchObject({
      status: 503,
      body: { error: 'TooManyConnections', maxScreensPerAddress: 12 },
    });
    const phone = await connect(station, 'day-1');
    sockets.push(phone);
    expect((await phone.next()).type).toBe('full');
  });

  it('a screen’s own event socket joins a full room and is not counted as a spectator; a phone claiming to be a screen is not', async () => {
    // The room holds 2 (maxConnectionsPerEvent: 2); one phone is in day-1's room from the test above.
    const phone2 = await connect(station, 'day-1');
    sockets.push(phone2);
    await expect(connect(station, 'day-1')).rejects.toMatchObject({ status: 503 });
    await expect(connectUrl(`${wsUrl(station, 'day-1')}?screen=nobody`)).rejects.toMatchObject({ status: 503 });
    const data = await connectUrl(`${wsUrl(station, 'day-1')}?screen=pool-0`);
    sockets.push(data);
    expect((await data.next()).type).toBe('full');
    expect(station.hub.connections('day-1')).toBe(2);
    expect(station.hub.connectionsFrom('127.0.0.1')).toBe(2); // the phones alone: a screen takes no phone's place
    const counts = await api(station, 'GET', '/api/v1/admin/connections', { headers: operator(station as unknown as TestStation) });
    expect(counts.body.connections['day-1']).toBe(2);
    // Two data sockets per screen at most (an event switch overlaps the old and the new).
    const second = await connectUrl(`${wsUrl(station, 'day-1')}?screen=pool-0`);
    sockets.push(second);
    await expect(connectUrl(`${wsUrl(station, 'day-1')}?screen=pool-0`)).rejects.toMatchObject({ status: 503 });
  });
});

describe('venue screens and the per-address limit (issue 10)', () => {
  it('an address full of phones (a NAT’d Wi-Fi) still lets its screen in; the screen counts against no phone', async () => {
    const station = await startInProcessStation({ maxConnectionsPerAddress: 1 });
    const open: TestSocket[] = [];
    try {
      await newEvent(station, 'nat-day', 'running');
      const phone = await connect(station, 'nat-day');
      open.push(phone);
      await expect(connect(station, 'nat-day')).rejects.toMatchObject({ status: 503, body: { error: 'TooManyConnections' } });
      const control = await connectUrl(screenUrl(station, 'kind=board&id=nat-board'));
      open.push(control);
      expect(configOf(await control.next(isScreen()))).toMatchObject({ eventId: 'nat-day' });
      const data = await connectUrl(`${wsUrl(station, 'nat-day')}?screen=nat-board`);
      open.push(data);
      expect((await data.next()).type).toBe('full');
      expect(station.hub.connectionsFrom('127.0.0.1')).toBe(1);
      expect(station.hub.connections('nat-day')).toBe(1);
      // Without its control socket the tag is worth nothing.
      control.ws.terminate();
      await control.closed;
      await expect(connectUrl(`${wsUrl(station, 'nat-day')}?screen=nat-board`)).rejects.toMatchObject({ status: 503, body: { error: 'TooManyConnections' } });
    } finally {
      for (const s of open) s.ws.terminate();
      await station.cleanup();
    }
  });
});

describe('venue screens across a station restart (station process)', () => {
  let station: TestStation;
  beforeAll(async () => {
    station = await startTestStation();
  }, 60_000);
  afterAll(async () => {
    await station?.cleanup();
  });

  it('kind and screen settings survive a restart and are sent again on reconnect', async () => {
    await newEvent(station, 'regatta', 'running');
    const board = await connectUrl(screenUrl(station, 'kind=board&id=wall-1'));
    await board.next(isScreen());
    const op = operator(station);
    expect(
      (await api(station, 'PUT', '/api/v1/admin/screens/kinds/overlay', { headers: op, body: { lowerThird: false, topCard: true, topCount: 5 } })).status,
    ).toBe(200);
    expect(
      (
        await api(station, 'PUT', '/api/v1/admin/screens/wall-1', {
          headers: op,
          body: { label: 'Wall', settings: { theme: 'light', raceId: 'K1M_ST_BR2_6' } },
        })
      ).status,
    ).toBe(200);
    await board.next(isScreen((c) => c.theme === 'light'));
    const closed = board.closed;
    await station.stop();
    expect((await closed).code).toBe(1001);
    await station.restart();
    const again = await connectUrl(screenUrl(station, 'kind=board&id=wall-1'));
    expect(configOf(await again.next(isScreen()))).toMatchObject({ label: 'Wall', theme: 'light', raceId: 'K1M_ST_BR2_6', eventId: 'regatta' });
    const overlay = await connectUrl(screenUrl(station, 'kind=overlay&id=obs-1'));
    expect(configOf(await overlay.next(isScreen()))).toMatchObject({ lowerThird: false, topCard: true, topCount: 5, finishCard: true });
    const overview = await api<ScreensOverview>(station, 'GET', '/api/v1/admin/screens', { headers: op });
    expect(overview.body.kinds.overlay).toEqual({ lowerThird: false, topCard: true, topCount: 5 });
    again.close();
    overlay.close();
  }, 60_000);
});
