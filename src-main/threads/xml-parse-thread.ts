/**
 * Runs the Canoe123 XML parser in a worker thread. The parse of a real export takes ~20 ms; on the
 * main thread that would hold back every WebSocket diff and ingest answer for as long. One worker,
 * started on first use and kept (unref'd); a crashed worker fails its pending parses with a clear
 * message and is replaced on the next import.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { XmlParseResult } from '../domain/canoe123/xml-export.ts';
import { outsideArchive } from '../asar-paths.ts';

// Run as TypeScript from sources, as JavaScript once compiled; in the packaged app from the plain
// copy beside app.asar (asar-paths.ts).
const workerFile = outsideArchive(
  fileURLToPath(new URL(`./xml-parse-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url)),
  'parse-worker',
);

export class XmlParseThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (r: XmlParseResult) => void>();

  parse(xml: string): Promise<XmlParseResult> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, xml });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private start(): Worker {
    const worker = new Worker(workerFile);
    worker.unref();
    worker.on('message', ({ id, result }: { id: number; result: XmlParseResult }) => {
      const resolve = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
      resolve?.(result);
    });
    const fail = (why: string) => {
      if (this.worker === worker) this.worker = null;
      for (const resolve of this.pending.values()) resolve({ ok: false, message: `The XML could not be read: ${why}` });
      this.pending.clear();
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => code !== 0 && fail(`the parser stopped (exit ${code})`));
    this.worker = worker;
    return worker;
  }
}
