/**
 * The relay: `npm run relay -- --redis redis://host:port [options]` (docs/SCALING.md). Options
 * override environment variables, which override the defaults of settings.ts. Prints one line
 * `Raceside relay listening on http://<host>:<port>` once it accepts connections (after it has
 * read every event from Redis). Ctrl+C, SIGTERM, SIGHUP and a launcher that goes away shut it
 * down cleanly: sockets closed with 1001, exit code 0 (phones reconnect to another relay). A relay
 * that cannot start prints one line saying what to do and exits with 1 (2 for bad options).
 */
import { StartupError, startRelay } from './relay.ts';
import { watchLauncher } from './launcher-watch.ts';
import { checkRedisUrl, shownUrl } from './outlets/redis/layout.ts';
import { readCommandLine, stopSignals } from './cli-options.ts';

const usage = `Usage: npm run relay -- --redis <redis-url> [options]
  --redis <url>                      the writer's Redis, e.g. redis://10.0.0.5:6379 (RACESIDE_REDIS; required)
  --host <ip>                        interface to listen on (RACESIDE_HOST, default 0.0.0.0)
  --port <n>                         port (RACESIDE_PORT, default 4800; a taken port is an error)
  --trust-proxy <list>               load balancers whose X-Forwarded-For names the client: addresses, CIDR
                                     ranges or loopback/linklocal/uniquelocal, comma-separated (RACESIDE_TRUST_PROXY)
  --max-connections-per-event <n>    spectators per event on this relay (RACESIDE_MAX_CONNECTIONS_PER_EVENT, default 5000)
  --max-connections-per-address <n>  spectator sockets per client address (RACESIDE_MAX_CONNECTIONS_PER_ADDRESS, default 32)
  --heartbeat-ms <n>                 ping interval (RACESIDE_HEARTBEAT_MS, default 30000)
  --heartbeat-timeout-ms <n>         pong timeout (RACESIDE_HEARTBEAT_TIMEOUT_MS, default 10000)
  --official-grace-ms <n>            close delay after official (RACESIDE_OFFICIAL_GRACE_MS, default 5000)
  --help                             this text`;

function fail(message: string): never {
  process.stderr.write(`raceside relay: ${message}\n${usage}\n`);
  process.exit(2);
}

const { opt, integer, spectatorLimits } = readCommandLine(['redis', 'host', 'port', 'trust-proxy'], usage, fail);

const redis = opt('redis', 'RACESIDE_REDIS');
if (!redis) fail('--redis <url> is required: the Redis the writer station publishes to (npm run station -- --publish <url>)');
try {
  checkRedisUrl(redis);
} catch (err) {
  fail(`--redis: ${(err as Error).message}`);
}
const settings = spectatorLimits();
const trustProxy = opt('trust-proxy', 'RACESIDE_TRUST_PROXY')
  ?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);

for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
const say = (level: 'info' | 'warn', line: string) => (level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);

try {
  process.stdout.write(`Reading the writer's events from Redis at ${shownUrl(redis)}…\n`);
  const relay = await startRelay({
    redis,
    host: opt('host', 'RACESIDE_HOST'),
    port: integer('--port', opt('port', 'RACESIDE_PORT')),
    settings,
    trustProxy,
    log: say,
  });
  process.stdout.write(`Raceside relay listening on http://${relay.host}:${relay.port}\n`);
  process.stdout.write(`Events from Redis: ${relay.copies.events.size}; health: ${relay.url}/health\n`);
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    stopWatching();
    process.stdout.write(`${why}; closing sockets…\n`);
    setTimeout(() => {
      process.stderr.write('raceside relay: did not close within 8 s; exiting anyway\n');
      process.exit(1);
    }, 8000).unref();
    await relay.close();
    process.exit(0);
  };
  for (const signal of stopSignals) process.on(signal, () => void stop(`Received ${signal}`));
  const stopWatching = watchLauncher((description) => void stop(`The relay's launcher has gone (${description})`));
} catch (err) {
  const e = err as Error;
  process.stderr.write(err instanceof StartupError ? `raceside relay: ${e.message}\n` : `raceside relay: could not start: ${e.message}\n`);
  process.exit(1);
}
