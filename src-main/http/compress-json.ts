/**
 * Gzips JSON answers of the API for clients that accept it: a race's results are ~40 KB of JSON
 * and ~6 KB gzipped, which matters to a few hundred phones on one venue access point. Small
 * answers (under 1 KiB) are sent as they are. The compression runs on libuv's thread pool, not on
 * the main thread. Public answers kept by public-answers.ts are gzipped once, with the same rules.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

const gzipAsync = promisify(gzip);
const MIN_BYTES = 1024;

/** Whether a JSON answer of this text goes gzipped to this client. */
export function gzipsFor(req: FastifyRequest, json: string): boolean {
  return json.length >= MIN_BYTES && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

export function gzipJson(json: string): Promise<Buffer> {
  return gzipAsync(json, { level: 6 });
}

/** Marks the answer as gzipped (the body is already compressed). */
export function gzipHeaders(reply: FastifyReply): void {
  reply.header('content-encoding', 'gzip');
  reply.header('vary', 'Accept-Encoding');
  reply.removeHeader('content-length');
}

const plugin: FastifyPluginAsync = async (app) => {
  app.addHook('onSend', async (req, reply, payload) => {
    if (typeof payload !== 'string' || !gzipsFor(req, payload)) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
    gzipHeaders(reply);
    return gzipJson(payload);
  });
};

export const compressJson = fp(plugin, { name: 'raceside-compress-json' });
