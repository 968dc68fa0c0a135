/**
 * The operator's station-wide admin routes: what the station is (URLs on every network interface,
 * settings, spectators per event) and the settings the dashboard may change while racing.
 * Operator token only.
 */
import type { FastifyPluginAsync } from 'fastify';
import { mergeStrategies } from '../wire/api.ts';
import type { Settings } from '../settings.ts';
import { OFFICIALS_PIN_PATTERN, type ConnectionsInfo, type PublishStatus, type StationProcess, type StationSettings } from '../wire/admin.ts';
import type { StationCore } from '../station-core.ts';
import { noteWrongToken, operatorCaller, type Secrets } from './auth.ts';
import type { SignInGuard } from './sign-in-guard.ts';
import { StationError } from '../station-core.ts';

export interface StationRouteDeps {
  core: StationCore;
  settings: Settings;
  secrets: Secrets;
  signIn: SignInGuard;
  /** When this station process started (ISO). */
  startedAt: string;
  lanUrls(): string[];
  /** False when the station listens only on a loopback address (see net/lan-addresses.ts). */
  listensOnLan(): boolean;
  /** The port the station actually listens on (the configured one may have been taken). */
  listeningPort(): number;
  connectionCounts(): Record<string, number>;
  topAddresses(): { address: string; sockets: number }[];
  saveSettings(patch: Partial<Settings>): void;
  /** The Redis writer's state, or null when the station does not publish. */
  publishStatus(): PublishStatus | null;
}

const settingsBody = {
  type: 'object',
  properties: {
    maxConnectionsPerEvent: { type: 'integer', minimum: 1, maximum: 100_000 },
    maxConnectionsPerAddress: { type: 'integer', minimum: 1, maximum: 100_000 },
    heartbeatMs: { type: 'integer', minimum: 1000, maximum: 600_000 },
    heartbeatTimeoutMs: { type: 'integer', minimum: 500, maximum: 600_000 },
    officialGraceMs: { type: 'integer', minimum: 0, maximum: 600_000 },
    defaultMergeStrategy: { type: 'string', enum: mergeStrategies },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    officialsPin: { type: ['string', 'null'], pattern: OFFICIALS_PIN_PATTERN },
  },
  additionalProperties: false,
} as const;

export function stationRoutes(deps: StationRouteDeps): FastifyPluginAsync {
  return async (app) => {
    // On the headers, before the body is read or validated (401, never a 400 describing the schema).
    app.addHook('onRequest', async (req) => {
      if (operatorCaller(req, deps.secrets)) return;
      noteWrongToken(req, deps.signIn);
      throw new StationError('Unauthorized');
    });

    app.get('/station', async () => ({
      lanUrls: deps.lanUrls(),
      listensOnLan: deps.listensOnLan(),
      listeningPort: deps.listeningPort(),
      settings: publicSettings(deps.settings),
      officialsPinSet: deps.secrets.officialsPin.isSet(),
      officialsPinShort: deps.secrets.officialsPin.isShort(),
      connections: deps.connectionCounts(),
      signIn: deps.signIn.status(Date.now()),
      process: processInfo(deps.startedAt),
      publish: deps.publishStatus(),
    }));

    app.get('/connections', async (): Promise<ConnectionsInfo> => ({
      connections: deps.connectionCounts(),
      maxConnectionsPerEvent: deps.settings.maxConnectionsPerEvent,
      maxConnectionsPerAddress: deps.settings.maxConnectionsPerAddress,
      topAddresses: deps.topAddresses(),
    }));

    app.patch<{ Body: Partial<Settings> & { officialsPin?: string | null } }>('/settings', { schema: { body: settingsBody } }, async (req) => {
      const { officialsPin, ...rest } = req.body;
      if (officialsPin !== undefined) await deps.secrets.officialsPin.set(officialsPin);
      deps.saveSettings(rest);
      deps.core.activity.add(null, 'info', `Settings changed: ${Object.keys(req.body).join(', ')}`);
      return { settings: publicSettings(deps.settings), officialsPinSet: deps.secrets.officialsPin.isSet() };
    });
  };
}

/** The station process as Node itself measures it (the same on Windows, macOS and Linux). */
function processInfo(startedAt: string): StationProcess {
  const memory = process.memoryUsage();
  const resources: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) resources[r] = (resources[r] ?? 0) + 1;
  return { pid: process.pid, startedAt, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, resources };
}

function publicSettings(s: Settings): StationSettings {
  return {
    host: s.host,
    port: s.port,
    maxConnectionsPerEvent: s.maxConnectionsPerEvent,
    maxConnectionsPerAddress: s.maxConnectionsPerAddress,
    heartbeatMs: s.heartbeatMs,
    heartbeatTimeoutMs: s.heartbeatTimeoutMs,
    officialGraceMs: s.officialGraceMs,
    defaultMergeStrategy: s.defaultMergeStrategy,
  };
}
