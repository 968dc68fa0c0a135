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
}

const sendOptions = { binary: false, compress: false, fin: true } as const;

export class Room {
  readonly eventId: string;
  readonly sockets = new Set<SpectatorSocket>();
  /** Sequence number of the last message published to this event. */
  seq = 0;
  private readonly maxBuffer: () => number;
  private readonly onCutOff: () => void;

  constructor(eventId: string, maxBuffer: () => number, onCutOff: () => void = () => {}) {
    this.eventId = eventId;
    this.maxBuffer = maxBuffer;
    this.onCutOff = onCutOff;
  }

  get size(): number {
    return this.sockets.size;
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
    this.sockets.delete(ws);
    this.onCutOff();
    // The close frame sits behind the unread buffer; a phone that never reads never gets it.
    closeOrTerminate(ws, CLOSE_TOO_SLOW, 'Too slow: reconnect for a fresh state', 1000);
  }
}

/**
 * Closes a socket, and terminates it if the close handshake has not finished after `graceMs`.
 * @private
 */
function closeOrTerminate(ws: SpectatorSocket, code: number, reason: string, graceMs: number): void {
  if (ws.readyState === 0 || ws.readyState === 1) ws.close(code, reason);
  const t = setTimeout(() => ws.terminate(), graceMs);
  t.unref();
  ws.once('close', () => clearTimeout(t));
}
