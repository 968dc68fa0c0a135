/**
 * Works out who is calling, nothing more: the operator (admin secret as `Authorization: Bearer` or
 * c123-server's `X-Master-Key`), an official (`X-Officials-Pin`), or c123-server for one event
 * (`X-API-Key`). Whether that caller may do something is the domain's rule. Secrets are compared
 * in constant time; wrong officials PINs are rate-limited per client address.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { StationCore } from '../station-core.ts';
import { StationError } from '../station-core.ts';

export type Caller =
  | { kind: 'operator' }
  | { kind: 'official' }
  | { kind: 'ingest'; eventId: string };

export interface Secrets {
  adminSecret: string;
  /** Null when no officials PIN is set: then only the operator can act as an official. */
  officialsPin(): string | null;
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

/** Limits wrong officials-PIN attempts per client address within a sliding window. */
export class PinLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly attempts: number;
  private readonly windowMs: number;
  constructor(attempts: number, windowMs: number) {
    this.attempts = attempts;
    this.windowMs = windowMs;
  }
  check(client: string, now: number): number | null {
    const recent = (this.failures.get(client) ?? []).filter((t) => t > now - this.windowMs);
    this.failures.set(client, recent);
    if (recent.length < this.attempts) return null;
    return Math.ceil((recent[0] + this.windowMs - now) / 1000);
  }
  fail(client: string, now: number): void {
    const list = this.failures.get(client) ?? [];
    list.push(now);
    this.failures.set(client, list);
  }
  succeed(client: string): void {
    this.failures.delete(client);
  }
}

export function officialCaller(request: FastifyRequest, secrets: Secrets, limiter: PinLimiter): Caller | null {
  const pin = header(request, 'x-officials-pin');
  if (pin === undefined) return null;
  const now = Date.now();
  const wait = limiter.check(request.ip, now);
  if (wait !== null) throw new StationError('TooManyAttempts', `Too many wrong PINs; try again in ${wait} s`, { retryAfter: wait });
  const expected = secrets.officialsPin();
  if (expected !== null && secretsEqual(pin, expected)) {
    limiter.succeed(request.ip);
    return { kind: 'official' };
  }
  limiter.fail(request.ip, now);
  throw new StationError('Unauthorized', expected === null ? 'No officials PIN is set at this station' : 'Wrong officials PIN');
}
