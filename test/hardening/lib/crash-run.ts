/**
 * Crash safety under load (issue 6, item 1), shared by the quick test
 * (test/hardening/crash-kill9.test.ts) and the long script (scripts/kill9.ts).
 *
 * A real station process holds the real event. Each round, four lanes push live results (1–20
 * rows a request, each lane owning its own riders so every rider's values rise in the order they
 * were acknowledged), one lane pushes the captured on-course lists, and one lane re-imports the
 * real 2.9 MB export with a numbered marker in it (event location and a class title). At a random
 * moment the station gets SIGKILL. With the process dead, its SQLite file is opened read-only:
 * `PRAGMA integrity_check` must say ok, and every row answered 2xx must be stored with a value at
 * least as new as the acknowledged one (and one that was really sent). Then the station restarts
 * and the same is checked over REST: results (BR1 races publish their run as prevTime of the
 * combined best-run rows, BR2 races as time), and the structure and details of the newest
 * acknowledged XML import.
 */
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { api, createEvent, ingest, startTestStation, type TestStation } from '../../helpers/station.ts';
import { captureFor, realXml } from '../../helpers/capture.ts';
import { median, seededRandom, sleep } from './util.ts';

export interface CrashRunOptions {
  kills: number;
  seed: number;
  /** Range of the random delay between the start of a round's streams and the kill. */
  killAfterMs: [number, number];
  log?: (line: string) => void;
}

export interface CrashRunReport {
  seed: number;
  kills: number;
  problems: string[];
  integrityChecks: number;
  ackedResultRequests: number;
  ackedResultRows: number;
  ackedOnCourse: number;
  ackedXml: number;
  unansweredAtKill: number;
  keysChecked: number;
  newerThanAcked: number;
  restartMedianMs: number;
  restartMaxMs: number;
  durationMs: number;
}

const EVENT = 'crash-kill9';
const RACES = ['K1M_ST_BR1_6', 'K1M_ST_BR2_6', 'K1W_ST_BR1_6', 'C1W_ST_BR2_6'];
const LANES = 4;
const XML_LOCATION = '<Location>Areál Lídy Polesné</Location>';
const XML_TITLE = '<LongTitle>K1m - střední trať</LongTitle>';
// Times in centiseconds from 300 s up: longer than any run in the export (so an XML import never
// "agrees" with a live value and folds it away), and under the 10 minutes past which whole-ten
// values would be read as milliseconds (live-rows.ts, detectLiveUnit).
const FIRST_TIME = 30_000;
const LAST_TIME = 59_999;

interface Key {
  raceId: string;
  participantId: string;
  bib: number;
  lane: number;
}

