/**
 * What an officials-PIN check answered, as the officials page shows it: signed in, wrong PIN,
 * too many attempts (wait N s), the station could not be reached, or another answer (its status
 * and message). Pure: takes the HTTP status and body of `GET /api/v1/admin/officials/session`;
 * the page puts it into words in its language.
 */
export type PinOutcome =
  { kind: 'ok' } | { kind: 'wrong' } | { kind: 'wait'; seconds: number } | { kind: 'unreachable' } | { kind: 'error'; status: number; message: string };

export function pinOutcome(status: number, body: unknown): PinOutcome {
  const b = (body ?? {}) as { ok?: unknown; message?: unknown; retryAfter?: unknown };
  const message = typeof b.message === 'string' ? b.message : '';
  if (status >= 200 && status < 300 && b.ok === true) return { kind: 'ok' };
  if (status === 401) return { kind: 'wrong' };
  if (status === 429) {
    const seconds = typeof b.retryAfter === 'number' && b.retryAfter > 0 ? Math.ceil(b.retryAfter) : 60;
    return { kind: 'wait', seconds };
  }
  if (status === 0) return { kind: 'unreachable' };
  return { kind: 'error', status, message };
}
