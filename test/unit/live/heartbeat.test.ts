/**
 * The heartbeat pings every socket once per interval, spread over the interval (a thirtieth of the
 * sockets per tick: 10,000 pings in one go would hold up a live result as long as a broadcast),
 * and terminates a socket that has not answered its ping within the timeout.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat } from '../../../src-main/live/heartbeat.ts';
import type { SpectatorSocket } from '../../../src-main/live/room.ts';

class FakeSocket {
  readyState = 1;
  awaitingPong = false;
  pings = 0;
  terminated = false;
  ping() {
    this.pings++;
  }
  terminate() {
    this.terminated = true;
    this.readyState = 3;
  }
}

describe('Heartbeat', () => {
  afterEach(() => vi.useRealTimers());

  it('pings a thirtieth of the sockets per tick, each once per interval; silent ones are terminated', () => {
    vi.useFakeTimers();
    const sockets = Array.from({ length: 3000 }, () => new FakeSocket());
    const hb = new Heartbeat({ intervalMs: () => 30_000, timeoutMs: () => 10_000, sockets: () => sockets as unknown as SpectatorSocket[] });
    hb.start();
    vi.advanceTimersByTime(1000);
    const first = sockets.filter((s) => s.pings === 1).length;
    expect(first).toBe(100);
    // Everyone but the first slice answers its ping at once.
    const silent = new Set(sockets.filter((s) => s.pings === 1));
    for (let t = 1; t < 30; t++) {
      vi.advanceTimersByTime(1000);
      for (const s of sockets) if (!silent.has(s)) Heartbeat.alive(s as unknown as SpectatorSocket);
    }
    expect(sockets.every((s) => s.pings === 1 || s.terminated)).toBe(true);
    expect(sockets.filter((s) => s.terminated)).toHaveLength(100);
    expect([...silent].every((s) => s.terminated)).toBe(true);
    hb.stop();
  });
});
