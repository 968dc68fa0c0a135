/**
 * The example deployment's load balancer (docs/scaling/haproxy.cfg with this machine's addresses,
 * and a global connection limit a test box can open descriptors for) in front of two relay processes, with a real redis-server and writer, all on loopback. Runs
 * where HAProxy is installed (`apt install haproxy`); skipped with a warning elsewhere.
 *
 * - Phones connect through HAProxy (the WebSocket upgrade passes), get their `full` and every
 *   message; `/health` answers through it.
 * - A relay killed: HAProxy sends its phones, reconnecting, to the other one; they are current.
 * - Redis killed: both relays say 503, HAProxy takes them out and its fallback still serves new
 *   phones (the last results beat an error); Redis back, phones end current.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createEvent, ingest, projectRoot, startTestStation, type TestStation } from '../helpers/station.ts';
import { realXml } from '../helpers/capture.ts';
import { freePort, haveRedisServer, startTestRedis, type TestRedis } from '../helpers/redis.ts';
import { startTestRelay, type TestRelay } from '../helpers/relay.ts';
import { Phone, unannouncedGaps, until } from '../helpers/phones.ts';

/** Debian puts haproxy in /usr/sbin, which is not on every user's PATH. */
const haproxyBinary = [process.env.HAPROXY, 'haproxy', '/usr/sbin/haproxy'].find((bin) => bin && spawnSync(bin, ['-v'], { stdio: 'ignore' }).status === 0);
// `.ci/run` installs haproxy, so CI runs this always; elsewhere it is skipped with a warning.
if (!haproxyBinary && !process.env.CI) console.warn('[HAProxy example not checked] no haproxy on PATH (apt-get install haproxy)');
const suite = (haproxyBinary && haveRedisServer()) || process.env.CI ? describe : describe.skip;
const ROOMY = ['--max-connections-per-address', '2000', '--trust-proxy', 'loopback'];

/** The documented config with this test's listening port and relays. */
function configFor(port: number, relays: readonly TestRelay[]): string {
  const documented = readFileSync(join(projectRoot, 'docs/scaling/haproxy.cfg'), 'utf8');
  const servers = relays.map((r, i) => `    server relay${i + 1} 127.0.0.1:${r.port}`).join('\n');
  return documented
    .replace(/^\s*maxconn 120000$/m, '    maxconn 4000')
    .replace(/^\s*fd-hard-limit .*$/m, '')
    .replace(/^\s*bind :80$/m, `    bind 127.0.0.1:${port}`)
    .replace(/(?:^\s*server relay\d+ .*\n?)+/gm, `${servers}\n`);
}

suite('the example HAProxy in front of relays', () => {
  let redis: TestRedis;
  let writer: TestStation;
  let relays: TestRelay[];
  let haproxy: ChildProcess;
  let dir: string;
  let lb: { url: string };
  let apiKey: string;
  const log: string[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    writer = await startTestStation({ args: ['--publish', redis.url] });
    ({ apiKey } = await createEvent(writer, 'lb'));
    expect((await ingest(writer, apiKey, '/api/v1/ingest/xml', { xml: realXml() })).status).toBe(200);
    expect((await ingest(writer, apiKey, '/api/v1/admin/events/lb/status', { status: 'running' })).status).toBe(200);
    relays = await Promise.all([startTestRelay(redis.url, { args: ROOMY }), startTestRelay(redis.url, { args: ROOMY })]);
    dir = mkdtempSync(join(tmpdir(), 'raceside-haproxy-'));
    const port = await freePort();
    writeFileSync(join(dir, 'haproxy.cfg'), configFor(port, relays));
    haproxy = spawn(haproxyBinary ?? 'haproxy', ['-db', '-f', join(dir, 'haproxy.cfg')], { stdio: ['ignore', 'pipe', 'pipe'] });
    haproxy.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
    haproxy.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
    lb = { url: `http://127.0.0.1:${port}` };
    await until(
      async () => {
        if (haproxy.exitCode !== null) throw new Error(`haproxy exited:\n${log.join('')}`);
        return (await fetch(`${lb.url}/health`).catch(() => null))?.status === 200;
      },
      15_000,
      'HAProxy up',
    );
  }, 60_000);

  afterAll(async () => {
    haproxy?.kill('SIGKILL');
    for (const r of relays ?? []) await r.cleanup();
    await writer?.cleanup();
    await redis?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const current = (phones: Phone[], reference: Phone) => phones.every((p) => p.last?.seq === reference.last?.seq && p.last?.bootId === reference.last?.bootId);
  const push = (time: number) =>
    ingest(writer, apiKey, '/api/v1/ingest/results', {
      results: [{ raceId: 'K1M_ST_BR2_6', participantId: '12054.K1M_ST', bib: 1, time, pen: 0, total: time, status: null }],
    });

  it('passes the WebSocket upgrade, spreads the phones, and moves them off a relay that dies', async () => {
    const health = await api(lb, 'GET', '/health');
    expect(health.body).toMatchObject({ status: 'ok', redis: 'connected', current: true });
    const reference = new Phone('lb');
    await reference.connect(writer);
    const phones = Array.from({ length: 20 }, () => new Phone('lb'));
    await Promise.all(phones.map((p) => p.connect(lb)));
    const spread = await Promise.all(relays.map(async (r) => (await api(r, 'GET', '/health')).body.spectators as number));
    expect(spread.every((n) => n > 0)).toBe(true);
    expect((await push(7001)).status).toBe(200);
    await until(() => current(phones, reference), 10_000, 'phones current');

    for (const p of phones) p.reconnectTo = lb;
    const killedAt = performance.now();
    await relays[0].kill();
    for (let t = 7002; t < 7010; t++) {
      expect((await push(t)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
    }
    await until(() => current(phones, reference), 10_000, 'phones current after a relay died');
    console.log(
      `haproxy: 20 phones on 2 relays (${spread.join(' + ')}); one relay killed, all current again ${Math.round(performance.now() - killedAt)} ms later`,
    );
    for (const p of phones) {
      expect(unannouncedGaps(p.received)).toEqual([]);
      p.close();
    }
    reference.close();
  }, 60_000);

  it('keeps serving from the relays when Redis is down (the fallback backend)', async () => {
    await redis.kill();
    // Both relays say 503; after the checks HAProxy uses its fallback.
    await until(async () => (await api(relays[1], 'GET', '/health')).status === 503, 10_000, 'relay unhealthy');
    await new Promise((r) => setTimeout(r, 6000));
    const phone = new Phone('lb');
    await phone.connect(lb);
    expect(phone.last?.type).toBe('full');
    expect((await api(lb, 'GET', '/api/v1/events/lb/results/K1M_ST_BR2_6')).status).toBe(200);
    const reference = new Phone('lb');
    await reference.connect(writer);
    await redis.restart();
    expect((await push(7100)).status).toBe(200);
    await until(() => current([phone], reference), 15_000, 'phone current after Redis came back');
    expect(unannouncedGaps(phone.received)).toEqual([]);
    phone.close();
    reference.close();
  }, 60_000);
});
