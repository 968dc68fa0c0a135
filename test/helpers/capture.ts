/**
 * The real c123-server push capture (fixtures/real/derived), one request per line, with the
 * omitted XML body put back from the real export.
 */
import { readFileSync } from 'node:fs';
import { realCapturePath, realXmlPath } from './station.ts';

export interface CapturedRequest {
  t: number;
  method: string;
  url: string;
  body: any;
}

let cached: CapturedRequest[] | null = null;

export function loadCapture(): CapturedRequest[] {
  if (cached) return cached;
  const xml = readFileSync(realXmlPath, 'utf8');
  cached = readFileSync(realCapturePath, 'utf8').trim().split('\n').map((line) => {
    const r = JSON.parse(line);
    const body = r.url.endsWith('/ingest/xml') ? { xml } : r.body;
    return { t: r.t, method: r.method, url: r.url, body };
  });
  return cached;
}

/** The capture's requests with the event id in URLs rewritten to `eventId`. */
export function captureFor(eventId: string): CapturedRequest[] {
  return loadCapture().map((r) => ({ ...r, url: r.url.replace('/jarni-slalomy-2024/', `/${eventId}/`) }));
}

/** The capture's t = 0 as Canoe123's time of day: its first rider starts at 10:34:20.123, 14.4 s in. */
export const CAPTURE_START_TIME_OF_DAY_MS = (10 * 3600 + 34 * 60 + 6) * 1000;
const DAY_MS = 24 * 3600_000;

/**
 * A captured request's body as if Canoe123 ran now: the start and finish times of its riders are
 * moved by one constant amount, so that the capture's t = 0 is `zeroMs` on this machine's clock
 * (keep one `zeroMs` for all the requests of a replay: a rider keeps one start across pushes).
 * For tests that replay the capture against a station on the real clock: after an outage (a minute
 * without on-course pushes, common between tests) the station rightly hides riders whose start is
 * hours old, as a start at 10:34 on the capture's day is.
 */
export function asLive(r: CapturedRequest, zeroMs: number): unknown {
  if (!r.url.endsWith('/ingest/oncourse')) return r.body;
  const d = new Date(zeroMs);
  const zero = ((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 + d.getMilliseconds();
  const shift = zero - CAPTURE_START_TIME_OF_DAY_MS;
  const move = (v: string | null) => v && v.replace(/(\d{2}):(\d{2}):(\d{2})\.(\d{3})/, (_m, h, m, s, ms) => {
    const t = ((((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms) + shift) % DAY_MS + DAY_MS) % DAY_MS;
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${p(Math.floor(t / 3600_000))}:${p(Math.floor(t / 60_000) % 60)}:${p(Math.floor(t / 1000) % 60)}.${p(t % 1000, 3)}`;
  });
  return { oncourse: (r.body.oncourse as { dtStart: string | null; dtFinish: string | null }[]).map((e) => ({ ...e, dtStart: move(e.dtStart), dtFinish: move(e.dtFinish) })) };
}

export function realXml(): string {
  return readFileSync(realXmlPath, 'utf8');
}

/** Year of birth of every participant of the real export, read straight from its text (participant id → year). */
export function realXmlYears(): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of realXml().matchAll(/<Participants>([\s\S]*?)<\/Participants>/g)) {
    const id = /<Id>([^<]*)<\/Id>/.exec(m[1])![1];
    const year = /<Year>(\d+)<\/Year>/.exec(m[1]);
    if (year) out.set(id, Number(year[1]));
  }
  return out;
}
