/**
 * The operator's station-wide admin routes: what the station is (URLs on every network interface,
 * settings, spectators per event) and the settings the dashboard may change while racing.
 * Operator token only.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { Settings } from '../settings.ts';
import { settingsPatchSchema, type ConnectionsInfo, type PublishStatus, type StationProcess, type StationSettings } from '../wire/admin.ts';
import { callerGate, type CallerGateDeps } from './caller-gate.ts';

export interface StationRouteDeps {
  gate: CallerGateDeps;
  settings: Settings;
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

export function stationRoutes(deps: StationRouteDeps): FastifyPluginAsync {
  const { secrets, signIn, core } = deps.gate;
  return async (plugin) => {
    const app = plugin.withTypeProvider<JsonSchemaToTsProvider>();
    await app.register(callerGate, deps.gate);

    app.get('/station', async () => ({
      lanUrls: deps.lanUrls(),
      listensOnLan: deps.listensOnLan(),
      listeningPort: deps.listeningPort(),
      settings: publicSettings(deps.settings),
      officialsPinSet: secrets.officialsPin.isSet(),
      officialsPinShort: secrets.officialsPin.isShort(),
      connections: deps.connectionCounts(),
      signIn: signIn.status(Date.now()),
      process: processInfo(deps.startedAt),
      publish: deps.publishStatus(),
    }));

    app.get('/connections', async (): Promise<ConnectionsInfo> => ({
      connections: deps.connectionCounts(),
      maxConnectionsPerEvent: deps.settings.maxConnectionsPerEvent,
      maxConnectionsPerAddress: deps.settings.maxConnectionsPerAddress,
      topAddresses: deps.topAddresses(),
    }));

    app.patch('/settings', { schema: { body: settingsPatchSchema } }, async (req) => {
      const { officialsPin, ...rest } = req.body;
      if (officialsPin !== undefined) await secrets.officialsPin.set(officialsPin);
      deps.saveSettings(rest);
      core.activity.add(null, 'info', `Settings changed: ${Object.keys(req.body).join(', ')}`);
      return { settings: publicSettings(deps.settings), officialsPinSet: secrets.officialsPin.isSet() };
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
