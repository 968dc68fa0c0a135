/**
 * Finds dead spectator sockets: every `intervalMs` each socket is pinged, and one that has not
 * answered within `timeoutMs` is terminated (a phone that left the Wi-Fi never sends a close).
 *
 * The pings are spread over the interval: the sockets are dealt into `SLICES` slices, and one
 * slice is pinged per tick (every intervalMs / SLICES). Pinging 10,000 sockets at once is 10,000
 * writes in one go (and as many pongs back), which holds up a live result arriving at that
 * moment as long as a broadcast does; a slice is a thirtieth of it. One timer per tick for all
 * sockets, not one per socket. Settings are read at every tick so a change from the dashboard
 * applies without a restart.
 */
import type { SpectatorSocket } from './room.ts';

export interface HeartbeatOptions {
  intervalMs: () => number;
  timeoutMs: () => number;
  sockets: () => Iterable<SpectatorSocket>;
}

/** How many ticks one round of pings is spread over. */
const SLICES = 30;

/** A socket's slice, dealt round-robin when the heartbeat first sees it. */
const sliceOf = new WeakMap<SpectatorSocket, number>();

export class Heartbeat {
  private timer: NodeJS.Timeout | null = null;
  private readonly timeouts = new Set<NodeJS.Timeout>();
  private readonly opts: HeartbeatOptions;
  private tickNr = 0;
  private dealt = 0;

  constructor(opts: HeartbeatOptions) {
    this.opts = opts;
  }

  start(): void {
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const t of this.timeouts) clearTimeout(t);
    this.timeouts.clear();
  }

  /** Marks a socket alive (on pong, and on connect). */
  static alive(ws: SpectatorSocket): void {
    ws.awaitingPong = false;
  }

  private schedule(): void {
    this.timer = setTimeout(
      () => {
        this.tick();
        this.schedule();
      },
      Math.max(1, this.opts.intervalMs() / SLICES),
    );
    this.timer.unref();
  }

  private tick(): void {
    const slice = this.tickNr++ % SLICES;
    const pinged: SpectatorSocket[] = [];
    for (const ws of this.opts.sockets()) {
      let s = sliceOf.get(ws);
      if (s === undefined) sliceOf.set(ws, (s = this.dealt++ % SLICES));
      if (s !== slice || ws.readyState !== 1) continue;
      ws.awaitingPong = true;
      try {
        ws.ping();
      } catch {
        ws.terminate();
        continue;
      }
      pinged.push(ws);
    }
    if (pinged.length === 0) return;
    const t = setTimeout(() => {
      this.timeouts.delete(t);
      for (const ws of pinged) if (ws.awaitingPong) ws.terminate();
    }, this.opts.timeoutMs());
    t.unref();
    this.timeouts.add(t);
  }
}
