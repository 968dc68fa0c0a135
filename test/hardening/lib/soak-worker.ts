/**
 * Spectator clients for the soak (issue 6, item 4), in a worker thread.
 *
 * - `stable` clients stay connected all day and keep what a phone keeps: the last sequence
 *   number (counting gaps), the results of one race (the REST list they started from, with every
 *   `diff` applied: rows upserted, `ranks` merged, `removed` dropped) and the on-course list.
 *   At the end the soak compares each with the station's REST answers.
 * - `churn` clients come and go all day (stay 0.5–4 s, leave, come back), so joining and leaving
 *   run thousands of times: what they leak would show in the station's handles and heap.
 */
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

interface Data {
  role: 'stable' | 'churn';
  url: string;
  count: number;
  /** The race whose results the stable clients follow, and its best-run partner. */
  raceIds: string[];
}

type Row = Record<string, unknown> & { participantId: string };

interface Client {
  ws: WebSocket;
  lastSeq: number;
  gaps: number;
  fulls: number;
  refreshes: number;
  diffs: number;
  closed: number | null;
  results: Map<string, Row>;
  oncourse: unknown[] | null;
  bytes: number;
  resultDiffs: number;
  resultDiffBytes: number;
  onCourseBytes: number;
}

const { url, count, raceIds } = workerData as Data;
const clients: Client[] = [];
const churn = { joins: 0, fulls: 0, refused: 0, errors: 0 };
let churning = false;

function openStable(initial: Row[]): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const c: Client = {
      ws,
      lastSeq: -1,
      gaps: 0,
      fulls: 0,
      refreshes: 0,
      diffs: 0,
      closed: null,
      results: new Map(initial.map((r) => [r.participantId, { ...r }])),
      oncourse: null,
      bytes: 0,
      resultDiffs: 0,
      resultDiffBytes: 0,
      onCourseBytes: 0,
    };
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString());
      c.bytes += data.length;
      if (msg.type === 'diff' && msg.data.results) {
        c.resultDiffs++;
        c.resultDiffBytes += data.length;
      }
      if (msg.type === 'diff' && msg.data.oncourse) c.onCourseBytes += data.length;
      if (c.lastSeq >= 0 && msg.seq !== c.lastSeq + 1) c.gaps++;
      c.lastSeq = msg.seq;
      if (msg.type === 'full') {
        c.fulls++;
        resolve();
        return;
      }
      if (msg.type === 'refresh') {
        c.refreshes++;
        return;
      }
      c.diffs++;
      const d = msg.data;
      if (d.oncourse) c.oncourse = d.oncourse;
      if (d.raceId && raceIds.includes(d.raceId)) {
        for (const row of d.results ?? []) c.results.set(row.participantId, row);
        for (const r of d.ranks ?? []) {
          const row = c.results.get(r.participantId);
          if (row) c.results.set(r.participantId, { ...row, ...r });
        }
        for (const id of d.removed ?? []) c.results.delete(id);
      }
    });
    ws.on('close', (code: number) => {
      c.closed = code;
      resolve();
    });
    ws.on('error', () => resolve());
    clients.push(c);
  });
}

async function churnLoop(): Promise<void> {
  while (churning) {
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      churn.joins++;
      const stay = 500 + Math.random() * 3500;
      let timer: NodeJS.Timeout | null = null;
      ws.once('message', () => {
        churn.fulls++;
        timer = setTimeout(() => ws.close(), stay);
      });
      ws.on('unexpected-response', (_req, res) => {
        churn.refused++;
        res.resume();
        ws.terminate();
      });
      ws.on('error', () => churn.errors++);
      ws.on('close', () => {
        if (timer) clearTimeout(timer);
        resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
  }
}

const loops: Promise<void>[] = [];

/** JSON with sorted keys: equal data gives equal text whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
const byId = (a: Row, b: Row) => a.participantId.localeCompare(b.participantId);
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `client …${a.slice(Math.max(0, i - 80), i + 60)}… REST …${b.slice(Math.max(0, i - 80), i + 60)}…`;
}

parentPort!.on('message', async (cmd: { type: string; initial?: Row[]; expected?: { seq: number; results: Row[]; oncourse: unknown[] } }) => {
  if (cmd.type === 'connect') {
    for (let i = 0; i < count; i += 50) await Promise.all(Array.from({ length: Math.min(50, count - i) }, () => openStable(cmd.initial ?? [])));
    parentPort!.postMessage({ type: 'connect', connected: clients.filter((c) => c.closed === null).length });
  } else if (cmd.type === 'start') {
    churning = true;
    for (let i = 0; i < count; i++) loops.push(churnLoop());
    parentPort!.postMessage({ type: 'start' });
  } else if (cmd.type === 'stop') {
    churning = false;
    await Promise.all(loops.splice(0));
    parentPort!.postMessage({ type: 'stop', ...churn });
  } else if (cmd.type === 'report') {
    // Compared here, so only the verdict crosses the thread boundary.
    const want = cmd.expected!;
    const wantResults = canonical([...want.results].sort(byId));
    const wantOnCourse = canonical(want.oncourse);
    const stale: string[] = [];
    let current = 0;
    clients.forEach((c, i) => {
      const problems: string[] = [];
      if (c.closed !== null) problems.push(`closed with ${c.closed}`);
      if (c.lastSeq !== want.seq) problems.push(`last seq ${c.lastSeq}, station ${want.seq}`);
      if (c.gaps) problems.push(`${c.gaps} seq gaps`);
      if (c.fulls !== 1 || c.refreshes) problems.push(`${c.fulls} fulls, ${c.refreshes} refreshes`);
      const got = canonical([...c.results.values()].sort(byId));
      if (got !== wantResults) problems.push(`results differ from REST: ${firstDifference(got, wantResults)}`);
      if (canonical(c.oncourse ?? []) !== wantOnCourse) problems.push('on-course list differs from REST');
      if (problems.length) stale.push(`client ${i}: ${problems.join('; ')}`);
      else current++;
    });
    parentPort!.postMessage({
      type: 'report',
      current,
      stale: stale.slice(0, 10),
      staleCount: stale.length,
      diffs: clients.reduce((a, c) => a + c.diffs, 0),
      bytes: clients.reduce((a, c) => a + c.bytes, 0),
      resultDiffs: clients.reduce((a, c) => a + c.resultDiffs, 0),
      resultDiffBytes: clients.reduce((a, c) => a + c.resultDiffBytes, 0),
      onCourseBytes: clients.reduce((a, c) => a + c.onCourseBytes, 0),
    });
  } else if (cmd.type === 'close') {
    for (const c of clients) c.ws.close();
    await Promise.all(clients.map((c) => (c.closed !== null ? null : new Promise((r) => c.ws.once('close', r)))));
    parentPort!.postMessage({ type: 'close' });
  }
});
