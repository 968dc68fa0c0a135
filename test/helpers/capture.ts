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

export function realXml(): string {
  return readFileSync(realXmlPath, 'utf8');
}
