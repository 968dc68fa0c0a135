/** When the dashboard calls a feed stale: measured against the station's lastAt, only while running. */
import { describe, expect, it } from 'vitest';
import type { FeedHealth } from '../../../../../src-main/wire/admin.ts';
import { failingNow, feedState, STALE_AFTER_MS, staleChannels } from '../../../../../src-renderer/operator/feeds/feed-health.ts';

const health = (lastAt: number | null, extra: Partial<FeedHealth> = {}): FeedHealth => ({
  lastAt, count: lastAt ? 1 : 0, perMinute: 0, errors: 0, lastError: null, lastErrorAt: null, ...extra,
});

describe('feed staleness', () => {
  const now = 1_000_000;
  it('uses 15 s for results and 10 s for on-course; XML never goes stale', () => {
    expect(STALE_AFTER_MS).toEqual({ xml: null, results: 15_000, oncourse: 10_000 });
  });
  it('a channel that never delivered is "never", not stale', () => {
    expect(feedState('results', health(null), 'running', now)).toBe('never');
  });
  it('is stale only after the threshold, exactly', () => {
    expect(feedState('results', health(now - 15_000), 'running', now)).toBe('ok');
    expect(feedState('results', health(now - 15_001), 'running', now)).toBe('stale');
    expect(feedState('oncourse', health(now - 10_001), 'running', now)).toBe('stale');
    expect(feedState('xml', health(now - 3_600_000), 'running', now)).toBe('ok');
  });
  it('quiet feeds are expected outside running', () => {
    for (const s of ['draft', 'startlist', 'finished', 'official'] as const) {
      expect(feedState('results', health(now - 60_000), s, now)).toBe('ok');
    }
  });
  it('lists the stale channels for the banner', () => {
    const feeds = { xml: health(now - 99_000), results: health(now - 20_000), oncourse: health(now - 1000) };
    expect(staleChannels(feeds, 'running', now)).toEqual(['results']);
  });
  it('a channel is failing when its last error is newer than its last delivery', () => {
    expect(failingNow(health(100, { lastErrorAt: 200, lastError: 'x', errors: 1 }))).toBe(true);
    expect(failingNow(health(300, { lastErrorAt: 200, lastError: 'x', errors: 1 }))).toBe(false);
    expect(failingNow(health(null, { lastErrorAt: 200, lastError: 'x', errors: 1 }))).toBe(true);
    expect(failingNow(health(null))).toBe(false);
  });
});
