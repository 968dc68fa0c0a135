/**
 * A worker thread holding many spectator WebSocket clients for the fan-out benchmark. Each client
 * parses every message as a phone would, and records when each results diff arrived, keyed by the
 * unique time the benchmark wrote into it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

const { url, count } = workerData as { url: string; count: number };
const sockets: WebSocket[] = [];
const receipts = new Map<number, number[]>();
let fulls = 0;
let bytes = 0;
let diffMessages = 0;
let closedEarly = 0;

const now = () => performance.timeOrigin + performance.now();

function open(): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString());
      if (msg.type === 'full') {
        fulls++;
        resolve();
      } else if (msg.type === 'diff' && msg.data.results) {
        bytes += data.length;
        diffMessages++;
        const id = msg.data.results[0]?.time;
        if (typeof id === 'number') {
          let list = receipts.get(id);
          if (!list) receipts.set(id, (list = []));
          list.push(now());
        }
      }
    });
    ws.on('error', () => resolve());
    ws.on('close', () => {
      closedEarly++;
      resolve();
    });
    sockets.push(ws);
  });
}

parentPort!.on('message', async (cmd: { type: string; batch?: number }) => {
  if (cmd.type === 'connect') {
    const t0 = now();
    const batch = cmd.batch ?? count;
    for (let i = 0; i < count; i += batch) {
      await Promise.all(Array.from({ length: Math.min(batch, count - i) }, open));
    }
    parentPort!.postMessage({ type: 'connected', fulls, ms: now() - t0, closedEarly });
  } else if (cmd.type === 'report') {
    parentPort!.postMessage({ type: 'report', receipts: [...receipts.entries()], bytes, diffMessages, closedEarly });
  } else if (cmd.type === 'close') {
    for (const ws of sockets) ws.terminate();
    parentPort!.postMessage({ type: 'closed' });
  }
});
