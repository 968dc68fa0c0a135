/**
 * The sign-in guard's rules with an explicit clock: per-address lockout, the station-wide budget
 * (many addresses cannot each take their own five a minute), the exemption of a device that knew
 * the PIN, the pruning of its address map, and the throttled activity log lines.
 */
import { describe, expect, it } from 'vitest';
import { SignInGuard } from '../../../src-main/http/sign-in-guard.ts';
import { ActivityLog } from '../../../src-main/activity-log.ts';
import type { EventStore } from '../../../src-main/store/event-store.ts';

function setUp(stationAttempts = 10) {
  const stored: string[] = [];
  const store = { log: (_at: string, _e: string | null, _l: string, message: string) => stored.push(message), recentLog: () => [] } as unknown as EventStore;
  const activity = new ActivityLog(store, () => new Date().toISOString());
  const guard = new SignInGuard({ attempts: 5, stationAttempts, windowMs: 60_000, activity });
  return { guard, activity, stored };
}

describe('SignInGuard', () => {
  it('locks an address out after 5 failures within the window, and logs it once (kept on disk)', () => {
    const { guard, activity, stored } = setUp();
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) expect(guard.beginPinAttempt('10.0.0.5', t0 + i)).toBeNull();
    expect(guard.beginPinAttempt('10.0.0.5', t0 + 10)).toEqual({ seconds: 60, scope: 'address' });
    expect(guard.beginPinAttempt('10.0.0.5', t0 + 30_000)).toMatchObject({ scope: 'address', seconds: 30 });
    // Another address is not affected.
    expect(guard.beginPinAttempt('10.0.0.6', t0 + 30_000)).toBeNull();
    const lines = activity.recent().filter((e) => e.message.includes('10.0.0.5'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn' });
    expect(lines[0].message).toMatch(/5 wrong PINs from 10\.0\.0\.5/);
    expect(stored.some((m) => m.includes('10.0.0.5'))).toBe(true);
    // The window passes: the address may try again.
    expect(guard.beginPinAttempt('10.0.0.5', t0 + 60_001)).toBeNull();
    expect(guard.status(t0 + 60_001).wrongPins).toBe(7);
  });

  it('a right PIN takes its attempt back and clears the address', () => {
    const { guard } = setUp();
    for (let i = 0; i < 4; i++) guard.beginPinAttempt('10.0.0.7', i);
    expect(guard.beginPinAttempt('10.0.0.7', 10)).toBeNull();
    guard.pinSucceeded('10.0.0.7', 11, 10);
    expect(guard.status(12)).toMatchObject({ wrongPins: 4, lockedAddresses: [] });
    expect(guard.beginPinAttempt('10.0.0.7', 13)).toBeNull();
  });

  it('pauses PIN sign-in for every address once the station-wide budget is spent', () => {
    const { guard, activity } = setUp(10);
    const t0 = 5_000_000;
    // An official's tablet knew the PIN earlier.
    expect(guard.beginPinAttempt('10.0.0.99', t0)).toBeNull();
    guard.pinSucceeded('10.0.0.99', t0, t0);
    // Five addresses, two guesses each: ten failures, no address at its own limit.
    for (let a = 1; a <= 5; a++) for (let i = 0; i < 2; i++) expect(guard.beginPinAttempt(`10.0.1.${a}`, t0 + a * 10 + i)).toBeNull();
    // Any further address now waits, with the station's reason...
    expect(guard.beginPinAttempt('10.0.1.50', t0 + 100)).toMatchObject({ scope: 'station' });
    expect(guard.beginPinAttempt('10.0.1.1', t0 + 100)).toMatchObject({ scope: 'station' });
    // ...but not the tablet that knew the PIN.
    expect(guard.beginPinAttempt('10.0.0.99', t0 + 100)).toBeNull();
    expect(guard.status(t0 + 100).pinPausedSeconds).toBeGreaterThan(50);
    expect(activity.recent().filter((e) => /PIN sign-in paused/.test(e.message))).toHaveLength(1);
    expect(activity.recent()[0].message).toMatch(/10 wrong PINs from 5 address\(es\)/);
    // A window later everyone may try again.
    expect(guard.beginPinAttempt('10.0.1.50', t0 + 60_100)).toBeNull();
  });

  it('forgets addresses whose failures left the window', () => {
    const { guard } = setUp(1_000_000);
    for (let a = 0; a < 1000; a++) guard.beginPinAttempt(`10.1.${a >> 8}.${a & 255}`, a);
    expect(guard.trackedAddresses).toBe(1000);
    guard.beginPinAttempt('10.2.0.1', 70_000);
    expect(guard.trackedAddresses).toBe(1);
  });

  it('notes wrong operator tokens, logged at most once a minute per address', () => {
    const { guard, activity } = setUp();
    for (let i = 0; i < 20; i++) guard.tokenFailed('10.0.0.8', 'GET /api/v1/admin/events', 1000 + i);
    guard.tokenFailed('10.0.0.9', 'PATCH /api/v1/admin/settings', 2000);
    const status = guard.status(3000);
    expect(status).toMatchObject({ wrongTokens: 21, lastWrongToken: { address: '10.0.0.9' } });
    const lines = activity
      .recent()
      .map((e) => e.message)
      .filter((m) => m.startsWith('Wrong operator token'));
    expect(lines).toEqual([
      'Wrong operator token from 10.0.0.9 (PATCH /api/v1/admin/settings)',
      'Wrong operator token from 10.0.0.8 (GET /api/v1/admin/events)',
    ]);
  });
});
