/**
 * When the uplink tries again, and what it makes of each kind of answer.
 */
import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs } from '../../../../src-main/outlets/uplink/retry-policy.ts';
import { classifyAnswer } from '../../../../src-main/outlets/uplink/target-client.ts';

describe('backoff', () => {
  it('doubles per failure up to the cap, with the wait between half and all of it', () => {
    const low = (n: number) => backoffMs(n, 500, 5000, () => 0);
    const high = (n: number) => backoffMs(n, 500, 5000, () => 1);
    expect([1, 2, 3, 4, 5, 10].map(low)).toEqual([250, 500, 1000, 2000, 2500, 2500]);
    expect([1, 2, 3, 4, 5, 10].map(high)).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('spreads the waits (jitter)', () => {
    const waits = new Set(Array.from({ length: 50 }, () => backoffMs(6, 500, 5000)));
    expect(waits.size).toBeGreaterThan(10);
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(2500);
  });

  it('honours Retry-After in seconds and as an HTTP date, up to an hour', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Fri, 27 Nov 2026 10:00:20 GMT', now)).toBe(20_000);
    expect(retryAfterMs('Fri, 27 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('86400', now)).toBe(3_600_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});

describe('answers', () => {
  const at = 1;
  it('2xx with JSON is done; a 2xx without JSON is tried again (as c123-server does)', () => {
    expect(classifyAnswer(200, '{"updated":3}', {}, at)).toEqual({ kind: 'ok', status: 200, body: { updated: 3 } });
    expect(classifyAnswer(204, '', {}, at)).toMatchObject({ kind: 'retry', error: { reason: 'badAnswer' } });
  });

  it('429 and 5xx are retried, with the Retry-After they carry', () => {
    expect(classifyAnswer(429, '{"error":"x","message":"Slow down"}', { retryAfter: '2' }, at)).toMatchObject({
      kind: 'retry',
      retryAfterMs: 2000,
      error: { reason: 'rateLimited', httpStatus: 429, detail: 'Slow down' },
    });
    expect(classifyAnswer(503, 'Service Unavailable', { retryAfter: null }, at)).toMatchObject({
      kind: 'retry',
      retryAfterMs: null,
      error: { reason: 'server', detail: 'Service Unavailable' },
    });
  });

  it('401, 403, 404 and redirects pause the uplink with the target’s own words', () => {
    expect(classifyAnswer(401, '{"error":"Unauthorized","message":"Key expired on 2026-03-13T00:00:00.000Z"}', {}, at)).toMatchObject({
      kind: 'pause',
      error: { reason: 'unauthorized', detail: 'Key expired on 2026-03-13T00:00:00.000Z' },
    });
    expect(classifyAnswer(401, '{}', {}, at).kind === 'pause' && classifyAnswer(401, '{"message":"Invalid API key"}', {}, at)).toMatchObject({
      error: { message: 'The target refused the key (401: Invalid API key). Check the key, then save the uplink settings again.' },
    });
    expect(classifyAnswer(403, '{"message":"Data type \'json_results\' not accepted in \'startlist\' state"}', {}, at)).toMatchObject({
      kind: 'pause',
      error: { reason: 'forbidden' },
    });
    expect(classifyAnswer(404, '{"error":"Not found","message":"Resource not found"}', {}, at)).toMatchObject({ kind: 'pause', error: { reason: 'notFound' } });
    expect(classifyAnswer(301, '', { location: 'https://live.example.org/' }, at)).toMatchObject({
      kind: 'pause',
      error: { detail: 'redirects to https://live.example.org/' },
    });
  });

  it('any other 4xx refuses the item, keeping the body (a status walk reads currentStatus from it)', () => {
    expect(classifyAnswer(400, '{"error":"InvalidTransition","message":"m","currentStatus":"running"}', {}, at)).toMatchObject({
      kind: 'refuse',
      body: { currentStatus: 'running' },
      error: { reason: 'refused', httpStatus: 400, detail: 'm' },
    });
    expect(classifyAnswer(413, '<html>too large</html>', {}, at)).toMatchObject({ kind: 'refuse', body: null, error: { detail: '<html>too large</html>' } });
  });
});
