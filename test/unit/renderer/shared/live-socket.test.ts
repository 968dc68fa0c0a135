import { describe, expect, it } from 'vitest';
import type { WsMessage } from '../../../../src-main/wire/live.ts';
import { backoffDelay, LiveSocket, type LinkStatus, type MessageInfo, type Timers, type WebSocketLike } from '../../../../src-renderer/shared/live-socket.ts';

/** A hand-driven clock: timers fire only when the test advances time. */
class FakeClock implements Timers {
  now = 0;
  private seq = 0;
  timers = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number) {
    const id = ++this.seq;
    this.timers.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(id: unknown) {
    this.timers.delete(id as number);
  }
  advance(ms: number) {
    const end = this.now + ms;
    for (;;) {
      const next = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.timers.delete(next[0]);
      this.now = next[1].at;
      next[1].fn();
    }
    this.now = end;
  }
}

class FakeSocket implements WebSocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  closedWith: number | null = null;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  close(code?: number) {
    this.closedWith = code ?? 1000;
  }
  open() {
    this.onopen?.({});
  }
  send(msg: object) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  fail(code = 1006) {
    this.onclose?.({ code });
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(opts: { probe?: () => Promise<'retry' | 'stop'> } = {}) {
  const clock = new FakeClock();
  const sockets: FakeSocket[] = [];
  const messages: [WsMessage, MessageInfo][] = [];
  const statuses: LinkStatus[] = [];
  let polls = 0;
  const live = new LiveSocket({
    url: 'ws://station/api/v1/events/e1/ws',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    timers: clock,
    random: () => 0.5,
    onMessage: (m, i) => messages.push([m, i]),
    onStatus: (s) => statuses.push(s),
    onPoll: () => polls++,
    probe: opts.probe,
  });
  return { clock, sockets, messages, statuses, live, polls: () => polls, last: () => sockets[sockets.length - 1] };
}

const full = (seq: number, bootId = 'boot-1'): WsMessage => ({
  type: 'full',
  seq,
  bootId,
  data: { event: {} as never, classes: [], races: [], categories: [] },
});
const diff = (seq: number, bootId = 'boot-1'): WsMessage => ({ type: 'diff', seq, bootId, data: { oncourse: [] } });

describe('backoffDelay', () => {
  it('doubles from 1 s up to 20 s with half of it jittered', () => {
    const lo = [0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, 0));
    const hi = [0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, 0.999999));
    expect(lo).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);
    expect(hi).toEqual([1000, 2000, 4000, 8000, 16000, 20000, 20000]);
  });
  it('spreads clients apart', () => {
    const delays = new Set(Array.from({ length: 50 }, (_, i) => backoffDelay(3, i / 50)));
    expect(delays.size).toBe(50);
  });
});

