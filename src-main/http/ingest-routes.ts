/**
 * c123-server's ingest API: XML exports, live results, on-course riders. The `X-API-Key` alone
 * identifies the event (the caller gate, caller-gate.ts, checks it on the headers). Every 2xx
 * carries a JSON body (c123-server retries empty ones), and a push before the first XML is answered
 * `ignored: true`, never 4xx, so its circuit breaker stays shut. The schemas are wire/ingest.ts's.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { Settings } from '../settings.ts';
import { onCourseBodySchema, resultsBodySchema, xmlBodySchema } from '../wire/ingest.ts';
import { callerGate, keyEventOf, type CallerGateDeps } from './caller-gate.ts';

export interface IngestDeps {
  gate: CallerGateDeps;
  settings: Settings;
}

export const ingestRoutes: FastifyPluginAsync<IngestDeps> = async (plugin, { gate, settings }) => {
  const app = plugin.withTypeProvider<JsonSchemaToTsProvider>();
  const { core } = gate;
  await app.register(callerGate, gate);
  const config = { callers: ['ingest'] } as const;

  app.post('/xml', { config, bodyLimit: settings.bodyLimitBytes, schema: { body: xmlBodySchema } }, async (req) => {
    return core.ingestXml(keyEventOf(req), req.body.xml);
  });

  app.post('/results', { config, bodyLimit: settings.jsonBodyLimitBytes, schema: { body: resultsBodySchema } }, async (req) => {
    return core.ingestResults(keyEventOf(req), req.body.results);
  });

  app.post('/oncourse', { config, bodyLimit: settings.jsonBodyLimitBytes, schema: { body: onCourseBodySchema } }, async (req) => {
    return core.ingestOnCourse(keyEventOf(req), req.body.oncourse);
  });
};
