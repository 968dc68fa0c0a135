/**
 * One event's room: its open spectator sockets, each with the live protocol it speaks. A message
 * is serialized once per protocol (by the hub) and the same bytes go to every socket of it. A socket whose unsent buffer has
 * passed the bound is not sent to: it is closed with 4008 ("too slow") and terminated if the close
 * cannot get through, so one stalled phone never holds memory or delays the others.
 */
import type { WebSocket } from 'ws';
import { CLOSE_TOO_SLOW } from '../wire/live.ts';

export interface SpectatorSocket extends WebSocket {
  awaitingPong?: boolean;
  /** The live protocol the socket asked for at the upgrade (wire/live.ts); 1 when it did not. */
  liveProtocol?: number;
}

const sendOptions = { binary: false, compress: false, fin: true } as const;

export class Room {
  readonly eventId: string;
  readonly sockets = new Set<SpectatorSocket>();
  /** Sockets speaking protocol 1 (they need results diffs in its form). */
  legacySockets = 0;
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

  add(ws: SpectatorSocket, protocol: number): void {
    ws.liveProtocol = protocol;
    this.sockets.add(ws);
    if (protocol < 2) this.legacySockets++;
  }

  /** Takes a socket out of the room; false when it was not in it (already cut off). */
  remove(ws: SpectatorSocket): boolean {
    if (!this.sockets.delete(ws)) return false;
    if ((ws.liveProtocol ?? 1) < 2) this.legacySockets--;
    return true;
  }

  /**
   * Sends one already-serialized message to every open socket; `legacy`, when given, goes to the
   * protocol 1 sockets instead. Each text is encoded to UTF-8 once here; `ws` would otherwise
   * encode the same string again for every socket.
   */
  broadcast(payload: string, legacy?: string): void {
    const limit = this.maxBuffer();
    const bytes = Buffer.from(payload);
    const old = legacy === undefined ? bytes : Buffer.from(legacy);
    for (const ws of this.sockets) this.send(ws, (ws.liveProtocol ?? 1) < 2 ? old : bytes, limit);
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
 * @private
 */
function closeOrTerminate(ws: SpectatorSocket, code: number, reason: string, graceMs: number): void {
  if (ws.readyState === 0 || ws.readyState === 1) ws.close(code, reason);
  const t = setTimeout(() => ws.terminate(), graceMs);
  t.unref();
  ws.once('close', () => clearTimeout(t));
}
