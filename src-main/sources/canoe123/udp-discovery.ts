/**
 * Finds Canoe123 on the network: it broadcasts its messages on UDP 27333 (large ones fragmented;
 * docs/CANOE123-FORMATS.md, "Framing"), so the sender of a datagram that looks like
 * Canoe123's is the PC to connect to over TCP. Only the address is taken: the datagrams' content
 * is never applied (the TCP stream carries the same, whole and in order).
 *
 * One socket for the whole station, bound with `reuseAddr` so c123-server or a scoreboard on the
 * same PC can listen too. It owns the socket and the list of hosts heard; nothing else.
 */
import { createSocket, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';

export interface DiscoveryEvents {
  heard: [host: string];
  error: [message: string];
}

export class UdpDiscovery extends EventEmitter<DiscoveryEvents> {
  private readonly port: number;
  private readonly now: () => number;
  private socket: Socket | null = null;
  private readonly hosts = new Map<string, number>();
  private listening = false;
  private lastError: string | null = null;

  constructor(port: number, now: () => number) {
    super();
    this.port = port;
    this.now = now;
  }

  /** Starts listening if it is not already; a port that cannot be bound is reported, not thrown. */
  start(): void {
    if (this.socket) return;
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    this.socket = socket;
    socket.on('message', (msg, rinfo) => {
      // A fragment of a large message may not hold the root tag: any Canoe123 element will do.
      const head = msg.subarray(0, 4096).toString('latin1');
      if (!/<(Canoe123|OnCourse|Results|TimeOfDay|Schedule|RaceConfig|Participant|Row)\b/.test(head)) return;
      const first = !this.hosts.has(rinfo.address);
      this.hosts.set(rinfo.address, this.now());
      if (first) this.emit('heard', rinfo.address);
    });
    socket.on('error', (err) => {
      this.lastError = err.message;
      this.emit('error', err.message);
      this.stop();
    });
    socket.bind(this.port, () => {
      this.listening = true;
      this.lastError = null;
    });
  }

  stop(): void {
    const s = this.socket;
    this.socket = null;
    this.listening = false;
    if (s) {
      try {
        s.close();
      } catch {
        // already closed
      }
    }
  }

  get isListening(): boolean {
    return this.listening;
  }

  get error(): string | null {
    return this.lastError;
  }

  /** Hosts heard, the most recent first. */
  heard(): { host: string; at: number }[] {
    return [...this.hosts].map(([host, at]) => ({ host, at })).sort((a, b) => b.at - a.at);
  }
}
