/**
 * A worker thread of spectator clients for the stalled-and-hostile test (issue 6, item 3), in one
 * of three roles (workerData.role):
 *
 * - `healthy`: WebSocket clients that parse every message as a phone would and record when each
 *   results diff arrived, keyed by the unique run time the test wrote into it (the URL says which
 *   live protocol they speak: `?v=2` for the compact one);
 * - `stalled`: raw TCP sockets that do the WebSocket upgrade and then never read again;
 * - `churn`: loops that connect and drop, in four manners: after the `full`, right after the
 *   upgrade, halfway through the upgrade request, and right after the TCP connect.
 *
 * Commands arrive as messages ({ type: 'connect' | 'start' | 'stop' | 'count' | 'report' | 'close' }) and
 * are answered with a message of the same type.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

interface Data {
  role: 'healthy' | 'stalled' | 'churn';
  /** ws://host:port/api/v1/events/<id>/ws */
  url: string;
  count: number;
  /** churn: pause between two cycles of a loop. */
  pauseMs?: number;
}

const { role, url, count, pauseMs = 5 } = workerData as Data;
const target = new URL(url);
const port = Number(target.port);
const host = target.hostname;
const now = () => performance.timeOrigin + performance.now();
const reply = (msg: object) => parentPort!.postMessage(msg);
const upgradeRequest =
  `GET ${target.pathname} HTTP/1.1\r\nHost: ${host}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';

// ---- healthy --------------------------------------------------------------------------------

const sockets: WebSocket[] = [];
const receipts = new Map<number, number[]>();
let fulls = 0;
let diffs = 0;
let resultDiffBytes = 0;
let resultDiffs = 0;
let closedEarly = 0;
const closeCodes = new Map<number, number>();

function openHealthy(): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString());
      if (msg.type === 'full') {
        fulls++;
        resolve();
      } else if (msg.type === 'diff') {
        diffs++;
        // Protocol 1 (no `?v=` in the URL) sends a changed row complete; protocol 2 as `changed`.
        const rows = msg.data.results ?? msg.data.changed;
        if (rows) {
          resultDiffs++;
          resultDiffBytes += data.length;
        }
        const id = rows?.[0]?.time;
        if (typeof id === 'number') {
          let list = receipts.get(id);
          if (!list) receipts.set(id, (list = []));
          list.push(now());
        }
      }
    });
    ws.on('error', () => resolve());
    ws.on('close', (code: number) => {
      closedEarly++;
      closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
      resolve();
    });
    sockets.push(ws);
  });
}

// ---- stalled --------------------------------------------------------------------------------

const stalled: Socket[] = [];
let stalledUpgraded = 0;
let stalledEnded = 0;

function openStalled(): Promise<void> {
  return new Promise((resolve) => {
    const s = tcpConnect(port, host);
    let head = '';
    const onData = (d: Buffer) => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      s.off('data', onData);
      // From here on this phone never reads: the kernel's buffers fill, then the station's.
      s.pause();
      if (head.startsWith('HTTP/1.1 101')) stalledUpgraded++;
      resolve();
    };
    s.on('data', onData);
    s.on('error', () => resolve());
    s.on('close', () => {
      stalledEnded++;
      resolve();
    });
    s.on('connect', () => s.write(upgradeRequest));
    stalled.push(s);
  });
}

// ---- churn ----------------------------------------------------------------------------------

let churning = false;
const churn = { cycles: 0, fulls: 0, refused: 0, errors: 0 };

function cycle(kind: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    if (kind < 2) {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.on('unexpected-response', (_req, res) => {
        churn.refused++;
        res.resume();
        ws.terminate();
        done();
      });
      ws.on('error', () => {
        churn.errors++;
        done();
      });
      ws.on('close', done);
      if (kind === 0) {
        ws.once('message', () => {
          churn.fulls++;
          ws.terminate();
        });
      } else ws.once('open', () => ws.terminate());
      return;
    }
    const s = tcpConnect(port, host);
    s.on('error', done);
    s.on('close', done);
    s.on('connect', () => {
      if (kind === 2) s.write(upgradeRequest.slice(0, 40));
      s.destroy();
    });
  });
}

async function churnLoop(lane: number): Promise<void> {
  for (let i = lane; churning; i++) {
    await cycle(i % 4);
    churn.cycles++;
    await new Promise((r) => setTimeout(r, pauseMs));
  }
}

// ---- commands -------------------------------------------------------------------------------

const loops: Promise<void>[] = [];

parentPort!.on('message', async (cmd: { type: string; batch?: number }) => {
  if (cmd.type === 'connect') {
    const open = role === 'healthy' ? openHealthy : openStalled;
    const batch = cmd.batch ?? 100;
    for (let i = 0; i < count; i += batch) await Promise.all(Array.from({ length: Math.min(batch, count - i) }, open));
    reply({ type: 'connect', fulls, stalledUpgraded, closedEarly });
  } else if (cmd.type === 'start') {
    churning = true;
    for (let lane = 0; lane < count; lane++) loops.push(churnLoop(lane));
    reply({ type: 'start' });
  } else if (cmd.type === 'stop') {
    churning = false;
    await Promise.all(loops.splice(0));
    reply({ type: 'stop', ...churn });
  } else if (cmd.type === 'count') {
    let received = 0;
    for (const times of receipts.values()) received += times.length;
    reply({ type: 'count', received });
  } else if (cmd.type === 'report') {
    reply({
      type: 'report',
      receipts: [...receipts.entries()],
      fulls,
      diffs,
      resultDiffs,
      resultDiffBytes,
      closedEarly,
      closeCodes: [...closeCodes.entries()],
      stalledUpgraded,
      stalledEnded,
      churn,
    });
    receipts.clear();
  } else if (cmd.type === 'close') {
    for (const ws of sockets) ws.terminate();
    for (const s of stalled) s.destroy();
    sockets.length = 0;
    stalled.length = 0;
    reply({ type: 'close' });
  }
});
