/**
 * The headless station: `npm run station -- [options]` (SPEC §6). Options override environment
 * variables, which override the defaults of settings.ts. Prints one line
 * `Raceside listening on http://<host>:<port>` once it accepts connections. SIGINT/SIGTERM shut
 * down cleanly (sockets closed with 1001, database closed, exit code 0).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startStation } from './station.ts';
import type { Settings } from './settings.ts';

const usage = `Usage: npm run station -- [options]
  --host <ip>                        interface to listen on (RACESIDE_HOST, default 0.0.0.0)
  --port <n>                         port, next free one if taken (RACESIDE_PORT, default 4800)
  --data <dir>                       data folder (RACESIDE_DATA, default the app-data folder)
  --admin-secret <s>                 operator token / X-Master-Key (RACESIDE_ADMIN_SECRET, default generated once)
  --max-connections-per-event <n>    spectators per event (RACESIDE_MAX_CONNECTIONS_PER_EVENT, default 5000)
  --max-connections-per-address <n>  spectator sockets per client address; raise it where the Wi-Fi NATs
                                     every phone behind one address (RACESIDE_MAX_CONNECTIONS_PER_ADDRESS, default 32)
  --heartbeat-ms <n>                 ping interval (RACESIDE_HEARTBEAT_MS, default 30000)
  --heartbeat-timeout-ms <n>         pong timeout (RACESIDE_HEARTBEAT_TIMEOUT_MS, default 10000)
  --official-grace-ms <n>            close delay after official (RACESIDE_OFFICIAL_GRACE_MS, default 5000)
  --help                             this text`;

function fail(message: string): never {
  process.stderr.write(`raceside: ${message}\n${usage}\n`);
  process.exit(2);
}

function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Raceside', 'data');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Raceside', 'data');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Raceside', 'data');
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) fail(`${name} must be a whole number, got '${value}'`);
  return Number(value);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      data: { type: 'string' },
      'admin-secret': { type: 'string' },
      'max-connections-per-event': { type: 'string' },
      'max-connections-per-address': { type: 'string' },
      'heartbeat-ms': { type: 'string' },
      'heartbeat-timeout-ms': { type: 'string' },
      'official-grace-ms': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  }));
} catch (err) {
  fail((err as Error).message);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const opt = (name: string, env: string) => (values[name] as string | undefined) ?? process.env[env];

const settings: Partial<Settings> = {
  maxConnectionsPerEvent: integer('--max-connections-per-event', opt('max-connections-per-event', 'RACESIDE_MAX_CONNECTIONS_PER_EVENT')),
  maxConnectionsPerAddress: integer('--max-connections-per-address', opt('max-connections-per-address', 'RACESIDE_MAX_CONNECTIONS_PER_ADDRESS')),
  heartbeatMs: integer('--heartbeat-ms', opt('heartbeat-ms', 'RACESIDE_HEARTBEAT_MS')),
  heartbeatTimeoutMs: integer('--heartbeat-timeout-ms', opt('heartbeat-timeout-ms', 'RACESIDE_HEARTBEAT_TIMEOUT_MS')),
  officialGraceMs: integer('--official-grace-ms', opt('official-grace-ms', 'RACESIDE_OFFICIAL_GRACE_MS')),
};

try {
  const station = await startStation({
    host: opt('host', 'RACESIDE_HOST'),
    port: integer('--port', opt('port', 'RACESIDE_PORT')),
    dataDir: opt('data', 'RACESIDE_DATA') ?? defaultDataDir(),
    adminSecret: opt('admin-secret', 'RACESIDE_ADMIN_SECRET'),
    settings,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  const shownHost = station.host === '0.0.0.0' ? '0.0.0.0' : station.host;
  process.stdout.write(`Raceside listening on http://${shownHost}:${station.port}\n`);
  process.stdout.write(`Operator token (Authorization: Bearer / X-Master-Key): ${station.adminSecret}\n`);
  process.stdout.write(`Dashboard: ${station.url}/operator/#token=${encodeURIComponent(station.adminSecret)}\n`);
  process.stdout.write(`Data folder: ${station.dataDir}\n`);
  for (const url of station.lanUrls()) process.stdout.write(`Spectators on the LAN: ${url}\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Received ${signal}; closing sockets and the database…\n`);
    await station.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  process.stderr.write(`raceside: could not start: ${e.message}\n`);
  process.exit(1);
}
