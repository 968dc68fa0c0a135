/** What the officials page makes of the station's answer to a PIN. */
import { describe, expect, it } from 'vitest';
import { pinOutcome } from '../../../../../src-renderer/operator/officials/pin-outcome.ts';

describe('pinOutcome', () => {
  it('ok, wrong, wait N s, unreachable', () => {
    expect(pinOutcome(200, { ok: true, as: 'official' })).toEqual({ kind: 'ok' });
    expect(pinOutcome(401, { error: 'Unauthorized', message: 'Wrong officials PIN' })).toEqual({ kind: 'wrong', message: 'Wrong officials PIN' });
    expect(pinOutcome(429, { error: 'TooManyAttempts', message: 'x', retryAfter: 42 })).toEqual({
      kind: 'wait', seconds: 42, message: 'Too many wrong PINs. Wait 42 s and try again.',
    });
    expect(pinOutcome(429, null)).toMatchObject({ kind: 'wait', seconds: 60 });
    expect(pinOutcome(0, null)).toEqual({ kind: 'error', message: 'Cannot reach the station.' });
    expect(pinOutcome(500, { message: 'boom' })).toEqual({ kind: 'error', message: 'boom' });
  });
});
