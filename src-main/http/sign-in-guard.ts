/**
 * Watches the two secrets people type at the station, the officials PIN and the operator token,
 * and stops PIN guessing. It owns the failure counts; it never checks a secret itself (auth.ts
 * does) and never refuses the operator.
 *
 * - A PIN attempt is counted as a failure *before* the PIN is checked (scrypt takes time, and
 *   parallel guesses must not all slip in before the first one fails); a right PIN takes it back.
 * - Per client address: `attempts` failures within `windowMs`, then that address waits.
 * - Station-wide: `stationAttempts` failures within `windowMs` from all addresses together, then
 *   PIN sign-in pauses for everyone (so fifty addresses cannot each try five a minute). An address
 *   that entered the right PIN within the last 12 hours (an official's tablet) is exempt from the
 *   station-wide pause, not from its own limit.
 * - Addresses with no failure left in the window are forgotten (swept once per window), so the
 *   map holds at most the addresses that failed within the last window.
 * - Lockouts, the station-wide pause and wrong operator tokens go to the activity log, at most once
 *   per address (or once for the station) a minute, and are counted for the dashboard.
 */
import type { SignInStatus } from '../wire/admin.ts';
import type { ActivityLog } from '../activity-log.ts';

export interface SignInGuardOptions {
  attempts: number;
  stationAttempts: number;
  windowMs: number;
  activity: ActivityLog;
}

export type PinWait = { seconds: number; scope: 'address' | 'station' };

const TRUSTED_MS = 12 * 3600_000;
const MAX_TRUSTED = 1000;
const LOG_EVERY_MS = 60_000;

export class SignInGuard {
  private readonly o: SignInGuardOptions;
  /** address → times of its failures within the window. */
  private readonly failures = new Map<string, number[]>();
  /** Times of every failure within the window, all addresses together. */
  private stationFailures: number[] = [];
  /** address → when it last entered the right PIN. */
  private readonly trusted = new Map<string, number>();
  private lastSweep = 0;
  private wrongPins = 0;
  private wrongTokens = 0;
  private lastWrongToken: { address: string; at: number } | null = null;

  constructor(options: SignInGuardOptions) {
    this.o = options;
  }

  /** Addresses the guard currently remembers failures of. */
  get trackedAddresses(): number {
    return this.failures.size;
  }

  /**
   * Starts a PIN attempt from `address`: the wait if it may not try now, else null, and the attempt
   * is counted as a failure until `pinSucceeded` takes it back.
   */
  beginPinAttempt(address: string, now: number): PinWait | null {
    this.sweep(now);
    const own = this.recent(address, now);
    if (own.length >= this.o.attempts) return { seconds: this.secondsLeft(own[0], now), scope: 'address' };
    const exempt = now - (this.trusted.get(address) ?? -Infinity) < TRUSTED_MS;
    if (!exempt && this.stationFailures.length >= this.o.stationAttempts) {
      return { seconds: this.secondsLeft(this.stationFailures[0], now), scope: 'station' };
    }
    own.push(now);
    this.failures.set(address, own);
    this.stationFailures.push(now);
    this.wrongPins++;
    if (own.length >= this.o.attempts) {
      this.o.activity.refused(
        `pin|${address}`,
        null,
        `Officials PIN: ${own.length} wrong PINs from ${address} within ${this.o.windowMs / 1000} s; that address must wait up to ${this.secondsLeft(own[0], now)} s`,
        now,
        LOG_EVERY_MS,
        true,
      );
    }
    if (this.stationFailures.length >= this.o.stationAttempts) {
      const from = [...this.failures.values()].filter((times) => times.some((t) => t > now - this.o.windowMs)).length;
      this.o.activity.refused(
        'pin|station',
        null,
        `Officials PIN: ${this.stationFailures.length} wrong PINs from ${from} address(es) within ${this.o.windowMs / 1000} s; PIN sign-in paused for up to ${this.secondsLeft(this.stationFailures[0], now)} s (the operator is not affected)`,
        now,
        LOG_EVERY_MS,
        true,
      );
    }
    return null;
  }

  /** The PIN of the attempt begun at `now` was right: it was no failure, and the address is trusted. */
  pinSucceeded(address: string, now: number, begunAt: number): void {
    this.failures.delete(address);
    const i = this.stationFailures.lastIndexOf(begunAt);
    if (i >= 0) this.stationFailures.splice(i, 1);
    this.wrongPins--;
    this.trusted.delete(address);
    this.trusted.set(address, now);
    if (this.trusted.size > MAX_TRUSTED) this.trusted.delete(this.trusted.keys().next().value!);
  }

  /** A request carried an operator token (Bearer or X-Master-Key) that is not the station's. */
  tokenFailed(address: string, what: string, now: number): void {
    this.wrongTokens++;
    this.lastWrongToken = { address, at: now };
    this.o.activity.refused(`token|${address}`, null, `Wrong operator token from ${address} (${what})`, now, LOG_EVERY_MS, true);
  }

  status(now: number): SignInStatus {
    this.sweep(now, true);
    const lockedAddresses = [...this.failures]
      .filter(([, times]) => times.length >= this.o.attempts)
      .map(([address, times]) => ({ address, secondsLeft: this.secondsLeft(times[0], now) }));
    const paused = this.stationFailures.length >= this.o.stationAttempts;
    return {
      wrongPins: this.wrongPins,
      lockedAddresses,
      pinPausedSeconds: paused ? this.secondsLeft(this.stationFailures[0], now) : 0,
      wrongTokens: this.wrongTokens,
      lastWrongToken: this.lastWrongToken && { address: this.lastWrongToken.address, at: new Date(this.lastWrongToken.at).toISOString() },
    };
  }

  private recent(address: string, now: number): number[] {
    return (this.failures.get(address) ?? []).filter((t) => t > now - this.o.windowMs);
  }

  private secondsLeft(oldest: number, now: number): number {
    return Math.max(1, Math.ceil((oldest + this.o.windowMs - now) / 1000));
  }

  /** Forgets failures older than the window, and addresses left with none; once per window. */
  private sweep(now: number, force = false): void {
    this.stationFailures = this.stationFailures.filter((t) => t > now - this.o.windowMs);
    if (!force && now - this.lastSweep < this.o.windowMs) return;
    this.lastSweep = now;
    for (const [address, times] of this.failures) {
      const left = times.filter((t) => t > now - this.o.windowMs);
      if (left.length) this.failures.set(address, left);
      else this.failures.delete(address);
    }
    for (const [address, at] of this.trusted) if (now - at >= TRUSTED_MS) this.trusted.delete(address);
  }
}
