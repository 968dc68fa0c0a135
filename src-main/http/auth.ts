/**
 * Works out who is calling, nothing more: the operator (admin secret as `Authorization: Bearer` or
 * c123-server's `X-Master-Key`), an official (`X-Officials-Pin`), or c123-server for one event
 * (`X-API-Key`). Whether that caller may do something is the domain's rule. Secrets are compared
 * in constant time (the PIN against its scrypt hash, officials-pin.ts); wrong officials PINs are
 * limited and wrong operator tokens noted by the sign-in guard (sign-in-guard.ts).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { StationCore } from '../station-core.ts';
import { StationError } from '../station-core.ts';
import type { OfficialsPin } from '../officials-pin.ts';
import type { SignInGuard } from './sign-in-guard.ts';

export type Caller = { kind: 'operator' } | { kind: 'official' } | { kind: 'ingest'; eventId: string };

export interface Secrets {
  adminSecret: string;
  /** When no officials PIN is set, only the operator can act as an official. */
  officialsPin: OfficialsPin;
}

/** Constant-time comparison of two secrets of any length (both are hashed to equal length first). */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function operatorCaller(request: FastifyRequest, secrets: Secrets): Caller | null {
  const bearer = header(request, 'authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
  const master = header(request, 'x-master-key');
  const given = bearer ?? master;
  if (given !== undefined && secretsEqual(given, secrets.adminSecret)) return { kind: 'operator' };
  return null;
}

export function ingestCaller(request: FastifyRequest, core: StationCore): Caller | null {
  const key = header(request, 'x-api-key');
  if (!key) return null;
  const eventId = core.eventIdForKey(key);
  return eventId ? { kind: 'ingest', eventId } : null;
}

/** Notes a request that carried an operator token which is not the station's. */
export function noteWrongToken(request: FastifyRequest, guard: SignInGuard): void {
  if (header(request, 'authorization') === undefined && header(request, 'x-master-key') === undefined) return;
  guard.tokenFailed(request.ip, `${request.method} ${request.url.split('?')[0]}`, Date.now());
}

/**
 * An official, if the request carries the right officials PIN; null if it carries none. A wrong
 * PIN is 401, and an address (or the whole station) that has guessed too often is 429 before its
 * PIN is even checked, the right one included.
 */
export async function officialCaller(request: FastifyRequest, secrets: Secrets, guard: SignInGuard): Promise<Caller | null> {
  const pin = header(request, 'x-officials-pin');
  if (pin === undefined) return null;
  const begunAt = Date.now();
  const wait = guard.beginPinAttempt(request.ip, begunAt);
  if (wait !== null) {
    const message =
      wait.scope === 'station'
        ? `Too many wrong PINs at this station; PIN sign-in is paused. Try again in ${wait.seconds} s`
        : `Too many wrong PINs; try again in ${wait.seconds} s`;
    throw new StationError('TooManyAttempts', message, { retryAfter: wait.seconds });
  }
  if (await secrets.officialsPin.verify(pin)) {
    guard.pinSucceeded(request.ip, Date.now(), begunAt);
    return { kind: 'official' };
  }
  throw new StationError('Unauthorized', secrets.officialsPin.isSet() ? 'Wrong officials PIN' : 'No officials PIN is set at this station');
}
