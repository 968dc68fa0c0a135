/**
 * The operator's timing-source routes (the dashboard's "Timing source" panel): an event's chosen
 * source and how it is doing, changing it, the replay of the bundled real recording, and where
 * Canoe123 keeps its XML export on this computer. Operator token only; the schemas sit beside
 * the routes. The work is sources/timing-sources.ts's and sources/canoe123/replay.ts's.
 */
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { sourceKinds, type SourceConfigInput, type TimingSourceStatus } from '../wire/sources.ts';
import { StationError, type StationCore } from '../station-core.ts';
import type { TimingSources } from '../sources/timing-sources.ts';
import { demoRecordingPath, demoXmlPath } from '../sources/canoe123/demo-data.ts';
import { operatorCaller, type Secrets } from './auth.ts';

export interface SourceRouteDeps {
  core: StationCore;
  sources: TimingSources;
  secrets: Secrets;
}

const eventParams = {
  type: 'object',
  properties: { eventId: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['eventId'],
} as const;

const sourceBody = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: sourceKinds },
    // A host name or an IPv4/IPv6 address; null = find Canoe123 by its UDP broadcasts.
    host: { type: ['string', 'null'], maxLength: 253, pattern: '^\\s*([A-Za-z0-9.-]+|\\[?[0-9A-Fa-f:.]+\\]?)?\\s*$' },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    xmlPath: { type: ['string', 'null'], maxLength: 1000 },
  },
  required: ['kind'],
  additionalProperties: false,
} as const;

const replayBody = {
  type: 'object',
  properties: { speed: { type: 'number', exclusiveMinimum: 0, maximum: 1000 } },
  additionalProperties: false,
} as const;

export function sourceRoutes(deps: SourceRouteDeps): FastifyPluginAsync {
  return async (app) => {
    const { core, sources, secrets } = deps;
    // On the headers, before the body is read or validated (401, never a 400 describing the schema).
    app.addHook('onRequest', async (req) => {
      if (!operatorCaller(req, secrets)) throw new StationError('Unauthorized');
    });
    const existing = (eventId: string) => {
      if (!core.get(eventId)) throw new StationError('NotFound', `Event not found: ${eventId}`);
    };

    app.get<{ Params: { eventId: string } }>('/events/:eventId/source', { schema: { params: eventParams } }, async (req): Promise<TimingSourceStatus> => {
      existing(req.params.eventId);
      return sources.status(req.params.eventId);
    });

    app.put<{ Params: { eventId: string }; Body: SourceConfigInput }>('/events/:eventId/source', {
      schema: { params: eventParams, body: sourceBody },
    }, async (req): Promise<TimingSourceStatus> => {
      existing(req.params.eventId);
      const xmlPath = req.body.xmlPath?.trim();
      if (xmlPath && !isAbsolute(xmlPath)) {
        throw new StationError('InvalidRequest', `The XML file must be a full path on the station computer (e.g. C:\\Canoe123\\event.xml or /home/timing/event.xml), got "${xmlPath}"`);
      }
      await sources.set(req.params.eventId, req.body);
      return sources.status(req.params.eventId);
    });

    app.delete<{ Params: { eventId: string } }>('/events/:eventId/source/replay', { schema: { params: eventParams } }, async (req) => {
      existing(req.params.eventId);
      await sources.stopReplay(req.params.eventId);
      return sources.status(req.params.eventId);
    });

    /** Whether the bundled real recording is installed (a packaged app may leave it out). */
    app.get('/replay', async () => ({ available: existsSync(demoRecordingPath) && existsSync(demoXmlPath) }));

    /** The dashboard's demo button: the bundled real recording into the event of its export. */
    app.post<{ Body: { speed?: number } }>('/replay', { schema: { body: replayBody } }, async (req, reply) => {
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
