/**
 * One event's room: its open spectator sockets, each with the live protocol it speaks. A message
 * is serialized once per protocol (by the hub), framed as a WebSocket text frame once, and the same
 * frame is written to every socket's TCP stream: per socket only a state check and one write, the
 * work a bare server would do (bench/floor-server.ts). `ws` still owns the sockets (handshake,
 * pings, close); its sender is bypassed only for these whole, unmasked, uncompressed frames, which
 * it would have written the same way. A socket whose unsent buffer has passed the bound is not sent
 * to: it is closed with 4008 ("too slow") and terminated if the close cannot get through, so one
 * stalled phone never holds memory or delays the others.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { CLOSE_TOO_SLOW } from '../wire/live.ts';

export interface SpectatorSocket extends WebSocket {
  awaitingPong?: boolean;
  /** The live protocol the socket asked for at the upgrade (wire/live.ts); 1 when it did not. */
  liveProtocol?: number;
  /** The TCP stream the socket was upgraded on (upgrade.ts); without it, frames go through `ws`. */
  stream?: Duplex;
  /** A venue screen's socket (issue 15): in the room, but not one of its spectators. */
  isScreen?: boolean;
}

const sendOptions = { binary: false, compress: false, fin: true } as const;

/** A message as one final, unmasked WebSocket text frame (RFC 6455 §5.2), a server's form. */
export function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x81;
  if (head === 2) frame[1] = n;
  else if (head === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  payload.copy(frame, head);
  return frame;
}

/** The message inside a frame made by `textFrame`. */
function payloadOf(frame: Buffer): Buffer {
  const len = frame[1] & 0x7f;
  return frame.subarray(len === 126 ? 4 : len === 127 ? 10 : 2);
}

export class Room {
  readonly eventId: string;
  readonly sockets = new Set<SpectatorSocket>();
  /** Sockets speaking protocol 1 (they need results diffs in its form). */
  legacySockets = 0;
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

  add(ws: SpectatorSocket, protocol: number): void {
    if (this.sockets.has(ws)) return;
    ws.liveProtocol = protocol;
    this.sockets.add(ws);
    if (protocol < 2) this.legacySockets++;
    if (ws.isScreen) this.screens++;
  }

  /** Takes a socket out of the room; false when it was not in it (already cut off). */
  remove(ws: SpectatorSocket): boolean {
    if (!this.sockets.delete(ws)) return false;
    if ((ws.liveProtocol ?? 1) < 2) this.legacySockets--;
    if (ws.isScreen) this.screens--;
    return true;
  }

  /**
   * Sends one already-serialized message to every open socket; `legacy`, when given, goes to the
   * protocol 1 sockets instead. Each text is encoded and framed once here.
   */
  broadcast(payload: string, legacy?: string): void {
    const limit = this.maxBuffer();
    const frame = textFrame(payload);
    const old = legacy === undefined ? frame : textFrame(legacy);
    for (const ws of this.sockets) this.send(ws, (ws.liveProtocol ?? 1) < 2 ? old : frame, limit);
  }

  /** Sends one frame (`textFrame`) to one socket, unless it is closing or has fallen behind. */
  send(ws: SpectatorSocket, frame: Buffer, limit = this.maxBuffer()): void {
    if (ws.readyState !== 1) return;
    if (ws.bufferedAmount > limit) {
      this.cutOff(ws);
      return;
    }
    if (ws.stream) ws.stream.write(frame);
    else ws.send(payloadOf(frame), sendOptions);
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
