/**
 * The one gate in front of every non-public route. It works out who is calling once, on the
 * request's headers in `onRequest` (before the body is read or validated), among the kinds of
 * caller the route accepts (its `config: { callers }`, operator only when it says nothing), and
 * leaves the answer on `request.caller`. A caller the route does not accept is refused there: 401,
 * never a 400 describing the schema, and their upload (up to the body limit) is never read or
 * parsed. Registered inside each route plugin (fastify-plugin), so the hook guards that plugin's
 * routes only. Who may do what to an event stays the domain's rule; this only says who is asking.
 */
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { StationError, type StationCore } from '../station-core.ts';
import { ingestCaller, noteWrongToken, officialCaller, operatorCaller, type Caller, type Secrets } from './auth.ts';
import type { SignInGuard } from './sign-in-guard.ts';

export type CallerKind = Caller['kind'];

export interface CallerGateDeps {
  core: StationCore;
  secrets: Secrets;
  signIn: SignInGuard;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The kinds of caller this route accepts; operator only when absent. */
    callers?: readonly CallerKind[];
  }
  interface FastifyRequest {
    /** Who is calling, set by the caller gate before the handler runs (null on public routes). */
    caller: Caller | null;
  }
}

const OPERATOR_ONLY: readonly CallerKind[] = ['operator'];

/** The caller of a request the gate has let through (never null behind the gate). */
export function callerOf(req: FastifyRequest): Caller {
  if (!req.caller) throw new StationError('Unauthorized');
  return req.caller;
}

/** The event of the request's ingest key (on routes that accept the ingest key only). */
export function keyEventOf(req: FastifyRequest): string {
  const caller = callerOf(req);
  if (caller.kind === 'ingest') return caller.eventId;
  throw new StationError('Unauthorized', 'Missing or invalid X-API-Key header');
}

/** Who is calling, among `accepted`; throws 401 (or 429 for a PIN while locked out) otherwise. */
async function resolveCaller(req: FastifyRequest, accepted: readonly CallerKind[], deps: CallerGateDeps): Promise<Caller> {
  const op = operatorCaller(req, deps.secrets);
  if (op && accepted.includes('operator')) return op;
  const onlyIngest = accepted.length === 1 && accepted[0] === 'ingest';
  if (accepted.includes('ingest') && (req.headers['x-api-key'] || onlyIngest)) {
    const ingest = ingestCaller(req, deps.core);
    if (!ingest) {
      if (onlyIngest) {
        deps.core.activity.refused(
          `ingest-key|${req.ip}`,
          null,
          `Refused an ingest push from ${req.ip}: ${req.headers['x-api-key'] ? 'unknown API key' : 'no API key'}`,
          Date.now(),
        );
      }
      throw new StationError('Unauthorized', req.headers['x-api-key'] ? 'Invalid API key' : 'Missing or invalid X-API-Key header');
    }
    // An ingest key opens its own event only (routes without an event in the path take the key's).
    const eventId = (req.params as { eventId?: string } | undefined)?.eventId;
    if (ingest.kind === 'ingest' && eventId !== undefined && ingest.eventId !== eventId) {
      throw new StationError('Unauthorized', 'API key does not match event');
    }
    return ingest;
  }
  if (accepted.includes('official')) {
    // A PIN is checked (and a wrong one counted toward the lockout) before the body is read, so a
    // guess with a malformed body is still a guess.
    const official = await officialCaller(req, deps.secrets, deps.signIn);
    if (official) return official;
  }
  const master = req.headers['x-master-key'] ?? req.headers.authorization;
  if (master) noteWrongToken(req, deps.signIn);
  throw new StationError('Unauthorized', master ? 'Invalid master key' : 'Missing or invalid X-Master-Key header');
}

export const callerGate = fp<CallerGateDeps>(
  async (app, deps) => {
    if (!app.hasRequestDecorator('caller')) app.decorateRequest('caller', null);
    app.addHook('onRequest', async (req) => {
      req.caller = await resolveCaller(req, req.routeOptions.config.callers ?? OPERATOR_ONLY, deps);
    });
  },
  { fastify: '5.x' },
);
