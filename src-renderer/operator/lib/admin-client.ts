/**
 * The dashboard's HTTP client for the station's admin routes: JSON in, JSON out, with the
 * caller's credentials (operator token or officials PIN) on every request. Non-2xx answers become
 * the shared `ApiError` (code from the station's error table, HTTP status), so callers branch on
 * `err.status === 401`, never on text. `onUnauthorized` runs on every 401 so the app can show its
 * login form. The XML upload with progress lives in imports/upload-xml.ts (fetch has no upload
 * progress).
 */
import { API_BASE, ApiError, type ClientErrorCode } from '../../shared/api-client.ts';
import type { OperatorText } from '../i18n/operator-text.ts';

export type Credentials = { kind: 'operator'; token: string } | { kind: 'pin'; pin: string };

/** The request headers that carry the credentials. */
export function authHeaders(c: Credentials): Record<string, string> {
  return c.kind === 'operator' ? { authorization: `Bearer ${c.token}` } : { 'x-officials-pin': c.pin };
}

/** `{ error, message }` (or anything else) → ApiError. */
export function toApiError(status: number, body: unknown, fallback: string): ApiError {
  const b = (body ?? {}) as { error?: unknown; message?: unknown; retryAfter?: unknown };
  const code = (typeof b.error === 'string' ? b.error : 'BadResponse') as ClientErrorCode;
  const err = new ApiError(status, code, typeof b.message === 'string' ? b.message : fallback);
  if (typeof b.retryAfter === 'number') Object.assign(err, { retryAfter: b.retryAfter });
  return err;
}

/** Seconds to wait that a 429 answer carried, if any. */
export function retryAfterOf(err: unknown): number | null {
  const r = (err as { retryAfter?: unknown })?.retryAfter;
  return typeof r === 'number' ? r : null;
}

export interface AdminClient {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  readonly credentials: Credentials;
}

export function createAdminClient(credentials: Credentials, onUnauthorized?: (err: ApiError) => void): AdminClient {
  return {
    credentials,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(credentials) };
      if (body !== undefined) headers['content-type'] = 'application/json';
      let res: Response;
      try {
        res = await fetch(API_BASE + path, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          cache: 'no-store',
        });
      } catch (err) {
        throw new ApiError(0, 'NetworkError', (err as Error)?.message || 'Cannot reach the station');
      }
      let parsed: unknown = null;
      try {
        parsed = await res.json();
      } catch {
        if (res.ok) throw new ApiError(res.status, 'BadResponse', 'The station sent an unreadable answer');
      }
      if (!res.ok) {
        const err = toApiError(res.status, parsed, res.statusText);
        if (res.status === 401) onUnauthorized?.(err);
        throw err;
      }
      return parsed as T;
    },
  };
}

/**
 * A readable one-liner for any error a request may throw. The station's own message (English,
 * from its error table, often with details) is shown with its code; what happened on this side
 * (no connection, an unreadable answer) is said in the dashboard's language.
 */
export function errorText(err: unknown, { t }: Pick<OperatorText, 't'>): string {
  if (err instanceof ApiError) {
    if (err.code === 'NetworkError') return t('error.network');
    if (err.code === 'BadResponse' && err.status >= 200 && err.status < 300) return t('error.badResponse');
    return err.status ? `${err.message} (${err.code})` : err.message;
  }
  return (err as Error)?.message ?? String(err);
}
