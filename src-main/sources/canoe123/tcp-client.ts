/**
 * The TCP client to Canoe123 (port 27333; docs/CANOE123-FORMATS.md): connects,
 * cuts the stream into messages (frames.ts), reads each with the domain's reader
 * (domain/canoe123/tcp-message.ts) and hands the readable ones on, in order, one at a time.
 *
 * It owns the connection and nothing else: it never decides what a message means for an event
 * (direct-source.ts does). What it guarantees:
 * - a message is handed on only when complete and readable, so nothing is ever half-applied;
 * - anything that is not Canoe123's stream (bytes that are not a message, a fragment past
 *   `maxMessageBytes` without a `|`, invalid UTF-8) drops the connection, and it reconnects;
 * - a connection that goes quiet (no `TimeOfDay`, which Canoe123 sends every second, for
 *   `silentAfterMs`) is dead even if TCP has not noticed, and is dropped;
 * - reconnects back off: `initialDelayMs` doubling up to `maxDelayMs`, each ±20 % jitter; the
 *   delay starts over once a connection has delivered a readable message (a server that accepts
 *   and drops at once does not get a reconnect a second);
 * - every failure is one `problem` event with a code the dashboard says as a sentence.
 */
import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';
import { readTcpMessage, type TcpMessage } from '../../domain/canoe123/tcp-message.ts';
import { FrameSplitter } from './frames.ts';
import type { SourceProblemCode } from '../../wire/sources.ts';

export interface Canoe123ClientOptions {
  host: string;
  port: number;
  initialDelayMs: number;
  maxDelayMs: number;
  silentAfterMs: number;
  connectTimeoutMs: number;
  maxMessageBytes: number;
  /** For the jitter; tests pass a fixed one. */
  random?: () => number;
}

export type ClientState = 'connecting' | 'connected' | 'waiting' | 'stopped';

export interface ClientProblem {
  code: SourceProblemCode;
  /** What exactly: an error code, the reader's sentence, a byte count. */
  detail: string | null;
}

export interface Canoe123ClientEvents {
  state: [state: ClientState];
  /** One readable message (usually one element) with its size in bytes. */
  message: [messages: TcpMessage[], bytes: number];
  problem: [problem: ClientProblem];
  /** The next attempt is in `delayMs`. */
  retry: [delayMs: number];
}

export class Canoe123Client extends EventEmitter<Canoe123ClientEvents> {
  readonly options: Canoe123ClientOptions;
  private socket: Socket | null = null;
  private frames: FrameSplitter;
  private retryTimer: NodeJS.Timeout | null = null;
  private silenceTimer: NodeJS.Timeout | null = null;
  private connectTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private _state: ClientState = 'stopped';
  /** Attempts after the first (the dashboard's "reconnects"). */
  reconnects = 0;
  private attempts = 0;
  private delivered = false;

  constructor(options: Canoe123ClientOptions) {
    super();
    this.options = options;
    this.frames = new FrameSplitter(options.maxMessageBytes);
  }

  get state(): ClientState {
    return this._state;
  }

  get address(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  start(): void {
    if (this._state !== 'stopped') return;
    this.connect();
  }

  stop(): void {
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    s?.destroy();
    this.frames.reset();
    this.setState('stopped');
  }

  private connect(): void {
    this.retryTimer = null;
    if (this.attempts++ > 0) this.reconnects++;
    this.delivered = false;
    this.frames.reset();
    this.setState('connecting');
    const socket = new Socket();
    this.socket = socket;
    socket.setNoDelay(true);
    this.connectTimer = setTimeout(
      () => this.drop(socket, { code: 'unreachable', detail: `no answer in ${this.options.connectTimeoutMs} ms` }),
      this.options.connectTimeoutMs,
    );
    socket.once('connect', () => {
      if (this.socket !== socket) return;
      this.clearTimer('connectTimer');
      this.setState('connected');
      this.armSilence(socket);
    });
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => this.drop(socket, problemOf(err, this.frames.buffered)));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      const dropped = this.frames.buffered;
      this.drop(socket, dropped > 0 ? { code: 'reset', detail: `${dropped} bytes of an unfinished message dropped` } : { code: 'closed', detail: null });
    });
    socket.connect(this.options.port, this.options.host);
  }

  private onData(socket: Socket, chunk: Buffer): void {
    if (this.socket !== socket) return;
    const { frames, problem } = this.frames.push(chunk);
    for (const text of frames) {
      if (this.socket !== socket) return;
      const read = readTcpMessage(text);
      if (!read.ok) {
        this.drop(socket, { code: 'garbage', detail: read.message });
        return;
      }
      if (!this.delivered) {
        this.delivered = true;
        this.failures = 0;
      }
      if (read.messages.some((m) => m.type === 'TimeOfDay')) this.armSilence(socket);
      this.emit('message', read.messages, Buffer.byteLength(text));
    }
    if (problem && this.socket === socket) {
      this.drop(
        socket,
        problem.kind === 'tooLarge'
          ? { code: 'tooLarge', detail: `${problem.bytes} bytes without a "|"` }
          : { code: 'garbage', detail: 'the bytes are not UTF-8 text' },
      );
    }
  }

  /** No TimeOfDay for `silentAfterMs` from now: the connection is dead. */
  private armSilence(socket: Socket): void {
    if (this.silenceTimer) {
      this.silenceTimer.refresh();
      return;
    }
    this.silenceTimer = setTimeout(() => {
      this.silenceTimer = null;
      this.drop(socket, { code: 'silent', detail: String(this.options.silentAfterMs / 1000) });
    }, this.options.silentAfterMs);
  }

  /** Ends this connection (once), reports why, and schedules the next attempt. */
  private drop(socket: Socket, problem: ClientProblem): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.clearTimers();
    socket.destroy();
    this.frames.reset();
    this.emit('problem', problem);
    if (this._state === 'stopped') return;
    const delay = this.nextDelay();
    this.setState('waiting');
    this.emit('retry', delay);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private nextDelay(): number {
    const { initialDelayMs, maxDelayMs } = this.options;
    const base = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    const jitter = 0.8 + 0.4 * (this.options.random ?? Math.random)();
    return Math.round(Math.min(maxDelayMs, base * jitter));
  }

  private setState(state: ClientState): void {
    if (this._state === state) return;
    this._state = state;
    this.emit('state', state);
  }

  private clearTimer(name: 'retryTimer' | 'silenceTimer' | 'connectTimer'): void {
    const t = this[name];
    if (t) clearTimeout(t);
    this[name] = null;
  }

  private clearTimers(): void {
    this.clearTimer('retryTimer');
    this.clearTimer('silenceTimer');
    this.clearTimer('connectTimer');
  }
}

/** A socket error as the dashboard explains it. */
function problemOf(err: NodeJS.ErrnoException, buffered: number): ClientProblem {
  switch (err.code) {
    case 'ECONNREFUSED':
      return { code: 'refused', detail: err.code };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
    case 'EHOSTDOWN':
      return { code: 'unreachable', detail: err.code };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { code: 'unknownHost', detail: err.code };
    case 'ECONNRESET':
    case 'EPIPE':
      return { code: 'reset', detail: buffered > 0 ? `${buffered} bytes of an unfinished message dropped` : err.code };
    default:
      return { code: 'failed', detail: err.code ?? err.message };
  }
}
