/**
 * The station's own log, so that when something fails it leaves a trace: pino (Fastify's logger)
 * at `info` into `raceside.log` in the data folder, size-capped and rotated (`raceside.log` →
 * `.1` → … → `.N`, the oldest dropped), and — in the headless station — `warn` and above also on
 * stderr, one readable line each. Lines are written synchronously, so what was logged before a
 * crash is in the file.
 *
 * Secrets never reach it: nothing logs headers or request bodies, and in case something ever
 * does, the headers and body fields that carry the admin secret, ingest keys and the officials PIN
 * are redacted by path. A log write that fails (disk full) drops the line; it never fails the
 * station.
 */
import { chmodSync, closeSync, existsSync, fstatSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';

export const LOG_FILE = 'raceside.log';

export interface StationLogOptions {
  dataDir: string;
  /** A file grows to about this size before it is rotated. */
  maxBytes: number;
  /** Rotated files kept beside the current one. */
  keep: number;
  /** `warn` and above also on stderr (the headless station). */
  stderr: boolean;
}

export interface StationLog {
  logger: Logger;
  /** From now on the file only: for a failure the caller reports on stderr itself. */
  muteStderr(): void;
  close(): void;
}

const SECRET_HEADERS = ['authorization', 'x-api-key', 'x-master-key', 'x-officials-pin', 'cookie'];
const SECRET_FIELDS = ['apiKey', 'adminSecret', 'officialsPin', 'pin', 'secret', 'token', 'masterKey', 'password'];
export const redactedPaths = [
  ...SECRET_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `headers["${h}"]`]),
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `req.body.${f}`]),
];

export function openStationLog(opts: StationLogOptions): StationLog {
  const file = new RotatingFile(join(opts.dataDir, LOG_FILE), opts.maxBytes, opts.keep);
  let toStderr = opts.stderr;
  const streams: { level: 'info' | 'warn'; stream: { write(line: string): void } }[] = [{ level: 'info', stream: file }];
  if (opts.stderr) streams.push({ level: 'warn', stream: { write: (line) => toStderr && process.stderr.write(readable(line)) } });
  const logger = pino({ level: 'info', redact: { paths: redactedPaths, censor: '[redacted]' } }, pino.multistream(streams));
  return {
    logger,
    muteStderr: () => (toStderr = false),
    close: () => file.close(),
  };
}

const LABELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };

/** One JSON log line as `raceside: warning: <message> (<error>)`. */
function readable(line: string): string {
  try {
    const entry = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
    const cause = entry.err?.message && entry.err.message !== entry.msg ? ` (${entry.err.message})` : '';
    return `raceside: ${LABELS[entry.level] ?? 'log'}: ${entry.msg ?? ''}${cause}\n`;
  } catch {
    return line;
  }
}

/** An append-only file that moves aside to `<name>.1` when the next line would pass `maxBytes`. */
class RotatingFile {
  private fd: number | null = null;
  private size = 0;
  private readonly path: string;
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(path: string, maxBytes: number, keep: number) {
    this.path = path;
    this.maxBytes = maxBytes;
    this.keep = keep;
    this.open();
  }

  write(line: string): void {
    const bytes = Buffer.from(line);
    try {
      if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate();
      if (this.fd === null) return;
      writeSync(this.fd, bytes);
      this.size += bytes.length;
    } catch {
      // The log must never make the station fail.
    }
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private open(): void {
    this.fd = openSync(this.path, 'a', 0o600);
    if (process.platform !== 'win32') chmodSync(this.path, 0o600);
    this.size = fstatSync(this.fd).size;
  }

  private rotate(): void {
    this.close();
    for (let i = this.keep - 1; i >= 1; i--) {
      if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    }
    if (this.keep > 0) renameSync(this.path, `${this.path}.1`);
    else closeSync(openSync(this.path, 'w'));
    this.open();
  }
}
