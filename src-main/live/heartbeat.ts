/**
 * Finds dead spectator sockets: every `intervalMs` each socket is pinged, and one that has not
 * answered within `timeoutMs` is terminated (a phone that left the Wi-Fi never sends a close).
 * One timer per tick for all sockets, not one per socket. Settings are read at every tick so a
 * change from the dashboard applies without a restart.
 */
import type { SpectatorSocket } from './room.ts';

export interface HeartbeatOptions {
  intervalMs: () => number;
  timeoutMs: () => number;
  sockets: () => Iterable<SpectatorSocket>;
}

export class Heartbeat {
  private timer: NodeJS.Timeout | null = null;
  private readonly timeouts = new Set<NodeJS.Timeout>();
  private readonly opts: HeartbeatOptions;

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
    this.timer = setTimeout(() => {
      this.tick();
      this.schedule();
    }, this.opts.intervalMs());
    this.timer.unref();
  }

  private tick(): void {
    const pinged: SpectatorSocket[] = [];
    for (const ws of this.opts.sockets()) {
      if (ws.readyState !== 1) continue;
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
