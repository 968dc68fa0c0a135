/**
 * A station process for the soak (issue 6, item 4): exactly what `src-main/cli.ts` starts
 * (`startStation` with the same defaults), plus an IPC probe the soak asks for measurements that
 * only the process itself can take: heap after a full GC (run with `--expose-gc`), the active
 * handles and requests by type (`process.getActiveResourcesInfo()`), open file descriptors where the
 * system lists them (`/dev/fd`), and
 * each event's last published sequence number. It adds no route: spectators and c123-server see
 * the ordinary station.
 *
 * Started by soak-run.ts with `fork()`: argv = [dataDir, adminSecret]; it sends
 * `{ type: 'ready', url, port }` once listening and answers `{ type: 'probe' }` with a sample.
 */
import { existsSync, readdirSync } from 'node:fs';
import { startStation } from '../../../src-main/station.ts';

const [dataDir, adminSecret] = process.argv.slice(2);
// Every spectator of the soak connects from 127.0.0.1: lift the per-address cap explicitly.
const station = await startStation({ host: '127.0.0.1', port: 0, dataDir, adminSecret, settings: { maxConnectionsPerAddress: 100_000 } });
const gc = (globalThis as { gc?: () => void }).gc;

export interface ProbeSample {
  type: 'probe';
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  resources: Record<string, number>;
  /** Open file descriptors (`/dev/fd` on Linux and macOS); null where there is no such listing (Windows). */
  fds: number | null;
  seqs: Record<string, number>;
  connections: Record<string, number>;
}

process.on('message', (msg: { type: string }) => {
  if (msg.type === 'probe') {
    gc?.();
    const m = process.memoryUsage();
    const resources: Record<string, number> = {};
    for (const r of process.getActiveResourcesInfo()) resources[r] = (resources[r] ?? 0) + 1;
    const seqs = Object.fromEntries((station.hub as unknown as { seqs: Map<string, number> }).seqs);
    const sample: ProbeSample = {
      type: 'probe',
      rssMb: m.rss / 1048576,
      heapUsedMb: m.heapUsed / 1048576,
      heapTotalMb: m.heapTotal / 1048576,
      externalMb: m.external / 1048576,
      arrayBuffersMb: m.arrayBuffers / 1048576,
      resources,
      fds: existsSync('/dev/fd') ? readdirSync('/dev/fd').length : null,
      seqs,
      connections: station.hub.connectionCounts(),
    };
    process.send!(sample);
  } else if (msg.type === 'stop') {
    void station.close().then(() => process.exit(0));
  }
});
process.send!({ type: 'ready', url: station.url, port: station.port });
