/**
 * The WebSocket door: `GET /api/v1/events/:eventId/ws` on the station's own HTTP server. Every
 * rejection (docs/LIVE-PIPELINE.md) is decided before the upgrade and answered as plain HTTP with
 * the JSON error body: 404 unknown or draft event, 410 official event, 503 room full
 * (`maxConnectionsPerEvent`) or too many sockets from this client address
 * (`maxConnectionsPerAddress`, so one device or script cannot take every slot). A refused socket is
 * destroyed once the answer is out. `?v=2` in the URL asks for live protocol 2 (wire/live.ts); a
 * version this station does not know yet gets the newest it speaks, anything else protocol 1. The
 * same door serves a station and a relay: what it knows of an event comes from their public source
 * (http/public-source.ts).
 *
 * Venue screens (issue 15) come through the same door on a station: their control socket
 * `GET /api/v1/screens/ws?kind=&id=` goes to the screen registry (400 on a malformed query, 503
 * past the screens' own limits: TooManyConnections per address, ConnectionLimitReached in all),
 * and an event socket tagged `?screen=<id>` by a screen whose control socket is open from the
 * same address joins the room outside both the room's and the address's limits and counts in
 * neither: a room, or a NAT'd address, full of phones never locks the big screen out, and a
 * screen never takes a phone's place. A relay has no screen registry: venue screens are
 * venue-side, the screens socket is 404 there and `?screen=` claims nothing.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorTable, type ErrorCode } from '../wire/errors.ts';
import { LIVE_PROTOCOL } from '../wire/live.ts';
import type { Settings } from '../settings.ts';
import type { PublicSource } from '../http/public-source.ts';
import type { SpectatorHub } from './spectator-hub.ts';
import type { SpectatorSocket } from './room.ts';
import { ScreenRegistry } from '../screens/screen-registry.ts';

const PATH = /^\/api\/v1\/events\/([^/?#]+)\/ws\/?(?:\?.*)?$/;
const SCREENS_PATH = /^\/api\/v1\/screens\/ws\/?(?:\?.*)?$/;

export interface UpgradeOptions {
  /**
   * Names the client for the per-address cap: the socket's peer on a station; on a relay behind a
   * load balancer, the address the balancer forwarded (relay.ts).
   */
  addressOf?: (req: IncomingMessage) => string;
  /** The venue screens' registry (a station's); a relay has none. */
  screens?: ScreenRegistry;
}

export function attachUpgrade(
  server: Server,
  source: PublicSource,
  settings: Settings,
  hub: SpectatorHub,
  { addressOf = clientAddress, screens }: UpgradeOptions = {},
): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const address = addressOf(req);
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    if (screens && SCREENS_PATH.test(req.url ?? '')) {
      const ident = ScreenRegistry.identify(query, address);
      if ('error' in ident) return refuse(socket, 'InvalidRequest', ident.error);
      const full = screens.refusal(address);
      if (full) return refuse(socket, full.code, 'Too many venue screens are connected', full.detail);
      return hub.wss.handleUpgrade(req, socket, head, (ws) => screens.join(ws, ident));
    }
    const match = PATH.exec(req.url ?? '');
    if (!match) return refuse(socket, 'NotFound', `No WebSocket at ${req.url}`);
    let eventId: string;
    try {
      eventId = decodeURIComponent(match[1]);
    } catch {
      return refuse(socket, 'EventNotFound');
    }
    const event = source.event(eventId);
    if (!event || event.status === 'draft') return refuse(socket, 'EventNotFound');
    if (event.status === 'official') return refuse(socket, 'EventOfficial');
    const screenId = query.get('screen');
    const isScreen = !!screens && !!screenId && screens.mayClaimDataSlot(screenId, address);
    const max = settings.maxConnectionsPerEvent;
    if (!isScreen && hub.connections(eventId) >= max) return refuse(socket, 'ConnectionLimitReached', undefined, { maxConnections: max });
    const perAddress = settings.maxConnectionsPerAddress;
    if (!isScreen && hub.connectionsFrom(address) >= perAddress) {
      return refuse(socket, 'TooManyConnections', `Too many live connections from ${address} (at most ${perAddress})`, {
        maxConnectionsPerAddress: perAddress,
      });
    }
    const protocol = liveProtocol(req.url ?? '');
    hub.wss.handleUpgrade(req, socket, head, (ws: SpectatorSocket) => {
      // The room writes whole frames to the stream itself (room.ts).
      ws.stream = socket;
      ws.isScreen = isScreen && screens!.claimDataSlot(screenId!, address, ws);
      hub.join(eventId, ws, address, protocol);
    });
  });
}

/** The live protocol the client asked for: `?v=<n>`, at most the newest this station speaks. */
function liveProtocol(url: string): number {
  const q = url.indexOf('?');
  const v = q < 0 ? null : new URLSearchParams(url.slice(q + 1)).get('v');
  const n = v !== null && /^\d{1,3}$/.test(v) ? Number(v) : 1;
  return Math.max(1, Math.min(n, LIVE_PROTOCOL));
}

/** The client's address as the station sees it (IPv4 without its `::ffff:` prefix). */
export function clientAddress(req: IncomingMessage): string {
  return plainAddress(req.socket.remoteAddress ?? 'unknown');
}

/** An address without the `::ffff:` prefix of an IPv4 address on an IPv6 socket. */
export function plainAddress(a: string): string {
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

function refuse(socket: Duplex, code: ErrorCode, message?: string, extra: Record<string, unknown> = {}): void {
  const { status } = errorTable[code];
  const body = JSON.stringify({ error: code, message: message ?? errorTable[code].message, ...extra });
  const reason = { 400: 'Bad Request', 404: 'Not Found', 410: 'Gone', 503: 'Service Unavailable' }[status as 400 | 404 | 410 | 503] ?? 'Error';
  // As ws's abortHandshake: once the answer is flushed the socket is destroyed. `end()` alone only
  // half-closes it, and a client that never closes its own end would hold it open for good.
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n${status === 503 ? 'Retry-After: 5\r\n' : ''}\r\n${body}`,
  );
}
