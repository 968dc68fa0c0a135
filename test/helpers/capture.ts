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
  cached = readFileSync(realCapturePath, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
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
