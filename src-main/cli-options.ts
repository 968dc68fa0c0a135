/**
 * What the station's and the relay's command lines (cli.ts, relay-cli.ts) read alike: an option
 * or else its environment variable, whole numbers, and the spectator limits both serve
 * (connections, heartbeat, the close delay after official). Each command keeps its own usage text
 * and its own `fail` (which prints it and exits); this file prints and exits only for `--help`.
 */
import { parseArgs } from 'node:util';
import type { Settings } from './settings.ts';

/** The spectator limits' options, for `parseArgs`. */
const spectatorLimitOptions = {
  'max-connections-per-event': { type: 'string' },
  'max-connections-per-address': { type: 'string' },
  'heartbeat-ms': { type: 'string' },
  'heartbeat-timeout-ms': { type: 'string' },
  'official-grace-ms': { type: 'string' },
} as const;

/** Ways a process is asked to stop: Ctrl+C, `kill`, a closed terminal or console window (SIGHUP, also on Windows), Ctrl+Break. */
export const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

export interface CliReader {
  /** The options as given (strings; `help` a boolean). */
  values: Record<string, string | boolean | undefined>;
  /** The option's value, else the environment variable's. */
  opt(name: string, env: string): string | undefined;
  /** A whole number (or undefined when not given); anything else fails naming the option. */
  integer(name: string, value: string | undefined): number | undefined;
  /** The spectator limits given as options or environment variables. */
  spectatorLimits(): Partial<Settings>;
}

/**
 * The command line read: `names` are the command's own string options, the spectator limits and
 * `--help` come with every command. An unknown option fails; `--help` prints `usage` and exits 0.
 */
export function readCommandLine(names: readonly string[], usage: string, fail: (message: string) => never): CliReader {
  let values: Record<string, string | boolean | undefined> = {};
  try {
    const own = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
    ({ values } = parseArgs({ options: { ...own, ...spectatorLimitOptions, help: { type: 'boolean' } }, strict: true }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const opt = (name: string, env: string) => (values[name] as string | undefined) ?? process.env[env];
  const integer = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) fail(`${name} must be a whole number, got '${value}'`);
    return Number(value);
  };
  const limit = (name: keyof typeof spectatorLimitOptions, env: string) => integer(`--${name}`, opt(name, env));
  return {
    values,
    opt,
    integer,
    spectatorLimits: () => ({
      maxConnectionsPerEvent: limit('max-connections-per-event', 'RACESIDE_MAX_CONNECTIONS_PER_EVENT'),
      maxConnectionsPerAddress: limit('max-connections-per-address', 'RACESIDE_MAX_CONNECTIONS_PER_ADDRESS'),
      heartbeatMs: limit('heartbeat-ms', 'RACESIDE_HEARTBEAT_MS'),
      heartbeatTimeoutMs: limit('heartbeat-timeout-ms', 'RACESIDE_HEARTBEAT_TIMEOUT_MS'),
      officialGraceMs: limit('official-grace-ms', 'RACESIDE_OFFICIAL_GRACE_MS'),
    }),
  };
}
