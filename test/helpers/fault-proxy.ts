/**
 * A fault-injecting HTTP proxy on loopback, between a station's uplink and its target: each
 * request is passed on, or hit by a fault the test chooses, like a venue's 4G on a bad day.
 *
 * - `pass`: forwarded; the answer comes back.
 * - `drop`: the request is read, then the connection is closed without an answer.
 * - `loseAnswer`: forwarded (the target applies it), but the answer is lost: the connection
 *   closes. The sender must send it again, and the target must not count it twice.
 * - `error500`, `error400`, `error413`: answered by the proxy with that status, not forwarded.
 * - `rate429`: 429 with `Retry-After: <retryAfterS>`, not forwarded.
 * - `reset`: the connection is reset (TCP RST) once the request has arrived.
 * - `stall`: forwarded; the answer is held for `stallMs` (10 s by default), then sent.
 * - `blackhole` (while `blackhole(true)`): nothing comes back; requests are held. When the
 *   blackhole ends, held requests whose client still waits go through, as TCP retransmissions do
 *   when a link recovers.
 *
 * What decides the fault: `setMode(mode)` for every request, `next(...modes)` for the next few,
 * or `chaos(weights, random)` for a seeded random mix; requests whose path matches `spare` always
 * pass (outside a blackhole). Every request is logged (time, method,
 * path, body bytes, fault) so a test can check what went over the wire.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'pass' | 'drop' | 'loseAnswer' | 'error500' | 'error400' | 'error413' | 'rate429' | 'reset' | 'stall';

export interface ProxyRecord {
  at: number;
  method: string;
  path: string;
  bytes: number;
  fault: Fault | 'blackhole';
  /** Status the client got, or null when it got none. */
  status: number | null;
}

export interface FaultProxy {
  url: string;
  log: ProxyRecord[];
  setMode(mode: Fault): void;
  /** Faults for the next requests, in order; then back to the mode. */
  next(...faults: Fault[]): void;
  /** A seeded random mix: each request gets a fault with these weights (the rest pass). */
  chaos(weights: Partial<Record<Fault, number>> | null, random?: () => number): void;
  blackhole(on: boolean): void;
  retryAfterS: number;
  stallMs: number;
  spare: RegExp | null;
  /** Body bytes forwarded to the target (what reached it). */
  forwardedBytes(): number;
  close(): Promise<void>;
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  let mode: Fault = 'pass';
  const queue: Fault[] = [];
  let weights: Partial<Record<Fault, number>> | null = null;
  let random = Math.random;
  let holeOpen = false;
  const held: { req: IncomingMessage; res: ServerResponse; body: Buffer; record: ProxyRecord }[] = [];
  const log: ProxyRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let forwarded = 0;

  const pick = (): Fault => {
    if (queue.length) return queue.shift()!;
    if (weights) {
      let r = random();
      for (const [fault, w] of Object.entries(weights) as [Fault, number][]) {
        if (r < w) return fault;
        r -= w;
      }
      return 'pass';
    }
    return mode;
  };

  const answer = (res: ServerResponse, record: ProxyRecord, status: number, body: unknown, headers: Record<string, string> = {}) => {
    record.status = status;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const forward = (
    req: IncomingMessage,
    body: Buffer,
    onAnswer: (status: number, headers: Record<string, string | string[] | undefined>, payload: Buffer) => void,
    onError: () => void,
  ) => {
    forwarded += body.length;
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host, 'content-length': String(body.length) },
      },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => onAnswer(up.statusCode ?? 502, up.headers, Buffer.concat(chunks)));
        up.on('error', onError);
      },
    );
    upstream.on('error', onError);
    upstream.end(body);
  };

  const relay = (req: IncomingMessage, res: ServerResponse, body: Buffer, record: ProxyRecord, delayMs = 0) => {
    forward(
      req,
      body,
      (status, headers, payload) => {
        const send = () => {
          if (res.destroyed) return;
          record.status = status;
          const { 'transfer-encoding': _t, connection: _c, 'keep-alive': _k, ...rest } = headers;
          res.writeHead(status, { ...rest, 'content-length': String(payload.length) } as Record<string, string>);
          res.end(payload);
        };
        if (delayMs > 0) {
          const t = setTimeout(() => {
            timers.delete(t);
            send();
          }, delayMs);
          timers.add(t);
        } else send();
      },
      () => res.destroy(),
    );
  };

  const proxy: FaultProxy = {
    url: '',
    log,
    retryAfterS: 1,
    stallMs: 10_000,
    spare: null,
    setMode(m) {
      mode = m;
      weights = null;
    },
    next(...faults) {
      queue.push(...faults);
    },
    chaos(w, r = Math.random) {
      weights = w;
      random = r;
    },
    blackhole(on) {
      holeOpen = on;
      if (on) return;
      for (const h of held.splice(0)) {
        if (h.req.socket.destroyed) continue;
        h.record.fault = 'blackhole';
        relay(h.req, h.res, h.body, h.record);
      }
    },
    forwardedBytes: () => forwarded,
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const h of held.splice(0)) h.req.socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const record: ProxyRecord = { at: Date.now(), method: req.method ?? '', path: req.url ?? '', bytes: body.length, fault: 'pass', status: null };
      log.push(record);
      if (holeOpen) {
        record.fault = 'blackhole';
        held.push({ req, res, body, record });
        return;
      }
      const fault = proxy.spare?.test(req.url ?? '') ? 'pass' : pick();
      record.fault = fault;
      switch (fault) {
        case 'pass':
          return relay(req, res, body, record);
        case 'stall':
          return relay(req, res, body, record, proxy.stallMs);
        case 'drop':
          return void req.socket.destroy();
        case 'reset':
          return void req.socket.resetAndDestroy();
        case 'loseAnswer':
          return forward(
            req,
            body,
            () => req.socket.destroy(),
            () => req.socket.destroy(),
          );
        case 'error500':
          return answer(res, record, 500, { error: 'Internal error', message: 'An unexpected error occurred' });
        case 'error400':
          return answer(res, record, 400, { error: 'InvalidRequest', message: 'Injected by the fault proxy' });
        case 'error413':
          return answer(res, record, 413, { error: 'PayloadTooLarge', message: 'The request body is too large' });
        case 'rate429':
          return answer(res, record, 429, { error: 'TooManyRequests', message: 'Slow down' }, { 'retry-after': String(proxy.retryAfterS) });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
