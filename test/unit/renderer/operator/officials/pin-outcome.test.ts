/** What the officials page makes of the station's answer to a PIN. */
import { describe, expect, it } from 'vitest';
import { pinOutcome } from '../../../../../src-renderer/shared/staff/officials/pin-outcome.ts';

describe('pinOutcome', () => {
  it('ok, wrong, wait N s, unreachable', () => {
    expect(pinOutcome(200, { ok: true, as: 'official' })).toEqual({ kind: 'ok' });
    expect(pinOutcome(401, { error: 'Unauthorized', message: 'Wrong officials PIN' })).toEqual({ kind: 'wrong' });
    expect(pinOutcome(429, { error: 'TooManyAttempts', message: 'x', retryAfter: 42 })).toEqual({ kind: 'wait', seconds: 42 });
    expect(pinOutcome(429, { retryAfter: 4.2 })).toEqual({ kind: 'wait', seconds: 5 });
    expect(pinOutcome(429, null)).toEqual({ kind: 'wait', seconds: 60 });
    expect(pinOutcome(0, null)).toEqual({ kind: 'unreachable' });
    expect(pinOutcome(500, { message: 'boom' })).toEqual({ kind: 'error', status: 500, message: 'boom' });
    expect(pinOutcome(502, null)).toEqual({ kind: 'error', status: 502, message: '' });
  });
});
