/**
 * Spectator phones for the relay tests: WebSocket clients that keep every message as the bytes
 * they received, reconnect like the spectator app (its own first-retry delay, backoffDelay) to
 * where a load balancer would send them, and a check of the live contract's promise: a message
 * that does not continue the previous one (another boot id, or a seq other than the last + 1) is
 * a fresh `full` or a `refresh`.
 */
import WebSocket from 'ws';
import { backoffDelay } from '../../src-renderer/shared/live-socket.ts';
import { wsUrl } from './ws-client.ts';

export interface Received {
  raw: string;
  type: string;
  seq: number;
  bootId: string;
  at: number;
}

export class Phone {
  readonly received: Received[] = [];
  /** Where the phone reconnects after its socket closes (null: it stays closed). */
  reconnectTo: { url: string } | null = null;
  closes: number[] = [];
  private ws: WebSocket | null = null;
  private readonly eventId: string;
  /** The live protocol the phone asks for (wire/live.ts): 2 as the spectator app does, or 1 (an older app). */
  readonly protocol: number;

  constructor(eventId: string, protocol = 2) {
    this.eventId = eventId;
    this.protocol = protocol;
  }

  /** Connects and resolves on the first message (the `full`). */
  connect(server: { url: string }): Promise<void> {
    const ws = new WebSocket(`${wsUrl(server, this.eventId)}?v=${this.protocol}`, { perMessageDeflate: false });
    this.ws = ws;
    return new Promise((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const raw = data.toString();
        const m = JSON.parse(raw) as { type: string; seq: number; bootId: string };
        this.received.push({ raw, type: m.type, seq: m.seq, bootId: m.bootId, at: performance.now() });
        resolve();
      });
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
      ws.on('error', (err) => reject(err));
      ws.once('close', (code) => {
        this.closes.push(code);
        reject(new Error(`closed ${code}`));
        const to = this.reconnectTo;
        if (to && this.ws === ws) setTimeout(() => void this.connect(to).catch(() => {}), backoffDelay(0, Math.random()));
      });
    });
  }

  get last(): Received | undefined {
    return this.received.at(-1);
  }

  close(): void {
    this.reconnectTo = null;
    this.ws?.close();
  }

  terminate(): void {
    this.reconnectTo = null;
    this.ws?.terminate();
  }
}

/** Messages that break the sequence without being a `full` or a `refresh`. */
export function unannouncedGaps(received: readonly Received[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < received.length; i++) {
    const prev = received[i - 1];
    const m = received[i];
    const continues = m.bootId === prev.bootId && m.seq === prev.seq + 1;
    if (!continues && m.type !== 'full' && m.type !== 'refresh') out.push(`${prev.bootId}/${prev.seq} → ${m.bootId}/${m.seq} (${m.type})`);
  }
  return out;
}

/** Waits until `check` holds, polling; throws with `what` after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