export async function runCrashRounds(opts: CrashRunOptions): Promise<CrashRunReport> {
  const log = opts.log ?? (() => {});
  const random = seededRandom(opts.seed);
  const t0 = performance.now();
  const xml = realXml();
  if (!xml.includes(XML_LOCATION) || !xml.includes(XML_TITLE)) throw new Error('the real export changed: markers not found');
  const markedXml = (n: number) =>
    xml.replace(XML_LOCATION, `<Location>Crash import #${n}</Location>`).replace(XML_TITLE, `<LongTitle>K1m - crash import #${n}</LongTitle>`);
  const onCourseBodies = captureFor(EVENT)
    .filter((r) => r.url.endsWith('/ingest/oncourse') && r.body.oncourse.length > 0)
    .map((r) => r.body);

  const station: TestStation = await startTestStation();
  const problems: string[] = [];
  const report: CrashRunReport = {
    seed: opts.seed,
    kills: 0,
    problems,
    integrityChecks: 0,
    ackedResultRequests: 0,
    ackedResultRows: 0,
    ackedOnCourse: 0,
    ackedXml: 0,
    unansweredAtKill: 0,
    keysChecked: 0,
    newerThanAcked: 0,
    restartMedianMs: NaN,
    restartMaxMs: NaN,
    durationMs: 0,
  };
  try {
    const { apiKey } = await createEvent(station, EVENT, 'Crash safety');
    const first = await ingest(station, apiKey, '/api/v1/ingest/xml', { xml: markedXml(0) });
    if (first.status !== 200) throw new Error(`first XML import: ${first.status} ${JSON.stringify(first.body)}`);
    await ingest(station, apiKey, `/api/v1/admin/events/${EVENT}/status`, { status: 'running' });

    const keys: Key[] = [];
    for (const raceId of RACES) {
      const res = await api(station, 'GET', `/api/v1/events/${EVENT}/startlist/${raceId}`);
      for (const r of res.body.startlist as { participantId: string; bib: number }[]) {
        keys.push({ raceId, participantId: r.participantId, bib: r.bib, lane: keys.length % LANES });
      }
    }
    const keyOf = (k: { raceId: string; participantId: string }) => `${k.raceId}|${k.participantId}`;
    const acked = new Map<string, number>();
    const sent = new Map<string, Set<number>>();
    const latest = new Map<string, number>();
    let xmlSent = 0;
    let xmlAcked = 0;
    const restarts: number[] = [];

    for (let round = 1; round <= opts.kills; round++) {
      let stop = false;
      let unanswered = 0;
      const post = async (path: string, body: unknown) => {
        try {
          return await ingest(station, apiKey, path, body);
        } catch {
          unanswered++; // in flight when the station died: not acknowledged
          return null;
        }
      };
      const resultsLane = async (lane: number) => {
        const mine = keys.filter((k) => k.lane === lane);
        while (!stop) {
          const n = 1 + Math.floor(random() * 20);
          const rows = Array.from({ length: n }, () => mine[Math.floor(random() * mine.length)]);
          const unique = [...new Map(rows.map((k) => [keyOf(k), k])).values()];
          const batch = unique.map((k) => {
            const time = (latest.get(keyOf(k)) ?? FIRST_TIME) + 1 + Math.floor(random() * 3);
            if (time > LAST_TIME) throw new Error('too many writes per rider for the time range; use fewer kills');
            latest.set(keyOf(k), time);
            let s = sent.get(keyOf(k));
            if (!s) sent.set(keyOf(k), (s = new Set()));
            s.add(time);
            return { raceId: k.raceId, participantId: k.participantId, bib: k.bib, time, pen: 0, total: time, status: null, rnk: null };
          });
          const res = await post('/api/v1/ingest/results', { results: batch });
          if (!res) continue;
          if (res.status !== 200 || res.body?.updated !== batch.length) {
            problems.push(`round ${round}: results push answered ${res.status} ${JSON.stringify(res.body)}`);
            continue;
          }
          report.ackedResultRequests++;
          report.ackedResultRows += batch.length;
          for (const row of batch) acked.set(keyOf(row), Math.max(acked.get(keyOf(row)) ?? 0, row.time));
        }
      };
      const onCourseLane = async () => {
        for (let i = 0; !stop; i++) {
          const res = await post('/api/v1/ingest/oncourse', onCourseBodies[i % onCourseBodies.length]);
          if (res?.status === 200) report.ackedOnCourse++;
          else if (res) problems.push(`round ${round}: on-course push answered ${res.status}`);
          await sleep(10);
        }
      };
      const xmlLane = async () => {
        while (!stop) {
          const n = ++xmlSent;
          const res = await post('/api/v1/ingest/xml', { xml: markedXml(n) });
          if (res?.status === 200) {
            xmlAcked = n;
            report.ackedXml++;
          } else if (res) problems.push(`round ${round}: XML import answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      };
      const lanes = [...Array.from({ length: LANES }, (_, i) => resultsLane(i)), onCourseLane(), xmlLane()];
      const killAfter = opts.killAfterMs[0] + random() * (opts.killAfterMs[1] - opts.killAfterMs[0]);
      await sleep(killAfter);
      // No new requests from here; the ones in flight meet the kill.
      stop = true;
      await station.kill();
      await Promise.all(lanes);
      report.kills++;
      report.unansweredAtKill += unanswered;

      // The process is dead: what is on disk is all there is.
      const db = new DatabaseSync(join(station.dataDir, 'raceside.sqlite'), { readOnly: true });
      try {
        const integrity = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
        if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok') problems.push(`round ${round}: integrity_check ${JSON.stringify(integrity)}`);
        else report.integrityChecks++;
        const stored = new Map<string, number | null>();
        for (const r of db.prepare('SELECT race_id, participant_id, row FROM results WHERE event_id = ?').all(EVENT) as Record<string, string>[]) {
          stored.set(`${r.race_id}|${r.participant_id}`, JSON.parse(r.row).live?.time ?? null);
        }
        checkResults(`round ${round} (on disk)`, stored);
        const ev = db.prepare('SELECT meta, structure, status, has_xml FROM events WHERE event_id = ?').get(EVENT) as Record<string, string> | undefined;
        if (!ev) problems.push(`round ${round}: the event is not on disk`);
        else {
          const location = (JSON.parse(ev.meta) as { location: string }).location;
          const title = (JSON.parse(ev.structure) as { classes: { classId: string; longTitle: string }[] }).classes.find(
            (c) => c.classId === 'K1M_ST',
          )?.longTitle;
          checkXml(`round ${round} (on disk)`, location, title, ev.status);
        }
      } finally {
        db.close();
      }

      const r0 = performance.now();
      await station.restart();
      restarts.push(performance.now() - r0);
      const detail = await api(station, 'GET', `/api/v1/events/${EVENT}`);
      if (detail.status !== 200) problems.push(`round ${round}: event detail after restart ${detail.status}`);
      else {
        const b = detail.body;
        if (b.classes.length !== 15 || b.races.length !== 44)
          problems.push(`round ${round}: structure after restart has ${b.classes.length} classes, ${b.races.length} races`);
        checkXml(`round ${round} (REST)`, b.event.location, b.classes.find((c: { classId: string }) => c.classId === 'K1M_ST')?.longTitle, b.event.status);
      }
      const published = new Map<string, number | null>();
      for (const raceId of RACES) {
        const res = await api(station, 'GET', `/api/v1/events/${EVENT}/results/${raceId}?detailed=true`);
        const run1 = raceId.includes('_BR1_');
        for (const r of res.body.results as Record<string, number | null>[]) published.set(`${raceId}|${r.participantId}`, run1 ? r.prevTime : r.time);
      }
      checkResults(`round ${round} (REST)`, published);
      log(
        `  kill ${round}/${opts.kills} after ${killAfter.toFixed(0)} ms: ${acked.size} riders acknowledged so far, XML #${xmlAcked} acknowledged, ` +
          `${unanswered} requests unanswered at the kill, restart ${restarts[restarts.length - 1].toFixed(0)} ms`,
      );
    }
    report.keysChecked = acked.size;
    report.restartMedianMs = median(restarts);
    report.restartMaxMs = Math.max(...restarts);

    function checkResults(where: string, stored: Map<string, number | null>) {
      let newer = 0;
      for (const [key, time] of acked) {
        const got = stored.get(key);
        if (got === undefined || got === null) problems.push(`${where}: ${key} acknowledged with time ${time}, not stored`);
        else if (got < time) problems.push(`${where}: ${key} acknowledged with time ${time}, stored ${got} (older)`);
        else if (!sent.get(key)?.has(got)) problems.push(`${where}: ${key} stored ${got}, a value never sent`);
        else if (got > time) newer++;
      }
      report.newerThanAcked = Math.max(report.newerThanAcked, newer);
    }
    function checkXml(where: string, location: string | null, title: string | undefined, status: string) {
      const n = Number(/#(\d+)$/.exec(location ?? '')?.[1] ?? NaN);
      const m = Number(/#(\d+)$/.exec(title ?? '')?.[1] ?? NaN);
      if (!(n >= xmlAcked && n <= xmlSent)) problems.push(`${where}: location is from XML import #${n}; acknowledged #${xmlAcked}, sent up to #${xmlSent}`);
      if (m !== n) problems.push(`${where}: class title from XML import #${m} but location from #${n} (half an import)`);
      if (status !== 'running') problems.push(`${where}: status ${status}`);
    }
  } finally {
    report.durationMs = performance.now() - t0;
    await station.cleanup();
  }
  return report;
}

export function describeCrashReport(r: CrashRunReport): string {
  return [
    `crash safety (seed ${r.seed}): ${r.kills} × kill -9 in ${(r.durationMs / 1000).toFixed(1)} s`,
    `  acknowledged: ${r.ackedResultRequests} results requests (${r.ackedResultRows} rows, ${r.keysChecked} riders checked), ${r.ackedOnCourse} on-course pushes, ${r.ackedXml} XML imports of 2.9 MB`,
    `  unanswered when killed: ${r.unansweredAtKill} requests; riders stored newer than acknowledged (committed, answer lost): up to ${r.newerThanAcked}`,
    `  PRAGMA integrity_check ok: ${r.integrityChecks}/${r.kills}; restart to listening: median ${r.restartMedianMs.toFixed(0)} ms, max ${r.restartMaxMs.toFixed(0)} ms`,
    `  problems: ${r.problems.length}`,
  ].join('\n');
}
