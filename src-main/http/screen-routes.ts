/**
 * The operator's venue-screen routes (issue 15), under `/api/v1/admin/screens`, operator token only:
 * what screens are connected and what each shows, the settings of each kind, and one screen's own
 * settings and name. Every change is stored and applied live by the screen registry; the screens
 * themselves never call these (they are public pages and only read their config).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import { screenIdPattern, screenKinds, screenSettingsPatchSchema, type ScreenSettingsPatch } from '../wire/screens.ts';
import type { StationCore } from '../station-core.ts';
import { StationError } from '../station-core.ts';
import type { ScreenRegistry } from '../screens/screen-registry.ts';
import { callerGate, type CallerGateDeps } from './caller-gate.ts';

export interface ScreenRouteDeps {
  gate: CallerGateDeps;
  screens: ScreenRegistry;
}

const kindParams = {
  type: 'object',
  properties: { kind: { type: 'string', enum: screenKinds } },
  required: ['kind'],
} as const;

const screenParams = {
  type: 'object',
  properties: { screenId: { type: 'string', pattern: screenIdPattern } },
  required: ['screenId'],
} as const;

const screenBody = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: screenKinds },
    label: { type: ['string', 'null'], maxLength: 60 },
    /** The screen's own layer; null: it follows its kind (only the name is kept). */
    settings: { oneOf: [{ type: 'null' }, screenSettingsPatchSchema] },
  },
  required: ['settings'],
  additionalProperties: false,
} as const;

export function screenRoutes(deps: ScreenRouteDeps): FastifyPluginAsync {
  const { screens } = deps;
  const { core } = deps.gate;
  return async (plugin) => {
    const app = plugin.withTypeProvider<JsonSchemaToTsProvider>();
    await app.register(callerGate, deps.gate);

    app.get('/screens', async () => screens.overview());

    app.put(
      '/screens/kinds/:kind',
      {
        schema: { params: kindParams, body: screenSettingsPatchSchema },
      },
      async (req) => {
        checkEvent(core, req.body.eventId);
        screens.setKind(req.params.kind, req.body);
        core.activity.add(null, 'info', `Screens: ${req.params.kind} settings changed (${describe(req.body)})`);
        return screens.overview();
      },
    );

    app.put(
      '/screens/:screenId',
      {
        schema: { params: screenParams, body: screenBody },
      },
      async (req) => {
        const kind = req.body.kind ?? screens.kindOf(req.params.screenId);
        if (!kind) throw new StationError('NotFound', `No screen ${req.params.screenId} is known; say its kind`);
        checkEvent(core, req.body.settings?.eventId);
        screens.setScreen(req.params.screenId, kind, req.body.label ?? null, req.body.settings);
        core.activity.add(null, 'info', `Screens: ${req.body.label || req.params.screenId} (${kind}) set apart (${describe(req.body.settings ?? {})})`);
        return screens.overview();
      },
    );

    app.delete('/screens/:screenId', { schema: { params: screenParams } }, async (req) => {
      if (!screens.forgetScreen(req.params.screenId)) throw new StationError('NotFound', `Screen ${req.params.screenId} has no settings of its own`);
      core.activity.add(null, 'info', `Screens: ${req.params.screenId} follows its kind again`);
      return screens.overview();
    });
  };
}

/** A screen may be given only an event that exists; a draft is allowed (it shows once published). */
function checkEvent(core: StationCore, eventId: string | null | undefined): void {
  if (typeof eventId === 'string' && !core.get(eventId)) throw new StationError('NotFound', `Event not found: ${eventId}`);
}

function describe(p: ScreenSettingsPatch): string {
  const nulls: Record<string, string> = { eventId: 'live event', raceId: 'live race', catId: 'all' };
  const parts = Object.entries(p).map(([k, v]) => `${k}=${v === null ? nulls[k] : String(v)}`);
  return parts.length ? parts.join(', ') : 'defaults';
}
