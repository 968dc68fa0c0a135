/**
 * A WebSocket upgrade refused before the upgrade (404 unknown event, 410 official, 503 full) is
 * answered and then destroyed on the station's side, as `ws`'s own abortHandshake does: a client
 * that reads the refusal but never closes its end must not hold a socket on the station. Without
 * the destroy, each such client left a half-closed socket behind for good.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessStation } from '../helpers/station.ts';

type Station = Awaited<ReturnType<typeof startInProcessStation>>;

/** Sends an upgrade request, waits for the whole refusal, and keeps its own end open. */
function refusedUpgrade(port: number, path: string): Promise<{ socket: net.Socket; status: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', (d: string) => (text += d));
    // The station ends its side after the answer; this client never ends its own.
    socket.on('end', () => resolve({ socket, status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0) }));
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
  });
}

const serverConnections = (station: Station) =>
  new Promise<number>((resolve, reject) => station.app.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));

describe('refused WebSocket upgrades', () => {
  let station: Station;
  const clients: net.Socket[] = [];
  beforeAll(async () => {
    station = await startInProcessStation();
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await station?.cleanup();
  });

  it('1,000 refused upgrades leave no socket open on the station', async () => {
    const before = await serverConnections(station);
    const statuses = new Map<number, number>();
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => refusedUpgrade(station.port, `/api/v1/events/nope-${batch}-${i}/ws`)));
      for (const a of answers) {
        clients.push(a.socket);
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      }
    }
    expect(Object.fromEntries(statuses)).toEqual({ 404: 1000 });
    // The refusals are written; give the station's sockets a moment to finish and close.
    let open = await serverConnections(station);
    for (let i = 0; i < 50 && open > before; i++) {
      await new Promise((r) => setTimeout(r, 20));
      open = await serverConnections(station);
    }
    console.log(`refused upgrades: 1000 answered 404 while the clients kept their ends open; station sockets open ${before} before, ${open} after`);
    expect(open).toBe(before);
  });
});
