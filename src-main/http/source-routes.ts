/**
 * The operator's timing-source routes (the dashboard's "Timing source" panel): an event's chosen
 * source and how it is doing, changing it, the replay of the bundled real recording, and where
 * Canoe123 keeps its XML export on this computer. Operator token only; the schemas sit beside
 * the routes. The work is sources/timing-sources.ts's and sources/canoe123/replay.ts's.
 */
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import { sourceConfigSchema, type TimingSourceStatus } from '../wire/sources.ts';
import { eventParamsSchema } from '../wire/params.ts';
import { StationError } from '../station-core.ts';
import type { TimingSources } from '../sources/timing-sources.ts';
import { demoRecordingPath, demoXmlPath } from '../sources/canoe123/demo-data.ts';
import { callerGate, type CallerGateDeps } from './caller-gate.ts';

export interface SourceRouteDeps {
  gate: CallerGateDeps;
  sources: TimingSources;
}

const replayBody = {
  type: 'object',
  properties: { speed: { type: 'number', exclusiveMinimum: 0, maximum: 1000 } },
  additionalProperties: false,
} as const;

export function sourceRoutes(deps: SourceRouteDeps): FastifyPluginAsync {
  const { sources } = deps;
  const { core } = deps.gate;
  return async (plugin) => {
    const app = plugin.withTypeProvider<JsonSchemaToTsProvider>();
    await app.register(callerGate, deps.gate);

    app.get('/events/:eventId/source', { schema: { params: eventParamsSchema } }, async (req): Promise<TimingSourceStatus> => {
      core.existing(req.params.eventId);
      return sources.status(req.params.eventId);
    });

    app.put(
      '/events/:eventId/source',
      {
        schema: { params: eventParamsSchema, body: sourceConfigSchema },
      },
      async (req): Promise<TimingSourceStatus> => {
        core.existing(req.params.eventId);
        const xmlPath = req.body.xmlPath?.trim();
        if (xmlPath && !isAbsolute(xmlPath)) {
          throw new StationError(
            'InvalidRequest',
            `The XML file must be a full path on the station computer (e.g. C:\\Canoe123\\event.xml or /home/timing/event.xml), got "${xmlPath}"`,
          );
        }
        await sources.set(req.params.eventId, req.body);
        return sources.status(req.params.eventId);
      },
    );

    app.delete('/events/:eventId/source/replay', { schema: { params: eventParamsSchema } }, async (req) => {
      core.existing(req.params.eventId);
      await sources.stopReplay(req.params.eventId);
      return sources.status(req.params.eventId);
    });

    /** Whether the bundled real recording is installed (a packaged app may leave it out). */
    app.get('/replay', async () => ({ available: existsSync(demoRecordingPath) && existsSync(demoXmlPath) }));

    /** The dashboard's demo button: the bundled real recording into the event of its export. */
    app.post('/replay', { schema: { body: replayBody } }, async (req, reply) => {
      const { startReplay } = await import('../sources/canoe123/replay.ts');
      const replay = await startReplay(core, sources, { recordingPath: demoRecordingPath, xmlPath: demoXmlPath, speed: req.body?.speed ?? 10 });
      reply.code(201);
      return { eventId: replay.eventId, replay: replay.status() };
    });

    /** Canoe123's current export on this computer, from its own settings (Windows), newest first. */
    app.get('/canoe123/xml-files', async () => {
      const { findCanoe123Exports } = await import('../sources/canoe123/xml-locator.ts');
      return { paths: await findCanoe123Exports() };
    });
  };
}
