/**
 * The spectator's WebSocket to one event's room: connecting, noticing that the link died,
 * reconnecting with backoff and jitter, detecting gaps in the sequence numbers, and falling back to
 * REST polling while the station stays unreachable. It knows nothing about results or React: it
 * hands every in-order message to `onMessage` and says when the caller must reload over REST.
 *
 * Rules (issue 4; docs/LIVE-PIPELINE.md, "The spectator app's side"):
 * - Reconnect delay: exponential from 1 s, capped at 20 s, "equal jitter" (half fixed, half random)
 *   so 200 phones do not come back in the same millisecond after a station restart.
 * - Liveness: the station pings at the protocol level, which a browser never exposes, so a socket
 *   that has been silent for `watchdogMs` (75 s: longer than two heartbeat periods) is presumed
 *   dead (half-open TCP after a Wi-Fi roam) and replaced.
 * - After `pollAfterFailures` (5) consecutive failed attempts, `onPoll` fires at once and every
 *   `pollMs` (15 s) so the page keeps moving, while reconnect attempts continue.
 * - A browser cannot read the HTTP status of a refused upgrade (404 unknown, 410 official, 503 room
 *   full): a connection that fails before opening, or a normal close (1000, sent after an event goes
 *   official), asks `probe()` (a REST read) whether to keep trying. An official event is then read
 *   over REST only: no retry loop.
 * - A connection that has not opened after `connectTimeoutMs` (10 s), or a probe that has not
 *   answered by then, counts as failed: on a lossy Wi-Fi a TCP connect can hang for minutes.
 * - `seq` must grow by exactly one per message; a gap sets `gap` so the caller reloads. Every
 *   message also carries the station's `bootId`: another one than before means the station
 *   restarted and its `seq` started over, so that is a gap too, even when the seq looks continuous
 *   (and a `full` after it is never a resume).
 * Timers, randomness and the socket constructor are injectable so this file is tested without a DOM.
 */
import type { WsMessage } from '@wire/live.ts';

/** The station's normal close (src-main/wire/live.ts; repeated because that import is type-only). */
const CLOSE_NORMAL = 1000;
/** Our own close code when the watchdog gives up on a silent socket. */
const CLOSE_WATCHDOG = 4000;

export interface WebSocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(code?: number, reason?: string): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export type LinkState = 'connecting' | 'open' | 'retrying' | 'stopped';

export interface LinkStatus {
  state: LinkState;
  /** Consecutive failed attempts since the socket was last open. */
  failures: number;
  /** True while REST polling stands in for the socket. */
  polling: boolean;
}

export interface MessageInfo {
  /** Messages were missed (seq jumped): reload what you show over REST. */
  gap: boolean;
  /**
   * Only on a `full`: this reconnect replaced a silent socket and the room's seq did not move, so
   * nothing was missed and nothing needs reloading.
   */
  resumed: boolean;
}

/** What a live socket carries: an event room's messages, or (venue screens) their `screen` config. */
export interface LiveMessage {
  type: string;
  seq?: number;
  bootId?: string;
}

export interface LiveSocketOptions<M extends LiveMessage = WsMessage> {
  url: string;
  onMessage(msg: M, info: MessageInfo): void;
  onStatus?(status: LinkStatus): void;
  /** Called while polling stands in for the socket. */
  onPoll?(): void;
  /** After a failed or normally closed connection: 'stop' (official, gone) or 'retry'. */
  probe?(): Promise<'retry' | 'stop'>;
  /**
   * Where the caller's data already stands (the first view the page came with): the first `full`
   * with this seq and boot id means nothing happened since, and is a resume, not a reload.
   */
  known?: { seq: number; bootId: string };
  createSocket?(url: string): WebSocketLike;
  timers?: Timers;
  random?(): number;
  watchdogMs?: number;
  connectTimeoutMs?: number;
  pollAfterFailures?: number;
  pollMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Delay before reconnect attempt number `attempt` (0-based): min(max, base·2^attempt), of which
 * half is fixed and half scaled by `random` ∈ [0, 1). With the defaults: 0.5–1 s, 1–2 s, 2–4 s,
 * 4–8 s, 8–16 s, then 10–20 s.
 */
export function backoffDelay(attempt: number, random: number, baseMs = 1000, maxMs = 20_000): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(exp / 2 + (random * exp) / 2);
}

