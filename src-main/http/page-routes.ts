/**
 * Serves the built pages (dist-renderer): the spectator app at `/`, the operator dashboard at
 * `/operator/`, the officials page at `/officials`, the venue screens at `/board`, `/overlay` and
 * `/announcer` (issue 15; public like the spectator app: they read public data and their own
 * config), hashed assets with a year-long cache, and the icons and web manifest a phone asks for
 * (`/icons/`: favicon, home-screen icons; unhashed names, cached for a day). A GET for any other non-API path that
 * accepts HTML gets the spectator app, so deep links survive a reload. Every page carries a strict
 * Content-Security-Policy: nothing loads from outside the station. Its `connect-src` names the
 * station's own `ws:`/`wss:` origin explicitly (taken from the request's Host header, when that is a
 * plain host and port): older Safari does not count `ws:` as `'self'`, and an iPhone refused its
 * live socket would fall back to polling. A relay serves the spectator app alone
 * (`spectatorOnly`): it has no dashboard, no officials' page and no venue screens (they are
 * venue-side and talk to the station), and their paths are 404 there.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { sendError } from './http-error.ts';
import { gzipHeaders, gzipsFor } from './compress-json.ts';
import { SHOW_SCRIPT_HASH, type FirstViewPages } from './first-view.ts';

/** A Host header fit to go into the policy: a DNS name, IPv4 or [IPv6], and an optional port. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]{2,45}\])(?::(\d{1,5}))?$/;

/** The page's policy for a request that named `host` (its Host header). */
export function contentSecurityPolicy(host: string | undefined): string {
  const m = host === undefined || host.length > 260 ? null : HOST.exec(host);
  const valid = m !== null && (m[1] === undefined || Number(m[1]) <= 65535);
  return [
    "default-src 'self'",
    // The one inline script a page may carry: the first view's (first-view.ts), by its hash.
    `script-src 'self' ${SHOW_SCRIPT_HASH}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    valid ? `connect-src 'self' ws://${host} wss://${host}` : "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface PageOptions {
  root: string;
  /** Only the spectator app (a relay): no dashboard, no officials' page, no venue screens. */
  spectatorOnly?: boolean;
  /** The spectator page with the running event's first view (first-view.ts); the plain page without. */
  firstView?: FirstViewPages;
}

export const pageRoutes: FastifyPluginAsync<PageOptions> = async (app, { root, spectatorOnly = false, firstView }) => {
  // Read again when the file changes: a rebuild renames the hashed assets the page points to.
  const cache = new Map<string, { mtimeMs: number; html: string }>();
  const page = (name: string): string | null => {
    const file = join(root, name, 'index.html');
    if (!existsSync(file)) return null;
    const { mtimeMs } = statSync(file);
    const hit = cache.get(name);
    if (hit && hit.mtimeMs === mtimeMs) return hit.html;
    const html = readFileSync(file, 'utf8');
    cache.set(name, { mtimeMs, html });
    return html;
  };
  const pages = {
    get spectator() {
      return page('spectator');
    },
    get operator() {
      return page('operator');
    },
    get officials() {
      return page('officials');
    },
    get board() {
      return page('board');
    },
    get overlay() {
      return page('overlay');
    },
    get announcer() {
      return page('announcer');
    },
  };
  const sendPage = (reply: import('fastify').FastifyReply, html: string | Buffer | null) => {
    if (!html) return sendError(reply, 'NotFound', 'The pages are not built; run `npm run build`');
    return reply
      .header('content-security-policy', contentSecurityPolicy(reply.request.headers.host))
      .header('cache-control', 'no-store, max-age=0')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(html);
  };
  /** The spectator page, with the running event's first view when there is one. */
  const sendSpectator = async (reply: import('fastify').FastifyReply) => {
    const html = pages.spectator;
    const page = html && firstView ? await firstView.page(html, reply.request.headers['accept-language']) : null;
    if (!page) return sendPage(reply, html);
    if (!gzipsFor(reply.request, page.html)) return sendPage(reply, page.html);
    const body = await page.gzipped();
    gzipHeaders(reply);
    return sendPage(reply, body);
  };

  if (existsSync(join(root, 'assets'))) {
    await app.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      preCompressed: true,
      index: false,
      wildcard: true,
    });
  }

  if (existsSync(join(root, 'icons'))) {
    await app.register(fastifyStatic, {
      root: join(root, 'icons'),
      prefix: '/icons/',
      decorateReply: false,
      maxAge: '1d',
      index: false,
      wildcard: true,
      setHeaders: (reply, path) => {
        reply.header('x-content-type-options', 'nosniff');
        if (path.endsWith('.webmanifest')) reply.header('content-type', 'application/manifest+json; charset=utf-8');
      },
    });
  }

  app.get('/', (_req, reply) => sendSpectator(reply));
  if (!spectatorOnly) {
    app.get('/operator', (_req, reply) => reply.redirect('/operator/'));
    app.get('/operator/', (_req, reply) => sendPage(reply, pages.operator));
    app.get('/officials', (_req, reply) => sendPage(reply, pages.officials ?? pages.operator));
    app.get('/officials/', (_req, reply) => sendPage(reply, pages.officials ?? pages.operator));
    for (const screen of ['board', 'overlay', 'announcer'] as const) {
      app.get(`/${screen}`, (_req, reply) => sendPage(reply, pages[screen]));
      app.get(`/${screen}/`, (_req, reply) => sendPage(reply, pages[screen]));
    }
  }
  const stationOnly = (url: string) => spectatorOnly && /^\/(?:operator|officials|board|overlay|announcer)(?:[/?#]|$)/.test(url);

  app.setNotFoundHandler((req, reply) => {
    const accept = req.headers.accept ?? '';
    const isPage = (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api/') && !stationOnly(req.url) && accept.includes('text/html');
    if (!isPage) return sendError(reply, 'NotFound', `No route ${req.method} ${req.url.split('?')[0]}`);
    return req.url.startsWith('/operator') ? sendPage(reply, pages.operator) : sendSpectator(reply);
  });
};
