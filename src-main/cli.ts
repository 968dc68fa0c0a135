/**
 * The headless station: `npm run station -- [options]` (README: "The headless station"). Options
 * override environment variables, which override the defaults of settings.ts. Prints one line
 * `Raceside listening on http://<host>:<port>` once it accepts connections. Ctrl+C, SIGTERM, a
 * closed terminal or console window (SIGHUP), Ctrl+Break and a launcher that goes away
 * (launcher-watch.ts) shut down cleanly: sockets closed with 1001, database closed, exit code 0.
 * A station that cannot start prints one line saying what to do and exits with 1 (2 for bad options).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { StartupError, startStation } from './station.ts';
import { checkRedisUrl, shownUrl } from './outlets/redis/layout.ts';
import { watchLauncher } from './launcher-watch.ts';
import type { Settings } from './settings.ts';
import { readCommandLine, stopSignals } from './cli-options.ts';

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
  --replay <recording.jsonl>         play a Canoe123 recording through a local fake Canoe123 into the
                                     direct source of the event of --xml's EventId (demo, training)
  --xml <export.xml>                 the Canoe123 XML export the replay watches and imports
  --speed <n>                        replay speed, e.g. 10 for ten times real time (default 1)
  --uplink-event <id>                send this event to a public results server (RACESIDE_UPLINK_EVENT)
  --uplink-url <url>                 the server's base URL, c123-live-mini or Raceside (RACESIDE_UPLINK_URL)
  --uplink-remote-event <id>         the event id there (RACESIDE_UPLINK_REMOTE_EVENT, default the same id)
  --uplink-key <key>                 that event's ingest key, X-API-Key (RACESIDE_UPLINK_KEY; prefer the
                                     environment: the command line is visible to other users)
  --publish <redis-url>              publish every event to Redis for relays (npm run relay), e.g.
                                     redis://10.0.0.5:6379 (RACESIDE_PUBLISH; docs/SCALING.md)
  --publish-stream-length <n>        live messages kept per event in Redis, and unsent ones kept while
                                     Redis is down (RACESIDE_PUBLISH_STREAM_LENGTH, default 1000)
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

const { values, opt, integer, spectatorLimits } = readCommandLine(
  [
    'host',
    'port',
    'data',
    'admin-secret',
    'replay',
    'xml',
    'speed',
    'uplink-event',
    'uplink-url',
    'uplink-remote-event',
    'uplink-key',
    'publish',
    'publish-stream-length',
  ],
  usage,
  fail,
);
const replayPath = values.replay as string | undefined;
const replayXml = values.xml as string | undefined;
if ((replayPath === undefined) !== (replayXml === undefined)) fail('--replay and --xml go together: the recording and the XML export of the same event');
if (values.speed !== undefined && replayPath === undefined) fail('--speed needs --replay');
const speedText = (values.speed as string | undefined) ?? '1';
if (!/^\d+(\.\d+)?$/.test(speedText) || !(Number(speedText) > 0) || Number(speedText) > 1000)
  fail(`--speed must be a number above 0 and at most 1000, got '${speedText}'`);

const settings: Partial<Settings> = {
  ...spectatorLimits(),
  publishStreamLength: integer('--publish-stream-length', opt('publish-stream-length', 'RACESIDE_PUBLISH_STREAM_LENGTH')),
};
if (settings.publishStreamLength === 0) fail('--publish-stream-length must be at least 1');

const publish = opt('publish', 'RACESIDE_PUBLISH') || undefined;
if (publish !== undefined) {
  try {
    checkRedisUrl(publish);
  } catch (err) {
    fail(`--publish: ${(err as Error).message}`);
  }
}

const uplinkEvent = opt('uplink-event', 'RACESIDE_UPLINK_EVENT');
const uplinkUrl = opt('uplink-url', 'RACESIDE_UPLINK_URL');
const uplinkKey = opt('uplink-key', 'RACESIDE_UPLINK_KEY');
if ((uplinkEvent || uplinkUrl || uplinkKey) && !(uplinkEvent && uplinkUrl && uplinkKey)) {
  fail('an uplink needs --uplink-event, --uplink-url and --uplink-key (or their RACESIDE_UPLINK_* variables)');
}
const uplinks =
  uplinkEvent && uplinkUrl && uplinkKey
    ? {
        [uplinkEvent]: {
          url: uplinkUrl,
          remoteEventId: opt('uplink-remote-event', 'RACESIDE_UPLINK_REMOTE_EVENT') ?? uplinkEvent,
          apiKey: uplinkKey,
          enabled: true,
        },
      }
    : undefined;

// Whoever reads our output (a terminal, npm, scripts/start.ts) may go away first: a write to it
// then fails (EPIPE, EIO), and that must not take the station down before it has closed cleanly.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

try {
  const station = await startStation({
    host: opt('host', 'RACESIDE_HOST'),
    port: integer('--port', opt('port', 'RACESIDE_PORT')),
    dataDir: opt('data', 'RACESIDE_DATA') ?? defaultDataDir(),
    adminSecret: opt('admin-secret', 'RACESIDE_ADMIN_SECRET'),
    settings,
    uplinks,
    publish,
    log: (line) => process.stdout.write(`${line}\n`),
    logToStderr: true,
  });
  const shownHost = station.host === '0.0.0.0' ? '0.0.0.0' : station.host;
  process.stdout.write(`Raceside listening on http://${shownHost}:${station.port}\n`);
  process.stdout.write(`Operator token (Authorization: Bearer / X-Master-Key): ${station.adminSecret}\n`);
  process.stdout.write(`Dashboard: ${station.url}/operator/#token=${encodeURIComponent(station.adminSecret)}\n`);
  process.stdout.write(`Data folder: ${station.dataDir}\n`);
  for (const url of station.lanUrls()) process.stdout.write(`Spectators on the LAN: ${url} (officials: ${url}officials)\n`);
  if (publish !== undefined) process.stdout.write(`Publishing to Redis for relays: ${shownUrl(publish)}\n`);
  if (!station.listensOnLan()) {
    process.stdout.write(
      `Warning: listening only on ${station.host}: phones, tablets and c123-server on other computers cannot reach the LAN addresses. Start with --host 0.0.0.0 to serve the venue network.\n`,
    );
  }
  if (replayPath !== undefined && replayXml !== undefined) {
    const { startReplay } = await import('./sources/canoe123/replay.ts');
    try {
      const replay = await startReplay(station.core, station.sources, {
        recordingPath: replayPath,
        xmlPath: replayXml,
        speed: Number(speedText),
        onFinished: (s) => process.stdout.write(`Replay finished: ${s.sent} of ${s.total} Canoe123 messages played into event ${replay.eventId}\n`),
      });
      process.stdout.write(
        `Replaying ${replayPath} at ${speedText}× into event ${replay.eventId}: ${station.url}/operator/#/events/${encodeURIComponent(replay.eventId)}\n`,
      );
    } catch (err) {
      process.stderr.write(`raceside: the replay could not start: ${(err as Error).message}\n`);
      await station.close();
      process.exit(2);
    }
  }
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    stopWatching();
    process.stdout.write(`${why}; closing sockets and the database…\n`);
    // Windows ends a console app a few seconds after its window is closed: be done well before.
    setTimeout(() => {
      process.stderr.write('raceside: the station did not close within 8 s; exiting anyway\n');
      process.exit(1);
    }, 8000).unref();
    await station.close();
    process.exit(0);
  };
  for (const signal of stopSignals) process.on(signal, () => void stop(`Received ${signal}`));
  // scripts/start.ts asks over its IPC channel (on Windows it cannot send a signal that is not a kill).
  process.on('message', (msg: { type?: string; signal?: string }) => {
    if (msg?.type === 'stop') void stop(`Received ${msg.signal ?? 'a stop request'} from the launcher`);
  });
  const stopWatching = watchLauncher((description) => void stop(`The station's launcher has gone (${description})`));
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  process.stderr.write(err instanceof StartupError ? `raceside: ${e.message}\n` : `raceside: could not start: ${e.message}\n`);
  process.exit(1);
}
