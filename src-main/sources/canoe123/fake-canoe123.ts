/**
 * A stand-in for Canoe123's TCP server (port 27333 on the timing PC): it accepts connections and
 * streams messages to every connected client, each followed by `|`, exactly as Canoe123 does. The
 * replay source plays a recording through it into the station's real TCP client, so a replay
 * exercises the whole path (framing, reconnects, readers, decisions), not a shortcut; tests and
 * the benchmark also send it single messages and raw bytes.
 *
 * A recording plays on one timeline from `play()`, like a live Canoe123: a client connecting late
 * gets what is sent from then on. It owns its sockets and timers; it never touches the station.
 */
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { RecordedMessage } from './recording.ts';

export interface PlayProgress {
  sent: number;
  total: number;
  finished: boolean;
}

export class FakeCanoe123 {
  private readonly server: Server;
  private readonly clients = new Set<Socket>();
  private timer: NodeJS.Timeout | null = null;
  private messages: RecordedMessage[] = [];
  private next = 0;
  private startedAt = 0;
  private speed = 1;
  private onDone: (() => void) | null = null;
  /** Messages written while at least one client was connected. */
  delivered = 0;
  finished = false;

  constructor() {
    this.server = createServer((socket) => {
      socket.setNoDelay(true);
      this.clients.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => this.clients.delete(socket));
      // A client never sends Canoe123 anything this stand-in must answer.
      socket.resume();
    });
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number }> {
    this.server.listen(port, host);
    await once(this.server, 'listening');
    const address = this.server.address();
    return { host, port: typeof address === 'object' && address ? address.port : port };
  }

  get connections(): number {
    return this.clients.size;
  }

  /** Resolves when a client is connected. */
  async waitForClient(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.clients.size === 0) {
      if (Date.now() > until) throw new Error('No client connected to the fake Canoe123');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Sends one message (its `|` added) to every client. */
  send(message: string): void {
    this.sendRaw(`${message}|`);
  }

  /** Sends bytes as they are (tests: garbage, fragments, no delimiter). */
  sendRaw(bytes: string | Buffer): void {
    if (this.clients.size > 0) this.delivered++;
    for (const c of this.clients) c.write(bytes);
  }

  /** Resets every client's connection (RST), as a crashing Canoe123 PC would. */
  resetClients(): void {
    for (const c of this.clients) c.resetAndDestroy();
  }

  /** Plays recorded messages at their timestamps divided by `speed`; `done` runs after the last. */
  play(messages: RecordedMessage[], speed: number, done?: () => void): void {
    this.stopPlaying();
    this.messages = messages;
    this.next = 0;
    this.speed = speed;
    this.finished = false;
    this.onDone = done ?? null;
    this.startedAt = performance.now();
    this.tick();
  }

  progress(): PlayProgress {
    return { sent: this.next, total: this.messages.length, finished: this.finished };
  }

  stopPlaying(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async close(): Promise<void> {
    this.stopPlaying();
    for (const c of this.clients) c.destroy();
    this.server.close();
    if (this.server.listening) await once(this.server, 'close').catch(() => {});
  }

  /** Sends everything due, then sleeps until the next message is. */
  private tick(): void {
    this.timer = null;
    const elapsed = (performance.now() - this.startedAt) * this.speed;
    const batch: string[] = [];
    while (this.next < this.messages.length && this.messages[this.next].ts <= elapsed) {
      batch.push(`${this.messages[this.next].data}|`);
      this.next++;
    }
    if (batch.length > 0) {
      if (this.clients.size > 0) this.delivered += batch.length;
      const bytes = batch.join('');
      for (const c of this.clients) c.write(bytes);
    }
    if (this.next >= this.messages.length) {
      this.finished = true;
      const done = this.onDone;
      this.onDone = null;
      done?.();
      return;
    }
    const wait = (this.messages[this.next].ts - elapsed) / this.speed;
    this.timer = setTimeout(() => this.tick(), Math.max(0, wait));
  }
}
