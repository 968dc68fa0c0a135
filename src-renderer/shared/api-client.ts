/**
 * The one HTTP client of the renderer apps: same-origin JSON against the station's `/api/v1`, for
 * the spectator app's reads and, with credentials, the dashboard's and the officials page's admin
 * calls (`createAdminClient`).
 *
 * Every non-2xx answer of the station is `{ error, message }` with a code from
 * src-main/wire/errors.ts; this client turns it into an `ApiError` carrying that code, the HTTP
 * status and any `retryAfter`, so callers branch on `error.code === 'EventNotFound'`, never on
 * message text. A network failure (station down, Wi-Fi gone) is an `ApiError` with status 0 and
 * code `NetworkError`. Nothing here retries: the live layer decides when to try again.
 */
import type { ErrorCode } from '@wire/errors.ts';

export type ClientErrorCode = ErrorCode | 'NetworkError' | 'BadResponse';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  /** Seconds to wait that a 429 answer carried, if any. */
  readonly retryAfter: number | null;
  constructor(status: number, code: ClientErrorCode, message: string, retryAfter: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

export const API_BASE = '/api/v1';

/** `{ error, message, retryAfter? }` (or anything else) → ApiError. */
export function toApiError(status: number, body: unknown, fallback: string): ApiError {
  const b = (body ?? {}) as { error?: unknown; message?: unknown; retryAfter?: unknown };
  const code = (typeof b.error === 'string' ? b.error : 'BadResponse') as ClientErrorCode;
  return new ApiError(status, code, typeof b.message === 'string' ? b.message : fallback, typeof b.retryAfter === 'number' ? b.retryAfter : null);
}

export interface ApiRequest {
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** `<method> /api/v1<path>` → parsed JSON of type T, or throws ApiError (an abort is rethrown as is). */
export async function apiRequest<T>(path: string, { method = 'GET', body, headers = {}, signal }: ApiRequest = {}): Promise<T> {
  const sent: Record<string, string> = { accept: 'application/json', ...headers };
  if (body !== undefined) sent['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(API_BASE + path, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body), signal, cache: 'no-store' });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(0, 'NetworkError', (err as Error)?.message || 'Cannot reach the station');
  }
  let parsed: unknown = null;
  try {
    parsed = await res.json();
  } catch {
    if (res.ok) throw new ApiError(res.status, 'BadResponse', 'The station sent an unreadable answer');
  }
  if (!res.ok) throw toApiError(res.status, parsed, res.statusText);
  return parsed as T;
}

/** `GET /api/v1<path>` → parsed JSON of type T, or throws ApiError. */
export function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>(path, { signal });
}

export type Credentials = { kind: 'operator'; token: string } | { kind: 'pin'; pin: string };

/** The request headers that carry the credentials. */
export function authHeaders(c: Credentials): Record<string, string> {
  return c.kind === 'operator' ? { authorization: `Bearer ${c.token}` } : { 'x-officials-pin': c.pin };
}

export interface AdminClient {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  readonly credentials: Credentials;
}

/**
 * The admin routes' client: the caller's credentials (operator token or officials PIN) on every
 * request; `onUnauthorized` runs on every 401 so the app can show its sign-in again.
 */
export function createAdminClient(credentials: Credentials, onUnauthorized?: (err: ApiError) => void): AdminClient {
  return {
    credentials,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      try {
        return await apiRequest<T>(path, { method, body, headers: authHeaders(credentials) });
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) onUnauthorized?.(err);
        throw err;
      }
    },
  };
}

/** Encodes one path segment (event and race ids are free strings). */
export function seg(s: string): string {
  return encodeURIComponent(s);
}

/** True for an abort we caused ourselves (a newer request replaced this one). */
export function isAbort(err: unknown): boolean {
  return (err as Error)?.name === 'AbortError';
}
