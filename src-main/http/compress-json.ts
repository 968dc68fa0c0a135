/**
 * Gzips JSON answers of the API for clients that accept it: a race's results are ~40 KB of JSON
 * and ~6 KB gzipped, which matters to a few hundred phones on one venue access point. Small
 * answers (under 1 KiB) are sent as they are. The compression runs on libuv's thread pool, not on
 * the main thread.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

const gzipAsync = promisify(gzip);
const MIN_BYTES = 1024;

const plugin: FastifyPluginAsync = async (app) => {
  app.addHook('onSend', async (req, reply, payload) => {
    if (typeof payload !== 'string' || payload.length < MIN_BYTES) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
    if (!/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return payload;
    reply.header('content-encoding', 'gzip');
    reply.header('vary', 'Accept-Encoding');
    reply.removeHeader('content-length');
    return gzipAsync(payload, { level: 6 });
  });
};

export const compressJson = fp(plugin, { name: 'raceside-compress-json' });
