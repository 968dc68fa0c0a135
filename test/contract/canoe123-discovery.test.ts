/**
 * Finding Canoe123 without an address (issue 12, item 1): Canoe123 broadcasts its messages on UDP
 * 27333; an event whose direct source has no host waits, says so on the dashboard, and connects
 * over TCP to the first timing PC heard. Real UDP and TCP sockets on loopback (the UDP port is a
 * setting so the test does not need 27333).
 */
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, operator, startInProcessStation } from '../helpers/station.ts';
import { FakeCanoe123 } from '../../src-main/sources/canoe123/fake-canoe123.ts';
import { findCanoe123Exports } from '../../src-main/sources/canoe123/xml-locator.ts';

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  s.bind(0, '127.0.0.1');
  await once(s, 'listening');
  const port = s.address().port;
  s.close();
  return port;
}

async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 5000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('UDP discovery of Canoe123', () => {
  let station: Awaited<ReturnType<typeof startInProcessStation>>;
  let fake: FakeCanoe123;
  let udpPort: number;

  beforeAll(async () => {
    udpPort = await freeUdpPort();
    station = await startInProcessStation({ canoe123UdpPort: udpPort, canoe123ReconnectMs: 50 });
    station.core.createEvent({
      eventId: 'found',
      mainTitle: 'Found',
      subTitle: null,
      location: null,
      facility: null,
      startDate: null,
      endDate: null,
      discipline: null,
    });
    fake = new FakeCanoe123();
  });
  afterAll(async () => {
    await fake?.close();
    await station?.cleanup();
  });

  it('waits for a broadcast, says so, then connects to the timing PC it heard', async () => {
    const { port } = await fake.listen();
    const put = await api(station, 'PUT', '/api/v1/admin/events/found/source', {
      headers: operator(station as never),
      body: { kind: 'canoe123', host: null, port },
    });
    expect(put.status).toBe(200);
    expect(put.body.connection).toMatchObject({ state: 'discovering', problem: { code: 'noHost' } });
    // Something else on the port is not Canoe123: not taken.
    const udp = createSocket('udp4');
    udp.send(Buffer.from('hello'), udpPort, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 200));
    expect((await api(station, 'GET', '/api/v1/admin/events/found/source', { headers: operator(station as never) })).body.discovered).toEqual([]);
    // A fragment of a Canoe123 broadcast is enough to learn the sender.
    udp.send(Buffer.from('<Canoe123 System="Main"><TimeOfDay>10:34:11</TimeOfDay></Canoe123>'), udpPort, '127.0.0.1');
    await fake.waitForClient();
    udp.close();
    fake.send('<Canoe123 System="Main"><TimeOfDay>10:34:12</TimeOfDay></Canoe123>');
    const status = await waitFor('connected', async () => {
      const s = (await api(station, 'GET', '/api/v1/admin/events/found/source', { headers: operator(station as never) })).body;
      return s.connection.state === 'connected' ? s : null;
    });
    expect(status.connection).toMatchObject({ address: `127.0.0.1:${port}`, venueClock: '10:34:12', problem: null });
    expect(status.discovered.map((d: { host: string }) => d.host)).toEqual(['127.0.0.1']);
  });

  it('takes an address pasted with its port', async () => {
    const put = await api(station, 'PUT', '/api/v1/admin/events/found/source', {
      headers: operator(station as never),
      body: { kind: 'canoe123', host: ' 192.168.1.20:27334 ', port: 27333 },
    });
    expect(put.body.config).toMatchObject({ host: '192.168.1.20', port: 27334 });
    const bad = await api(station, 'PUT', '/api/v1/admin/events/found/source', {
      headers: operator(station as never),
      body: { kind: 'canoe123', host: 'timing pc', port: 27333 },
    });
    expect(bad.status).toBe(400);
    await api(station, 'PUT', '/api/v1/admin/events/found/source', { headers: operator(station as never), body: { kind: 'c123-server' } });
  });
});

describe("Canoe123's export from its own settings (Windows)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'raceside-siwidata-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const userConfig = (eventFile: string, copyFolder: string) => `<?xml version="1.0" encoding="utf-8"?>
<configuration><userSettings><Canoe123.Properties.Settings>
  <setting name="CurrentEventFile" serializeAs="String"><value>${eventFile}</value></setting>
  <setting name="AutoCopyFolder" serializeAs="String"><value>${copyFolder}</value></setting>
</Canoe123.Properties.Settings></userSettings></configuration>`;

  it('offers the auto-copy first, then the event file, newest settings first, only files that exist', async () => {
    const events = join(dir, 'events');
    const copies = join(dir, 'copies');
    mkdirSync(events);
    mkdirSync(copies);
    writeFileSync(join(events, 'jarni.xml'), '<Canoe123Data/>');
    writeFileSync(join(copies, 'jarni.xml'), '<Canoe123Data/>');
    writeFileSync(join(events, 'old.xml'), '<Canoe123Data/>');
    const newer = join(dir, 'SIWIDATA', 'Canoe123.exe_Url_abc', '2.25.3.30510');
    const older = join(dir, 'SIWIDATA', 'Canoe123.exe_Url_abc', '2.24.1.1');
    mkdirSync(newer, { recursive: true });
    mkdirSync(older, { recursive: true });
    writeFileSync(join(newer, 'user.config'), userConfig(join(events, 'jarni.xml'), copies));
    writeFileSync(join(older, 'user.config'), userConfig(join(events, 'old.xml'), join(dir, 'gone')));
    utimesSync(join(older, 'user.config'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(await findCanoe123Exports({ platform: 'win32', localAppData: dir })).toEqual([
      join(copies, 'jarni.xml'),
      join(events, 'jarni.xml'),
      join(events, 'old.xml'),
    ]);
  });

  it("finds nothing elsewhere than Windows, or without Canoe123's settings", async () => {
    expect(await findCanoe123Exports({ platform: 'linux', localAppData: dir })).toEqual([]);
    expect(await findCanoe123Exports({ platform: 'win32', localAppData: join(dir, 'nothing-here') })).toEqual([]);
  });
});
