/**
 * c123-live-mini's ingest contract as a small HTTP server on loopback, for the uplink's
 * compatibility test. It is not c123-live-mini (which cannot be installed here: its SQLite driver
 * is a native module built from GitHub); it enforces what c123-live-mini v0.13.0 does
 * (OpenCanoeTiming/c123-live-mini, packages/server/src/routes/ingest.ts and its lifecycle table)
 * where Raceside is more lenient:
 *
 * - status: one valid step at a time (jumps and same-state requests are 400 InvalidTransition
 *   with `currentStatus`), with the event's ingest key; a key of another event is 401;
 * - ingest by state (403 `Data type '…' not accepted in '<state>' state`), results and on-course
 *   `ignored: true` before the first XML, the XML answer without Raceside's `changed`;
 * - the key's validity window: `expire()` makes every keyed request 401 `Key expired on …`.
 *
 * It records every request body, so a test can check what the uplink sent.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Status = 'draft' | 'startlist' | 'running' | 'finished' | 'official';
const transitions: Record<Status, Status[]> = {
  draft: ['startlist'],
  startlist: ['running', 'draft'],
  running: ['finished'],
  finished: ['official', 'running'],
  official: [],
};
const allowed: Record<Status, string[]> = {
  draft: ['xml'],
  startlist: ['xml'],
  running: ['xml', 'json_oncourse', 'json_results'],
  finished: ['xml', 'json_results'],
  official: [],
};

export interface LiveMiniRequest {
  method: string;
  path: string;
  body: any;
  status: number;
  answer: any;
}

export interface LiveMiniContract {
  url: string;
  eventId: string;
  apiKey: string;
  status: Status;
  hasXml: boolean;
  requests: LiveMiniRequest[];
  expire(): void;
  close(): Promise<void>;
}

export async function startLiveMiniContract(eventId: string): Promise<LiveMiniContract> {
  const state: LiveMiniContract = {
    url: '',
    eventId,
    apiKey: 'a'.repeat(64),
    status: 'draft',
    hasXml: false,
    requests: [],
    expire: () => void (expired = true),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  let expired = false;

  const handle = (method: string, path: string, key: string | undefined, body: any): [number, unknown] => {
    if (method === 'GET' && path === '/health') return [200, { status: 'ok' }];
    const publicEvent = path === `/api/v1/events/${eventId}`;
    if (method === 'GET' && publicEvent) {
      return state.status === 'draft'
        ? [404, { error: 'NotFound', message: 'Event not found' }]
        : [200, { event: { eventId, status: state.status }, classes: [], races: [] }];
    }
    if (!key) return [401, { error: 'Unauthorized', message: 'Missing or invalid X-API-Key header' }];
    if (key !== state.apiKey) return [401, { error: 'Unauthorized', message: 'Invalid API key' }];
    if (expired) return [401, { error: 'Unauthorized', message: 'Key expired on 2026-03-13T00:00:00.000Z' }];
    const statusRoute = /^\/api\/v1\/admin\/events\/([^/]+)\/status$/.exec(path);
    if (method === 'PATCH' && statusRoute) {
      if (decodeURIComponent(statusRoute[1]) !== eventId) return [401, { error: 'Unauthorized', message: 'API key does not match event' }];
      const to = body?.status as Status;
      const from = state.status;
      if (!transitions[from].includes(to)) {
        return [
          400,
          {
            error: 'InvalidTransition',
            message: `Cannot transition from '${from}' to '${to}'. Valid transitions: ${transitions[from].join(', ') || 'none'}`,
            currentStatus: from,
            requestedStatus: to,
            validTransitions: transitions[from],
          },
        ];
      }
      state.status = to;
      return [200, { eventId, previousStatus: from, status: to, statusChangedAt: new Date().toISOString() }];
    }
    const ingest = /^\/api\/v1\/ingest\/(xml|results|oncourse)$/.exec(path);
    if (method === 'POST' && ingest) {
      const type = ingest[1] === 'xml' ? 'xml' : `json_${ingest[1]}`;
      if (!allowed[state.status].includes(type)) return [403, { error: 'Forbidden', message: `Data type '${type}' not accepted in '${state.status}' state` }];
      if (ingest[1] === 'xml') {
        state.hasXml = true;
        return [200, { imported: { participants: 366, classes: 15, races: 44, results: 1422, courses: 4 } }];
      }
      if (ingest[1] === 'results') return state.hasXml ? [200, { updated: body.results.length }] : [200, { updated: 0, ignored: true }];
      return state.hasXml ? [200, { active: body.oncourse.length }] : [200, { active: 0, ignored: true }];
    }
    return [404, { error: 'Not found', message: 'Resource not found' }];
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      const body = text ? JSON.parse(text) : null;
      const [status, answer] = handle(req.method ?? '', req.url ?? '', req.headers['x-api-key'] as string | undefined, body);
      state.requests.push({ method: req.method ?? '', path: req.url ?? '', body, status, answer });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
