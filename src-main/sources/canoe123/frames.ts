/**
 * Cuts Canoe123's TCP byte stream into messages: each message is followed by `|` (no length
 * prefix, no newline; docs/CANOE123-FORMATS.md, "Framing"). A message cut across reads is
 * kept until its `|` arrives.
 *
 * It works on bytes, not text: `|` is one ASCII byte that never occurs inside a multi-byte UTF-8
 * character, so a Czech name split across two reads is decoded whole, once, when its message is
 * complete (a per-read `toString()` would corrupt it). The unfinished part is bounded: past
 * `maxBytes` without a `|` the stream is not Canoe123's, and the caller drops the connection
 * rather than buffering without end. It owns no socket and knows no message type.
 */

const PIPE = 0x7c;

export interface FrameProblem {
  kind: 'tooLarge' | 'notUtf8';
  bytes: number;
}

/** The messages a read completed, in order, and what stopped the stream if something did (the rest is dropped). */
export interface FramesPush {
  frames: string[];
  problem: FrameProblem | null;
}

export class FrameSplitter {
  private readonly maxBytes: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** Bytes of a message received so far without its `|`. */
  get buffered(): number {
    return this.pendingBytes;
  }

  /** Takes one read; returns the messages it completed (trimmed, empty ones skipped). */
  push(chunk: Buffer): FramesPush {
    const frames: string[] = [];
    let start = 0;
    for (let pipe = chunk.indexOf(PIPE); pipe !== -1; pipe = chunk.indexOf(PIPE, start)) {
      const part = chunk.subarray(start, pipe);
      const whole = this.pendingBytes === 0 ? part : Buffer.concat([...this.pending, part]);
      this.pending = [];
      this.pendingBytes = 0;
      start = pipe + 1;
      if (whole.length > this.maxBytes) return { frames, problem: { kind: 'tooLarge', bytes: whole.length } };
      let text: string;
      try {
        text = this.decoder.decode(whole);
      } catch {
        return { frames, problem: { kind: 'notUtf8', bytes: whole.length } };
      }
      const trimmed = text.trim();
      if (trimmed !== '') frames.push(trimmed);
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.pendingBytes += rest.length;
      if (this.pendingBytes > this.maxBytes) {
        const bytes = this.pendingBytes;
        this.reset();
        return { frames, problem: { kind: 'tooLarge', bytes } };
      }
      // Copied: the socket may reuse the chunk's memory.
      this.pending.push(Buffer.from(rest));
    }
    return { frames, problem: null };
  }

  /** Forgets an unfinished message (the connection it came on is gone). */
  reset(): number {
    const dropped = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    return dropped;
  }
}
