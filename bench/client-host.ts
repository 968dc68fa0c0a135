/**
 * A process of spectator clients for the fan-out bench: it hosts the hardening suite's client
 * worker threads (test/hardening/lib/hostile-worker.ts, `healthy` role) for one server, and relays
 * the bench's commands to them over IPC. One process per server, so each side's sockets count
 * against that process's own open-file limit (10,000 clients of the station and 10,000 of the
 * floor would not fit one process's 20,000 on the build machine).
 *
 * Commands (answered with a message of the same type): `connect { url, count, batch }` (two
 * workers share the clients), `report` (every receipt since the last report), `close`.
 */
import { Worker } from 'node:worker_threads';

const workerUrl = new URL('../test/hardening/lib/hostile-worker.ts', import.meta.url);
let workers: Worker[] = [];

function call<T>(w: Worker, cmd: object, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (msg: { type: string }) => {
      if (msg.type !== reply) return;
      w.off('message', on);
      resolve(msg as T);
    };
    w.on('message', on);
    w.postMessage(cmd);
  });
}

interface Report {
  receipts: [number, number[]][];
  resultDiffBytes: number;
  resultDiffs: number;
  fulls: number;
  closedEarly: number;
}

process.on('message', async (cmd: { type: string; url?: string; count?: number; batch?: number }) => {
  if (cmd.type === 'connect') {
    const count = cmd.count!;
    workers = [0, 1].map(
      (i) =>
        new Worker(workerUrl, {
          workerData: { role: 'healthy', url: cmd.url, count: Math.floor(count / 2) + (i === 0 ? count % 2 : 0) },
        }),
    );
    const res = await Promise.all(workers.map((w) => call<{ fulls: number; closedEarly: number }>(w, { type: 'connect', batch: cmd.batch }, 'connect')));
    process.send!({ type: 'connect', fulls: res.reduce((a, r) => a + r.fulls, 0), closedEarly: res.reduce((a, r) => a + r.closedEarly, 0) });
  } else if (cmd.type === 'report') {
    const reports = await Promise.all(workers.map((w) => call<Report>(w, { type: 'report' }, 'report')));
    process.send!({
      type: 'report',
      receipts: reports.flatMap((r) => r.receipts),
      resultDiffBytes: reports.reduce((a, r) => a + r.resultDiffBytes, 0),
      resultDiffs: reports.reduce((a, r) => a + r.resultDiffs, 0),
    });
  } else if (cmd.type === 'close') {
    await Promise.all(workers.map((w) => call(w, { type: 'close' }, 'close')));
    await Promise.all(workers.map((w) => w.terminate()));
    workers = [];
    process.send!({ type: 'close' });
  }
});
process.on('disconnect', () => process.exit(0));
