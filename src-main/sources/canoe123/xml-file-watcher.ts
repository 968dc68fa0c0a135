/**
 * Watches Canoe123's XML export on disk and imports it when it changes, with the station's one
 * importer (StationCore.ingestXml: the parse in a worker, then one decision, so an import is all
 * or nothing). Canoe123 rewrites the file continuously while racing, so:
 *
 * - changes are noticed by `fs.watch` where the platform has it and by a poll of the file's size
 *   and mtime every `pollMs` anyway (network shares and some editors defeat `fs.watch`);
 * - a burst of writes is one import: it waits `debounceMs` after the last change;
 * - a save identical to the last import (SHA-256 of the bytes) is skipped without parsing;
 * - a copy caught mid-write (the importer says the XML is cut off or malformed) is retried after
 *   `retryMs`, up to `retries` times, before it is reported; nothing of it is applied;
 * - a missing file is reported and watched for until it appears.
 *
 * It owns the file's watching and its hash; it never parses XML itself and never decides what an
 * import changes.
 */
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

export interface XmlWatchOptions {
  path: string;
  debounceMs: number;
  pollMs: number;
  retryMs: number;
  retries: number;
  /** Imports the text; resolves with what it changed, rejects with the importer's refusal. */
  importXml(xml: string): Promise<{ races: number; results: number; changedRows: number; structure: boolean }>;
  /** SHA-256 of the last import, from before a restart: the same file is not imported again. */
  lastSha256?: string | null;
  now(): number;
}

export type XmlWatchProblem = { code: 'xmlMissing'; detail: string | null } | { code: 'xmlUnreadable'; detail: string } | { code: 'xmlCutOff'; detail: string };

export interface XmlWatchEvents {
  imported: { sha256: string; at: number; summary: { races: number; results: number; changedRows: number; structure: boolean } };
  skipped: { sha256: string };
  problem: XmlWatchProblem | null;
  state: 'watching' | 'importing';
}

type Listener<K extends keyof XmlWatchEvents> = (value: XmlWatchEvents[K]) => void;

export class XmlFileWatcher {
  readonly path: string;
  private readonly options: XmlWatchOptions;
  private watcher: FSWatcher | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private debounceTimer: NodeJS.Timeout | null = null;
  private lastSignature = '';
  /** The size and mtime the poll last saw change. */
  private polledSignature = '';
  private lastSha256: string | null;
  private running: Promise<void> | null = null;
  private again = false;
  /** The bytes that failed to import, how often, and whether they were given up on. */
  private failingSha256: string | null = null;
  private failedTries = 0;
  private gaveUp = false;
  private stopped = true;
  private readonly listeners: { [K in keyof XmlWatchEvents]?: Listener<K>[] } = {};

  constructor(options: XmlWatchOptions) {
    this.options = options;
    this.path = options.path;
    this.lastSha256 = options.lastSha256 ?? null;
  }

  on<K extends keyof XmlWatchEvents>(event: K, listener: Listener<K>): this {
    (this.listeners[event] ??= [] as never[]).push(listener as never);
    return this;
  }

  private emit<K extends keyof XmlWatchEvents>(event: K, value: XmlWatchEvents[K]): void {
    for (const l of (this.listeners[event] ?? []) as Listener<K>[]) l(value);
  }

  /** Starts watching and looks at the file at once. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attachWatch();
    this.pollTimer = setInterval(() => void this.poll(), this.options.pollMs);
    this.pollTimer.unref();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.watcher?.close();
    this.watcher = null;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.pollTimer = this.debounceTimer = null;
    await this.running;
  }

  /** Reads the file now (the dashboard's "import now", and after an XML-less start). */
  checkNow(): Promise<void> {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = null;
    return this.run();
  }

  private attachWatch(): void {
    try {
      // The folder, not the file: Canoe123 may replace the file (write + rename), which ends a file watch.
      const name = basename(this.path);
      this.watcher = watch(dirname(this.path), { persistent: false }, (_event, file) => {
        if (file === null || file === name) this.schedule(this.options.debounceMs);
      });
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = null; // the poll carries on
      });
    } catch {
      this.watcher = null; // no folder yet, or no fs.watch here: the poll notices changes
    }
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    if (!this.watcher) this.attachWatch();
    try {
      const s = await stat(this.path);
      const signature = `${s.size}|${s.mtimeMs}`;
      // A change already waiting for its debounce is not pushed back by seeing it again.
      if (signature !== this.lastSignature && signature !== this.polledSignature) {
        this.polledSignature = signature;
        this.schedule(this.options.debounceMs);
      }
    } catch {
      if (this.lastSignature !== 'missing') this.schedule(0);
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      void this.run();
    }, delayMs);
  }

  /** One look at a time; a change noticed meanwhile is looked at right after. */
  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.look().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.schedule(this.options.debounceMs);
      }
    });
    return this.running;
  }

  private async look(): Promise<void> {
    let bytes: Buffer;
    try {
      const s = await stat(this.path);
      this.lastSignature = `${s.size}|${s.mtimeMs}`;
      bytes = await readFile(this.path);
    } catch (err) {
      this.lastSignature = 'missing';
      const code = (err as NodeJS.ErrnoException).code;
      this.emit('problem', code === 'ENOENT' ? { code: 'xmlMissing', detail: null } : { code: 'xmlUnreadable', detail: (err as Error).message });
      return;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 === this.lastSha256) {
      this.emit('skipped', { sha256 });
      this.emit('problem', null);
      return;
    }
    // The same bytes were already given up on: wait for Canoe123 to write something else.
    if (sha256 === this.failingSha256 && this.gaveUp) return;
    this.emit('state', 'importing');
    try {
      const summary = await this.options.importXml(bytes.toString('utf8'));
      this.lastSha256 = sha256;
      this.failingSha256 = null;
      this.emit('imported', { sha256, at: this.options.now(), summary });
      this.emit('problem', null);
    } catch (err) {
      const message = (err as Error).message;
      if (sha256 !== this.failingSha256) {
        this.failingSha256 = sha256;
        this.failedTries = 0;
        this.gaveUp = false;
      }
      // A copy taken mid-write reads as cut off or malformed: Canoe123 is still writing. Try again.
      if (this.failedTries < this.options.retries && !this.stopped) {
        this.failedTries++;
        this.emit('problem', { code: 'xmlCutOff', detail: message });
        if (this.debounceTimer) clearTimeout(this.debounceTimer);
        this.debounceTimer = setTimeout(() => {
          this.debounceTimer = null;
          void this.run();
        }, this.options.retryMs);
      } else {
        this.gaveUp = true;
        this.emit('problem', { code: 'xmlUnreadable', detail: message });
      }
    } finally {
      this.emit('state', 'watching');
    }
  }
}