export class LiveSocket<M extends LiveMessage = WsMessage> {
  private readonly o: Required<Omit<LiveSocketOptions<M>, 'onStatus' | 'onPoll' | 'probe' | 'known'>> & LiveSocketOptions<M>;
  private socket: WebSocketLike | null = null;
  private generation = 0;
  private opened = false;
  private lastSeq: number | null = null;
  private lastBoot: string | null = null;
  private reason: 'start' | 'watchdog' | 'retry' = 'start';
  private retryTimer: unknown = null;
  private watchdogTimer: unknown = null;
  private pollTimer: unknown = null;
  private status: LinkStatus = { state: 'connecting', failures: 0, polling: false };

  constructor(options: LiveSocketOptions<M>) {
    this.o = {
      createSocket: (url: string) => new WebSocket(url) as unknown as WebSocketLike,
      timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (id) => clearTimeout(id as number) },
      random: Math.random,
      watchdogMs: 75_000,
      connectTimeoutMs: 10_000,
      pollAfterFailures: 5,
      pollMs: 15_000,
      baseDelayMs: 1000,
      maxDelayMs: 20_000,
      ...options,
    };
    if (options.known) {
      this.lastSeq = options.known.seq;
      this.lastBoot = options.known.bootId;
    }
  }

  get linkStatus(): LinkStatus {
    return this.status;
  }

  start(): void {
    // Knowing where the data stands, the first connect is like a watchdog's: a `full` that says
    // nothing moved needs no reload.
    this.connect(this.o.known ? 'watchdog' : 'start');
  }

  /** Stop for good (official event, page left): no socket, no timers, no polling. */
  stop(): void {
    this.clearTimers();
    this.setPolling(false);
    this.dropSocket(CLOSE_NORMAL);
    this.update({ state: 'stopped' });
  }

  /** The page became visible again: if not connected, try now instead of waiting for the backoff. */
  wake(forceReconnect = false): void {
    const state = this.status.state;
    if (state === 'stopped' || state === 'connecting') return;
    if (state === 'open' && !forceReconnect) return;
    this.connect(state === 'open' ? 'watchdog' : 'retry');
  }

  private connect(reason: 'start' | 'watchdog' | 'retry'): void {
    this.clearTimers();
    this.dropSocket(CLOSE_WATCHDOG);
    this.reason = reason;
    const gen = ++this.generation;
    this.opened = false;
    this.update({ state: 'connecting' });
    let ws: WebSocketLike;
    try {
      ws = this.o.createSocket(this.o.url);
    } catch {
      this.failed(gen);
      return;
    }
    this.socket = ws;
    this.watchdogTimer = this.o.timers.setTimeout(() => {
      this.watchdogTimer = null;
      if (gen !== this.generation || this.opened) return;
      this.dropSocket(CLOSE_WATCHDOG);
      this.failed(this.generation);
    }, this.o.connectTimeoutMs);
    ws.onopen = () => {
      if (gen !== this.generation) return;
      this.opened = true;
      this.setPolling(false);
      this.update({ state: 'open', failures: 0 });
      this.armWatchdog();
    };
    ws.onmessage = (ev) => {
      if (gen !== this.generation) return;
      this.armWatchdog();
      this.receive(ev.data);
    };
    ws.onerror = () => {
      /* onclose follows and decides */
    };
    ws.onclose = (ev) => {
      if (gen !== this.generation) return;
      this.socket = null;
      this.clearWatchdog();
      if (this.status.state === 'stopped') return;
      if (!this.opened) this.failed(gen);
      else if (ev.code === CLOSE_NORMAL) this.probeThen(gen, 0);
      // 1001 (station shutting down), 4008 (we fell behind), 1006 (link lost): the socket was
      // healthy until now, so the first retry comes quickly; failures then grow the delay.
      else this.scheduleRetry(0);
    };
  }

  private receive(data: unknown): void {
    let msg: M;
    try {
      msg = JSON.parse(String(data)) as M;
    } catch {
      return;
    }
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
    const seq = typeof msg.seq === 'number' ? msg.seq : null;
    const boot = typeof msg.bootId === 'string' ? msg.bootId : null;
    const restarted = boot !== null && this.lastBoot !== null && boot !== this.lastBoot;
    let gap = restarted;
    let resumed = false;
    if (msg.type === 'full') {
      resumed = !restarted && this.reason === 'watchdog' && seq !== null && seq === this.lastSeq;
      this.reason = 'retry';
    } else if (seq !== null && this.lastSeq !== null && seq !== this.lastSeq + 1) {
      gap = true;
    }
    if (seq !== null) this.lastSeq = seq;
    if (boot !== null) this.lastBoot = boot;
    this.o.onMessage(msg, { gap, resumed });
  }

  private failed(gen: number): void {
    if (gen !== this.generation) return;
    const failures = this.status.failures + 1;
    this.update({ state: 'retrying', failures });
    if (failures >= this.o.pollAfterFailures) this.setPolling(true);
    this.probeThen(gen, failures - 1);
  }

  private probeThen(gen: number, attempt: number): void {
    const probe = this.o.probe;
    if (!probe) {
      this.scheduleRetry(attempt);
      return;
    }
    this.update({ state: 'retrying' });
    let timer: unknown = null;
    const timeout = new Promise<'retry'>((resolve) => {
      timer = this.o.timers.setTimeout(() => resolve('retry'), this.o.connectTimeoutMs);
    });
    Promise.race([probe(), timeout])
      .finally(() => this.o.timers.clearTimeout(timer))
      .then(
        (verdict) => {
          if (gen !== this.generation || this.status.state === 'stopped') return;
          if (verdict === 'stop') this.stop();
          else this.scheduleRetry(attempt);
        },
        () => {
          if (gen === this.generation && this.status.state !== 'stopped') this.scheduleRetry(attempt);
        },
      );
  }

  private scheduleRetry(attempt: number): void {
    if (this.status.state === 'stopped') return;
    this.clearRetry();
    this.update({ state: 'retrying' });
    const delay = backoffDelay(attempt, this.o.random(), this.o.baseDelayMs, this.o.maxDelayMs);
    this.retryTimer = this.o.timers.setTimeout(() => {
      this.retryTimer = null;
      this.connect('retry');
    }, delay);
  }

  private armWatchdog(): void {
    this.clearWatchdog();
    this.watchdogTimer = this.o.timers.setTimeout(() => {
      this.watchdogTimer = null;
      this.connect('watchdog');
    }, this.o.watchdogMs);
  }

  private setPolling(on: boolean): void {
    if (on === this.status.polling) return;
    if (this.pollTimer !== null) this.o.timers.clearTimeout(this.pollTimer);
    this.pollTimer = null;
    this.update({ polling: on });
    if (on) this.poll();
  }

  private poll(): void {
    this.o.onPoll?.();
    this.pollTimer = this.o.timers.setTimeout(() => this.poll(), this.o.pollMs);
  }

  private dropSocket(code: number): void {
    const ws = this.socket;
    this.socket = null;
    this.generation++;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close(code);
      } catch {
        /* already closed */
      }
    }
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.o.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private clearWatchdog(): void {
    if (this.watchdogTimer !== null) this.o.timers.clearTimeout(this.watchdogTimer);
    this.watchdogTimer = null;
  }

  private clearTimers(): void {
    this.clearRetry();
    this.clearWatchdog();
  }

  private update(patch: Partial<LinkStatus>): void {
    const next = { ...this.status, ...patch };
    if (next.state === this.status.state && next.failures === this.status.failures && next.polling === this.status.polling) return;
    this.status = next;
    this.o.onStatus?.(next);
  }
}
