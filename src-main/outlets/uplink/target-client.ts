/**
 * One HTTP request to the target, as c123-server makes it (docs/C123-SERVER.md): JSON body,
 * `X-API-Key`, the path under the target's base URL; with a timeout per request. The answer is
 * sorted into what the sender does next (`classifyAnswer`, pure):
 *
 * - 2xx with a JSON body → ok (a 2xx that is not JSON is retried, as c123-server does);
 * - 429 and 5xx, no answer, a reset, a timeout → retry later (`Retry-After` honoured);
 * - 401 (wrong or expired key), 403 (the target's event refuses this in its state), 404 (no such
 *   event or route) and redirects → pause the uplink: every following request would fail the same
 *   way until the operator fixes the settings;
 * - any other 4xx → refuse this item (the rest goes on).
 *
 * Never throws; never logs the key.
 */
import type { UplinkError, UplinkErrorReason } from '../../wire/uplink.ts';
import { retryAfterMs } from './retry-policy.ts';

export interface TargetRequest {
  baseUrl: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  apiKey: string | null;
  /** Already serialized JSON, or null for none. */
  body: string | null;
  timeoutMs: number;
  /** Aborts the request when the station shuts down. */
  signal?: AbortSignal;
}

export type Outcome =
  | { kind: 'ok'; status: number; body: Record<string, unknown> }
  | { kind: 'retry'; error: UplinkError; retryAfterMs: number | null }
  | { kind: 'pause'; error: UplinkError }
  | { kind: 'refuse'; error: UplinkError; body: Record<string, unknown> | null };

export interface Sent {
  outcome: Outcome;
  /** Request body bytes put on the wire. */
  bytes: number;
  ms: number;
}

export async function sendToTarget(req: TargetRequest, now: () => number = Date.now): Promise<Sent> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'Raceside-uplink' };
  if (req.body !== null) headers['content-type'] = 'application/json';
  if (req.apiKey !== null) headers['x-api-key'] = req.apiKey;
  const bytes = req.body === null ? 0 : Buffer.byteLength(req.body);
  const t0 = performance.now();
  try {
    const res = await fetch(joinUrl(req.baseUrl, req.path), {
      method: req.method,
      headers,
      body: req.body,
      redirect: 'manual',
      signal: req.signal ? AbortSignal.any([req.signal, AbortSignal.timeout(req.timeoutMs)]) : AbortSignal.timeout(req.timeoutMs),
    });
    const text = await res.text();
    return {
      outcome: classifyAnswer(res.status, text, { retryAfter: res.headers.get('retry-after'), location: res.headers.get('location') }, now()),
      bytes,
      ms: performance.now() - t0,
    };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const timedOut = !req.signal?.aborted && (e.name === 'TimeoutError' || e.name === 'AbortError');
    const detail = timedOut ? null : (e.cause?.code ?? e.cause?.message ?? e.message);
    const error = timedOut
      ? uplinkError('timeout', null, null, now(), `The target did not answer within ${Math.round(req.timeoutMs / 1000)} s.`)
      : uplinkError('network', null, detail, now());
    return { outcome: { kind: 'retry', error, retryAfterMs: null }, bytes, ms: performance.now() - t0 };
  }
}

export function classifyAnswer(status: number, text: string, headers: { retryAfter?: string | null; location?: string | null }, nowMs: number): Outcome {
  let body: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    // not JSON
  }
  const said = typeof body?.message === 'string' ? body.message : typeof body?.error === 'string' ? body.error : text.slice(0, 200) || null;
  if (status >= 200 && status < 300) {
    if (body) return { kind: 'ok', status, body };
    return { kind: 'retry', error: uplinkError('badAnswer', status, text.slice(0, 200) || null, nowMs), retryAfterMs: null };
  }
  if (status === 429 || status >= 500) {
    return {
      kind: 'retry',
      error: uplinkError(status === 429 ? 'rateLimited' : 'server', status, said, nowMs),
      retryAfterMs: retryAfterMs(headers.retryAfter, nowMs),
    };
  }
  if (status >= 300 && status < 400) {
    return { kind: 'pause', error: uplinkError('notFound', status, headers.location ? `redirects to ${headers.location}` : said, nowMs) };
  }
  if (status === 401) return { kind: 'pause', error: uplinkError('unauthorized', status, said, nowMs) };
  if (status === 403) return { kind: 'pause', error: uplinkError('forbidden', status, said, nowMs) };
  if (status === 404) return { kind: 'pause', error: uplinkError('notFound', status, said, nowMs) };
  return { kind: 'refuse', error: uplinkError('refused', status, said, nowMs), body };
}

export function uplinkError(reason: UplinkErrorReason, httpStatus: number | null, detail: string | null, at: number, message?: string): UplinkError {
  return { at, reason, httpStatus, detail, message: message ?? sentence(reason, httpStatus, detail) };
}

function sentence(reason: UplinkErrorReason, status: number | null, detail: string | null): string {
  const d = detail ? `: ${detail}` : '';
  switch (reason) {
    case 'network':
      return `Cannot reach the target${d}.`;
    case 'timeout':
      return 'The target did not answer in time.';
    case 'server':
      return `The target failed (${status}${d}); trying again.`;
    case 'rateLimited':
      return `The target asked to slow down (429${d}); trying again later.`;
    case 'unauthorized':
      return `The target refused the key (401${d}). Check the key, then save the uplink settings again.`;
    case 'forbidden':
      return `The target refused the upload (403${d}). Check the event's status on the target, then save the uplink settings again.`;
    case 'notFound':
      return `The target does not know this event or address (${status}${d}). Check the URL and the remote event id, then save again.`;
    case 'refused':
      return `The target refused it (${status}${d}).`;
    case 'ignored':
      return 'The target ignored the results: it has no XML export of the event yet.';
    case 'badAnswer':
      return `The target answered ${status} without a JSON body; trying again.`;
  }
}

function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}
