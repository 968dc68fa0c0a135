/**
 * Two real Raceside processes on loopback, the station and its public target, with a
 * fault-injecting proxy (fault-proxy.ts) between the station's uplink and the target. Shared by
 * the uplink contract test, the long outage script and the uplink bench.
 *
 * Both hold an event with the same id, so their public answers can be compared byte for byte;
 * `differences()` lists what differs (modulo timestamps) over every race, detailed.
 */
import { captureFor, type CapturedRequest } from './capture.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { api, createEvent, ingest, operator, startTestStation, type TestStation } from './station.ts';

export const PAIR_EVENT = 'jarni-slalomy-2024';
const TITLE = 'Jarní slalomy 2024';

export interface UplinkPair {
  station: TestStation;
  target: TestStation;
  proxy: FaultProxy;
  /** The station's ingest key (what c123-server uses). */
  apiKey: string;
  /** The target event's ingest key (what the uplink uses). */
  remoteKey: string;
  uplink(): Promise<any>;
  /** Waits until the outbox is empty; the time it took in ms, or throws after `timeoutMs`. */
  drained(timeoutMs: number, pollMs?: number): Promise<number>;
  differences(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export async function startUplinkPair(opts: { configure?: boolean } = {}): Promise<UplinkPair> {
  const target = await startTestStation();
  const station = await startTestStation();
  let proxy: FaultProxy | null = null;
  try {
    const remote = await createEvent(target, PAIR_EVENT, TITLE);
    proxy = await startFaultProxy(target.url);
    const local = await createEvent(station, PAIR_EVENT, TITLE);
    if (opts.configure !== false) {
      const res = await api(station, 'PUT', `/api/v1/admin/events/${PAIR_EVENT}/uplink`, {
        headers: operator(station),
        body: { url: proxy.url, remoteEventId: PAIR_EVENT, apiKey: remote.apiKey, enabled: true },
      });
      if (res.status !== 200) throw new Error(`uplink PUT failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const p = proxy;
    const pair: UplinkPair = {
      station,
      target,
      proxy: p,
      apiKey: local.apiKey,
      remoteKey: remote.apiKey,
      async uplink() {
        return (await api(station, 'GET', `/api/v1/admin/events/${PAIR_EVENT}/uplink`, { headers: operator(station) })).body;
      },
      async drained(timeoutMs, pollMs = 100) {
        const t0 = performance.now();
        for (;;) {
          const u = await pair.uplink();
          if (u.queued === 0) return performance.now() - t0;
          if (performance.now() - t0 > timeoutMs) throw new Error(`uplink not drained after ${timeoutMs} ms: ${JSON.stringify(u)}`);
          await new Promise((r) => setTimeout(r, pollMs));
        }
      },
      differences: () => publicDifferences(station, target),
      async cleanup() {
        await p.close();
        await Promise.all([station.cleanup(), target.cleanup()]);
      },
    };
    return pair;
  } catch (err) {
    await proxy?.close();
    await Promise.all([station.cleanup(), target.cleanup()]);
    throw err;
  }
}

/**
 * Every public answer that should match: the event (modulo when its status changed), its image,
 * its categories, and every race's detailed results and startlist. Byte for byte, after the
 * timestamps (`statusChangedAt`, `officialAt`, the image's version stamp) are blanked on both sides.
 */
export async function publicDifferences(a: { url: string }, b: { url: string }, eventId = PAIR_EVENT): Promise<string[]> {
  const text = async (s: { url: string }, path: string) => {
    const res = await fetch(s.url + path);
    const body = res.headers.get('content-type')?.startsWith('image/') ? Buffer.from(await res.arrayBuffer()).toString('base64') : await res.text();
    return `${res.status} ${body.replace(/"(statusChangedAt|officialAt)":"[^"]*"/g, '"$1":"…"').replace(/\?v=[^"]*/g, '?v=…')}`;
  };
  const out: string[] = [];
  const base = `/api/v1/events/${eventId}`;
  const detail = (await (await fetch(a.url + base)).json()) as { races?: { raceId: string }[] };
  const paths = [base, `${base}/image`, `${base}/categories`];
  for (const race of detail.races ?? []) paths.push(`${base}/results/${race.raceId}?detailed=true`, `${base}/startlist/${race.raceId}`);
  for (const path of paths) {
    const [x, y] = await Promise.all([text(a, path), text(b, path)]);
    if (x !== y) out.push(`${path}: station ${x.slice(0, 160)}… target ${y.slice(0, 160)}…`);
  }
  return out;
}

/**
 * Replays the real c123-server capture into the station at `speed`×, one queue per channel as
 * c123-server sends them. `shift` is added to every pushed run time and total (a later loop of
 * the day really changes results). Resolves when every request was answered.
 */
export async function replayCapture(
  station: { url: string },
  apiKey: string,
  opts: { speed: number; shift?: number; stopAt?: () => boolean },
): Promise<{ requests: number; failed: string[] }> {
  const capture = captureFor(PAIR_EVENT);
  const channels = new Map<string, Promise<void>>();
  const failed: string[] = [];
  let requests = 0;
  const start = performance.now();
  const shift = opts.shift ?? 0;
  for (const r of capture) {
    const wait = start + r.t / opts.speed - performance.now();
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    if (opts.stopAt?.()) break;
    const body = shift && r.url.endsWith('/ingest/results') ? shifted(r, shift) : r.body;
    const channel = r.url.split('/').pop()!;
    channels.set(
      channel,
      (channels.get(channel) ?? Promise.resolve()).then(async () => {
        requests++;
        const res = await ingest(station, apiKey, r.url, body).catch((err: Error) => ({ status: 0, body: err.message }));
        if (res.status < 200 || res.status >= 300) failed.push(`${r.method} ${r.url} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }),
    );
  }
  await Promise.all(channels.values());
  return { requests, failed };
}

function shifted(r: CapturedRequest, shift: number) {
  return {
    results: (r.body.results as Record<string, number | null>[]).map((row) => ({
      ...row,
      time: row.time === null ? null : row.time! + shift,
      total: row.total === null ? null : row.total! + shift,
    })),
  };
}
