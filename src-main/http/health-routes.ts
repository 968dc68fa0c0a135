/** `GET /health`: answers as soon as the station accepts connections. */
import type { FastifyPluginAsync } from 'fastify';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/health', {
    schema: { response: { 200: { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] } } },
  }, async () => ({ status: 'ok' }));
};
