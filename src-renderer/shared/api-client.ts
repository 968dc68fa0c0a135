/**
 * The one HTTP client of the renderer apps: same-origin JSON GETs against the station's `/api/v1`.
 *
 * Every non-2xx answer of the station is `{ error, message }` with a code from
 * src-main/wire/errors.ts; this client turns it into an `ApiError` carrying that code and the
 * HTTP status, so callers branch on `error.code === 'EventNotFound'`, never on message text.
 * A network failure (station down, Wi-Fi gone) is an `ApiError` with status 0 and code
 * `NetworkError`. Nothing here retries: the live layer decides when to try again.
 */
import type { ErrorCode } from '@wire/errors.ts';

export type ClientErrorCode = ErrorCode | 'NetworkError' | 'BadResponse';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  constructor(status: number, code: ClientErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export const API_BASE = '/api/v1';

/** `GET /api/v1<path>` → parsed JSON of type T, or throws ApiError. */
export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(API_BASE + path, { headers: { accept: 'application/json' }, signal, cache: 'no-store' });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError(0, 'NetworkError', (err as Error)?.message || 'Network error');
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    if (res.ok) throw new ApiError(res.status, 'BadResponse', 'The station sent an unreadable answer');
  }
  if (!res.ok) {
    const b = (body ?? {}) as { error?: string; message?: string };
    const code = (typeof b.error === 'string' ? b.error : 'BadResponse') as ClientErrorCode;
    throw new ApiError(res.status, code, typeof b.message === 'string' ? b.message : res.statusText);
  }
  return body as T;
}

/** Encodes one path segment (event and race ids are free strings). */
export function seg(s: string): string {
  return encodeURIComponent(s);
}

/** True for an abort we caused ourselves (a newer request replaced this one). */
export function isAbort(err: unknown): boolean {
  return (err as Error)?.name === 'AbortError';
}
