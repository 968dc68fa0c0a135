/**
 * Reads a network recording of a Canoe123 timing network (the c123-scoreboard format described in
 * test/fixtures/real/SOURCES.md): JSON lines, the first `{"_meta": …}`, then
 * `{"ts": ms since start, "src": "tcp" | "udp27333" | "udp10600" | "ws", "type", "data"}`. Only the
 * `tcp` lines are Canoe123's TCP stream; each `data` is one message without its `|`.
 *
 * Owns the format; refuses a file that is not one with a sentence naming the line.
 */

export interface RecordedMessage {
  /** ms since the recording started. */
  ts: number;
  /** One Canoe123 message, without its `|`. */
  data: string;
}

export type RecordingRead = { ok: true; messages: RecordedMessage[]; durationMs: number } | { ok: false; message: string };

export function readRecording(text: string): RecordingRead {
  const lines = text.split('\n');
  const messages: RecordedMessage[] = [];
  let sawMeta = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      return { ok: false, message: `This is not a Canoe123 recording: line ${i + 1} is not JSON` };
    }
    if (!entry || typeof entry !== 'object') return { ok: false, message: `This is not a Canoe123 recording: line ${i + 1} is not a JSON object` };
    const e = entry as Record<string, unknown>;
    if ('_meta' in e) {
      sawMeta = true;
      continue;
    }
    if (e.src !== 'tcp') continue;
    if (typeof e.ts !== 'number' || typeof e.data !== 'string') {
      return { ok: false, message: `This is not a Canoe123 recording: line ${i + 1} has no "ts" number and "data" text` };
    }
    messages.push({ ts: e.ts, data: e.data });
  }
  if (!sawMeta && messages.length === 0) return { ok: false, message: 'This is not a Canoe123 recording: no "_meta" line and no TCP messages' };
  if (messages.length === 0) return { ok: false, message: 'The recording holds no Canoe123 TCP messages (no "src": "tcp" lines)' };
  messages.sort((a, b) => a.ts - b.ts);
  return { ok: true, messages, durationMs: messages[messages.length - 1].ts };
}
