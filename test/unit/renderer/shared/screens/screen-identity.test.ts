import { describe, expect, it } from 'vitest';
import { screenIdentity, screenSocketUrl } from '../../../../../src-renderer/shared/screens/screen-identity.ts';
import { screenCs } from '../../../../../src-renderer/shared/screens/messages-cs.ts';
import { screenEn } from '../../../../../src-renderer/shared/screens/messages-en.ts';

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('a screen’s identity', () => {
  it('one stable id per kind in this browser; ?screen= names it; ?event= pins the event', () => {
    const store = memory();
    const a = screenIdentity('board', '', store, () => 'aaaa-bbbb-cccc-dddd');
    expect(a).toEqual({ kind: 'board', screenId: 'board-aaaabbbbcccc', pinnedEvent: null });
    expect(screenIdentity('board', '?event=day-2', store, () => 'zzzz').screenId).toBe('board-aaaabbbbcccc');
    expect(screenIdentity('board', '?event=day-2', store, () => 'zzzz').pinnedEvent).toBe('day-2');
    expect(screenIdentity('overlay', '', store, () => 'eeee').screenId).toBe('overlay-eeee');
    expect(screenIdentity('overlay', '?screen=obs-main', store, () => 'ffff').screenId).toBe('obs-main');
    expect(screenIdentity('overlay', '?screen=x', store, () => 'ffff').screenId).toBe('overlay-eeee'); // too short: ignored
    const blocked = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    };
    expect(screenIdentity('announcer', '', blocked, () => 'gggg').screenId).toBe('announcer-gggg');
  });

  it('the control socket address carries kind, id, viewport and the pin', () => {
    const url = screenSocketUrl(
      { kind: 'board', screenId: 'wall-1', pinnedEvent: 'day 2' },
      { protocol: 'http:', host: '10.0.0.5:4800' },
      { w: 1920, h: 1080 },
    );
    expect(url).toBe('ws://10.0.0.5:4800/api/v1/screens/ws?kind=board&id=wall-1&w=1920&h=1080&event=day+2');
  });

  it('the screens’ texts exist in English and Czech with the same placeholders', () => {
    expect(Object.keys(screenCs).sort()).toEqual(Object.keys(screenEn).sort());
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    for (const k of Object.keys(screenEn) as (keyof typeof screenEn)[]) {
      expect(screenCs[k].length, k).toBeGreaterThan(0);
      expect(ph(screenCs[k]), k).toBe(ph(screenEn[k]));
    }
  });
});