describe('LiveSocket', () => {
  it('delivers in-order messages and flags a sequence gap', () => {
    const t = setup();
    t.live.start();
    t.last().open();
    t.last().send(full(10));
    t.last().send(diff(11));
    t.last().send(diff(13));
    expect(t.messages.map(([m, i]) => [m.seq, i.gap])).toEqual([
      [10, false],
      [11, false],
      [13, true],
    ]);
    expect(t.live.linkStatus.state).toBe('open');
  });

  it('reconnects with growing delays after failures, then polls every 15 s while still trying', async () => {
    const t = setup();
    t.live.start();
    for (let i = 0; i < 4; i++) {
      t.last().fail();
      await flush();
      expect(t.live.linkStatus.failures).toBe(i + 1);
      expect(t.polls()).toBe(0);
      const before = t.sockets.length;
      t.clock.advance(backoffDelay(i, 0.5) - 1);
      expect(t.sockets.length).toBe(before);
      t.clock.advance(1);
      expect(t.sockets.length).toBe(before + 1);
    }
    t.last().fail(); // 5th failure
    await flush();
    expect(t.live.linkStatus.polling).toBe(true);
    expect(t.polls()).toBe(1);
    t.clock.advance(15_000);
    expect(t.polls()).toBe(2);
    expect(t.sockets.length).toBe(6); // the backoff retry (≤ 15 s) happened meanwhile
    t.last().open();
    expect(t.live.linkStatus).toEqual({ state: 'open', failures: 0, polling: false });
    t.clock.advance(60_000);
    expect(t.polls()).toBe(2);
  });

  it('reconnects at once when the page becomes visible', async () => {
    const t = setup();
    t.live.start();
    t.last().fail();
    await flush();
    expect(t.sockets.length).toBe(1);
    t.live.wake();
    expect(t.sockets.length).toBe(2);
  });

  it('replaces a socket that stays silent past the watchdog, and knows nothing was missed', () => {
    const t = setup();
    t.live.start();
    t.last().open();
    t.last().send(full(5));
    t.clock.advance(74_999);
    expect(t.sockets.length).toBe(1);
    t.clock.advance(1);
    expect(t.sockets.length).toBe(2);
    expect(t.sockets[0].closedWith).toBe(4000);
    t.last().open();
    t.last().send(full(5));
    expect(t.messages[1][1]).toEqual({ gap: false, resumed: true });
  });

  it('a silent socket replaced after a station restart: the same seq from a new boot is no resume, it is a reload', () => {
    const t = setup();
    t.live.start();
    t.last().open();
    t.last().send(full(5));
    t.clock.advance(75_000);
    t.last().open();
    // The station restarted meanwhile and its seq happens to be where this phone left it.
    t.last().send(full(5, 'boot-2'));
    expect(t.messages[1][1]).toEqual({ gap: true, resumed: false });
    // Messages of the new boot then follow as usual.
    t.last().send(diff(6, 'boot-2'));
    expect(t.messages[2][1]).toEqual({ gap: false, resumed: false });
  });

  it('a message from another boot is a gap even when its seq follows on', () => {
    const t = setup();
    t.live.start();
    t.last().open();
    t.last().send(full(3));
    t.last().send(diff(4, 'boot-2'));
    expect(t.messages.map(([m, i]) => [m.seq, i.gap])).toEqual([
      [3, false],
      [4, true],
    ]);
  });

  it('asks the probe after a refused upgrade and stops for good on an official event', async () => {
    let asked = 0;
    const t = setup({ probe: async () => (asked++, 'stop') });
    t.live.start();
    t.last().fail();
    await flush();
    expect(asked).toBe(1);
    expect(t.live.linkStatus.state).toBe('stopped');
    t.clock.advance(600_000);
    expect(t.sockets.length).toBe(1);
  });

  it('after a normal close (official + grace) asks the probe instead of retrying blindly', async () => {
    let asked = 0;
    const t = setup({ probe: async () => (asked++, 'retry') });
    t.live.start();
    t.last().open();
    t.last().fail(1000);
    await flush();
    expect(asked).toBe(1);
    t.clock.advance(1000);
    expect(t.sockets.length).toBe(2);
  });

  it('reconnects quickly after a station shutdown (1001) or too-slow (4008) close', () => {
    for (const code of [1001, 4008]) {
      const t = setup();
      t.live.start();
      t.last().open();
      t.last().fail(code);
      t.clock.advance(backoffDelay(0, 0.5));
      expect(t.sockets.length).toBe(2);
    }
  });

  it('gives up on a connection that hangs and on a probe that never answers', async () => {
    const t = setup({ probe: () => new Promise(() => {}) });
    t.live.start();
    t.clock.advance(9_999);
    expect(t.live.linkStatus.state).toBe('connecting');
    t.clock.advance(1);
    expect(t.sockets[0].closedWith).toBe(4000);
    expect(t.live.linkStatus).toMatchObject({ state: 'retrying', failures: 1 });
    t.clock.advance(10_000); // probe timeout
    await flush();
    t.clock.advance(backoffDelay(0, 0.5));
    expect(t.sockets.length).toBe(2);
  });

  it('stop() closes the socket and cancels every timer', () => {
    const t = setup();
    t.live.start();
    t.last().open();
    t.live.stop();
    expect(t.sockets[0].closedWith).toBe(1000);
    expect(t.clock.timers.size).toBe(0);
    expect(t.statuses.at(-1)?.state).toBe('stopped');
  });
});
