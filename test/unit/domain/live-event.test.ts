import { describe, expect, it } from 'vitest';
import { liveEventOf, type LiveEventCandidate } from '../../../src-main/domain/live-event.ts';

const ev = (eventId: string, status: LiveEventCandidate['status'], at: string): LiveEventCandidate => ({ eventId, status, statusChangedAt: `2024-04-0${at}Z` });

describe('liveEventOf', () => {
  it('is null with no public event (drafts are never live)', () => {
    expect(liveEventOf([])).toBeNull();
    expect(liveEventOf([ev('a', 'draft', '6T09:00:00')])).toBeNull();
  });

  it('a running event wins over any other, however recent', () => {
    expect(liveEventOf([ev('a', 'running', '6T08:00:00'), ev('b', 'official', '6T18:00:00'), ev('c', 'startlist', '7T07:00:00')])?.eventId).toBe('a');
  });

  it('of two running events, the one that started last', () => {
    expect(liveEventOf([ev('a', 'running', '6T08:00:00'), ev('b', 'running', '6T09:00:00')])?.eventId).toBe('b');
  });

  it('with none running, the public event whose status changed last', () => {
    expect(liveEventOf([ev('a', 'official', '6T18:00:00'), ev('b', 'startlist', '6T17:00:00'), ev('c', 'draft', '7T09:00:00')])?.eventId).toBe('a');
    expect(liveEventOf([ev('a', 'official', '6T18:00:00'), ev('b', 'startlist', '7T07:00:00')])?.eventId).toBe('b');
  });

  it('ties are broken by id, so every caller picks the same', () => {
    expect(liveEventOf([ev('b', 'finished', '6T10:00:00'), ev('a', 'finished', '6T10:00:00')])?.eventId).toBe('b');
  });
});
