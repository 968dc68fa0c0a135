/**
 * One event's room: its open spectator sockets and its message sequence. A message is serialized
 * once (by the hub) and the same string goes to every socket. A socket whose unsent buffer has
 * passed the bound is not sent to: it is closed with 4008 ("too slow") and terminated if the close
 * cannot get through, so one stalled phone never holds memory or delays the others.
 */
import type { WebSocket } from 'ws';
import { CLOSE_TOO_SLOW } from '../wire/live.ts';

export interface SpectatorSocket extends WebSocket {
  awaitingPong?: boolean;
  /** A venue screen's socket (issue 15): in the room, but not one of its spectators. */
  isScreen?: boolean;
}

const sendOptions = { binary: false, compress: false, fin: true } as const;

export class Room {
  readonly eventId: string;
  readonly sockets = new Set<SpectatorSocket>();
  /** Sequence number of the last message published to this event. */
  seq = 0;
  private readonly maxBuffer: () => number;
  private readonly onCutOff: () => void;
  private screens = 0;

  constructor(eventId: string, maxBuffer: () => number, onCutOff: () => void = () => {}) {
    this.eventId = eventId;
    this.maxBuffer = maxBuffer;
    this.onCutOff = onCutOff;
  }

  get size(): number {
    return this.sockets.size;
  }

  /** The room's phones: its sockets less the venue screens' (which have limits of their own). */
  get spectators(): number {
    return this.sockets.size - this.screens;
  }

  add(ws: SpectatorSocket): void {
    if (this.sockets.has(ws)) return;
    this.sockets.add(ws);
    if (ws.isScreen) this.screens++;
  }

  /** Takes a socket out of the room; false when it was not in it. */
  remove(ws: SpectatorSocket): boolean {
    if (!this.sockets.delete(ws)) return false;
    if (ws.isScreen) this.screens--;
    return true;
  }

  /**
   * Sends one already-serialized message to every open socket. The text is encoded to UTF-8 once
   * here; `ws` would otherwise encode the same string again for every socket.
   */
  broadcast(payload: string): void {
    const limit = this.maxBuffer();
    const bytes = Buffer.from(payload);
    for (const ws of this.sockets) this.send(ws, bytes, limit);
  }

  send(ws: SpectatorSocket, payload: string | Buffer, limit = this.maxBuffer()): void {
    if (ws.readyState !== 1) return;
    if (ws.bufferedAmount > limit) {
      this.cutOff(ws);
      return;
    }
    ws.send(payload, sendOptions);
  }

  closeAll(code: number, reason: string): void {
    for (const ws of this.sockets) {
      closeOrTerminate(ws, code, reason, 2000);
    }
  }

  private cutOff(ws: SpectatorSocket): void {
    this.remove(ws);
    this.onCutOff();
    // The close frame sits behind the unread buffer; a phone that never reads never gets it.
    closeOrTerminate(ws, CLOSE_TOO_SLOW, 'Too slow: reconnect for a fresh state', 1000);
  }
}

/**
 * Closes a socket, and terminates it if the close handshake has not finished after `graceMs`.
 */
export function closeOrTerminate(ws: SpectatorSocket, code: number, reason: string, graceMs: number): void {
  if (ws.readyState === 0 || ws.readyState === 1) ws.close(code, reason);
  const t = setTimeout(() => ws.terminate(), graceMs);
  t.unref();
  ws.once('close', () => clearTimeout(t));
}
