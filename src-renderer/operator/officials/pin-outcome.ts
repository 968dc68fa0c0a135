/**
 * What an officials-PIN check answered, as the officials page shows it: signed in, wrong PIN,
 * too many attempts (wait N s), or the station could not be asked. Pure: takes the HTTP status and
 * body of `GET /api/v1/admin/officials/session`.
 */
export type PinOutcome =
  | { kind: 'ok' }
  | { kind: 'wrong'; message: string }
  | { kind: 'wait'; seconds: number; message: string }
  | { kind: 'error'; message: string };

export function pinOutcome(status: number, body: unknown): PinOutcome {
  const b = (body ?? {}) as { ok?: unknown; message?: unknown; retryAfter?: unknown };
  const message = typeof b.message === 'string' ? b.message : '';
  if (status >= 200 && status < 300 && b.ok === true) return { kind: 'ok' };
  if (status === 401) return { kind: 'wrong', message: message || 'Wrong PIN' };
  if (status === 429) {
    const seconds = typeof b.retryAfter === 'number' && b.retryAfter > 0 ? Math.ceil(b.retryAfter) : 60;
    return { kind: 'wait', seconds, message: `Too many wrong PINs. Wait ${seconds} s and try again.` };
  }
  if (status === 0) return { kind: 'error', message: 'Cannot reach the station.' };
  return { kind: 'error', message: message || `The station answered ${status}.` };
}
