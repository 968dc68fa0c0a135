/**
 * A spectator WebSocket client for tests: collects every message, and lets a test wait for the
 * next one matching a predicate, or for the close.
 */
import WebSocket from 'ws';
import type { WsMessage } from '../../src-main/wire/live.ts';

export interface TestSocket {
  ws: WebSocket;
  messages: WsMessage[];
  next(pred?: (m: WsMessage) => boolean, timeoutMs?: number): Promise<WsMessage>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export function wsUrl(station: { url: string }, eventId: string): string {
  return `${station.url.replace('http', 'ws')}/api/v1/events/${encodeURIComponent(eventId)}/ws`;
}

export function connect(station: { url: string }, eventId: string, opts: WebSocket.ClientOptions = {}): Promise<TestSocket> {
  return connectUrl(wsUrl(station, eventId), opts);
}

/** The same client on any WebSocket address (a venue screen's control socket, a tagged event socket). */
export function connectUrl(url: string, opts: WebSocket.ClientOptions = {}): Promise<TestSocket> {
  const ws = new WebSocket(url, opts);
  const messages: WsMessage[] = [];
  const waiters: { pred: (m: WsMessage) => boolean; resolve: (m: WsMessage) => void; from: number }[] = [];
  let cursor = 0;
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as WsMessage;
    messages.push(msg);
    for (const w of [...waiters]) {
      if (w.pred(msg)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(msg);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  const socket: TestSocket = {
    ws,
    messages,
    closed,
    next(pred = () => true, timeoutMs = 5000) {
      // Messages that already arrived and were not yet consumed count first.
      for (; cursor < messages.length; cursor++) {
        if (pred(messages[cursor])) return Promise.resolve(messages[cursor++]);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages.slice(-3)).slice(0, 500)}`)),
          timeoutMs,
        );
        waiters.push({
          pred,
          from: cursor,
          resolve: (m) => {
            clearTimeout(timer);
            cursor = messages.length;
            resolve(m);
          },
        });
      });
    },
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () =>
        reject(Object.assign(new Error(`rejected ${res.statusCode}`), { status: res.statusCode, headers: res.headers, body: JSON.parse(body || 'null') })),
      );
    });
    ws.once('error', reject);
  });
}
