/**
 * `GET /health`: answers as soon as the process accepts connections. A relay adds what a load
 * balancer needs to know (`report`): whether it is connected to Redis and current, answered 503
 * when it is not, so the balancer sends phones to another relay.
 */
import type { FastifyPluginAsync } from 'fastify';

export interface HealthReport {
  /** 200 when true, else 503. */
  ok: boolean;
  /** Fields added to `{ status }` (plain JSON values). */
  detail: Record<string, unknown>;
}

export const healthRoutes: FastifyPluginAsync<{ report?: () => HealthReport }> = async (app, { report }) => {
  app.get(
    '/health',
    {
      schema: {
        response: {
          200: { type: 'object', properties: { status: { type: 'string' } }, required: ['status'], additionalProperties: true },
          503: { type: 'object', properties: { status: { type: 'string' } }, required: ['status'], additionalProperties: true },
        },
      },
    },
    async (_req, reply) => {
      if (!report) return { status: 'ok' };
      const { ok, detail } = report();
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', ...detail });
    },
  );
};
