/**
 * The floor of fan-out (issue 17): a server that does only the unavoidable work of delivering one
 * live result to N phones, so the fan-out bench can print the station's delivery time as a ratio
 * of it, both measured in one run on one machine. It parses the results POST, serializes the
 * changed row once into a `diff` message, frames it as a WebSocket text frame once, and writes the
 * same bytes to every socket. Nothing else: no validation, no database, no ranking, no heartbeat,
 * no per-address limits. Never a product part; only the bench starts it.
 *
 * `node bench/floor-server.ts` prints `floor listening on http://127.0.0.1:<port>`. Every WebSocket
 * upgrade (any path) is accepted and sent a small `full` at once, as the station sends its `full`,
 * so the bench's clients treat both alike.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const sockets = new Set<Socket>();
let seq = 0;

/** One unmasked, unfragmented text frame (server to client, RFC 6455 §5.2). */
function textFrame(payload: Buffer): Buffer {
  const n = payload.length;
  let head: Buffer;
  if (n < 126) head = Buffer.from([0x81, n]);
  else if (n < 65536) head = Buffer.from([0x81, 126, n >> 8, n & 0xff]);
  else {
    head = Buffer.alloc(10);
    head[0] = 0x81;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([head, payload]);
}

const server = createServer((req, res) => {
  if (req.method !== 'POST' || !req.url?.endsWith('/ingest/results')) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { results: { raceId: string }[] };
    const row = body.results[0];
    const frame = textFrame(Buffer.from(`{"type":"diff","seq":${++seq},"data":{"raceId":${JSON.stringify(row.raceId)},"results":[${JSON.stringify(row)}]}}`));
    for (const s of sockets) s.write(frame);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"updated":1}');
  });
});

server.on('upgrade', (req, socket: Socket) => {
  socket.on('error', () => socket.destroy());
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string') {
    socket.destroy();
    return;
  }
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  socket.setNoDelay(true);
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  socket.write(textFrame(Buffer.from(`{"type":"full","seq":${seq},"data":{}}`)));
  sockets.add(socket);
  // What clients send (pongs, close frames) is read and dropped.
  socket.on('data', () => {});
  socket.on('close', () => sockets.delete(socket));
});

server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, () => {
  const address = server.address();
  process.stdout.write(`floor listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => process.exit(0));
