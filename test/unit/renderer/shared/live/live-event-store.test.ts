/**
 * The event page's store asks the station for the live protocol this app speaks (wire/live.ts),
 * so a station never sends it a form it cannot apply, and an older app (no `?v=`) is never sent one.
 */
import { describe, expect, it } from 'vitest';
import { LIVE_PROTOCOL } from '@wire/live.ts';
import { LiveEventStore } from '../../../../../src-renderer/shared/live/live-event-store.ts';
import type { LiveSocket, LiveSocketOptions } from '../../../../../src-renderer/shared/live-socket.ts';

async function socketUrl(wsUrl: string): Promise<string> {
  let url = '';
  const store = new LiveEventStore('e', {
    wsUrl,
    get: async <T>() => ({ event: { status: 'running' }, classes: [], races: [], categories: [] }) as T,
    createSocket: (o: LiveSocketOptions) => {
      url = o.url;
      return { start() {}, stop() {}, wake() {} } as unknown as LiveSocket;
    },
  });
  await store.start();
  store.stop();
  return url;
}

describe('LiveEventStore', () => {
  it('opens the socket with ?v=<the protocol it speaks>', async () => {
    expect(LIVE_PROTOCOL).toBe(2);
    expect(await socketUrl('ws://station/api/v1/events/e/ws')).toBe('ws://station/api/v1/events/e/ws?v=2');
    expect(await socketUrl('ws://station/api/v1/events/e/ws?screen=s1')).toBe('ws://station/api/v1/events/e/ws?screen=s1&v=2');
  });
});
