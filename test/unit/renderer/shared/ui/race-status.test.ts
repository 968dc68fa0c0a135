import { describe, expect, it } from 'vitest';
import { combinedState, hasResults, isFinal, raceState } from '../../../../../src-renderer/shared/ui/race-status.ts';

describe('raceState (Canoe123 codes)', () => {
  it('maps the codes real exports carry', () => {
    expect(raceState({ raceStatus: 0 })).toBe('scheduled');
    expect(raceState({ raceStatus: 1 })).toBe('startlist');
    expect(raceState({ raceStatus: 3 })).toBe('running');
    expect(raceState({ raceStatus: 4 })).toBe('unofficial');
    expect(raceState({ raceStatus: 5 })).toBe('official');
    expect(raceState({ raceStatus: 6 })).toBe('revised');
    expect(raceState({ raceStatus: 7 })).toBe('cancelled');
    expect(raceState({ raceStatus: 11 })).toBe('scheduled');
  });
  it('a station official mark wins', () => {
    expect(raceState({ raceStatus: 4, officialAt: '2024-04-06T12:00:00Z' })).toBe('official');
  });
  it('combines a best-run pair', () => {
    expect(combinedState([{ raceStatus: 5 }, { raceStatus: 3 }])).toBe('running');
    expect(combinedState([{ raceStatus: 5 }, { raceStatus: 1 }])).toBe('unofficial');
    expect(combinedState([{ raceStatus: 1 }, { raceStatus: 1 }])).toBe('startlist');
    expect(combinedState([{ raceStatus: 5 }, { raceStatus: 5 }])).toBe('official');
    expect(combinedState([{ raceStatus: 5 }, { raceStatus: 4 }])).toBe('unofficial');
  });
  it('knows final and result-bearing states', () => {
    expect(isFinal('official')).toBe(true);
    expect(isFinal('unofficial')).toBe(false);
    expect(hasResults('running')).toBe(true);
    expect(hasResults('startlist')).toBe(false);
  });
});
