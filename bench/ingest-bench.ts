/**
 * Ingest benchmarks against a real station over HTTP (durable: WAL + synchronous=FULL):
 * - the real 2.9 MB XML export: in-process import time (parse + decide + commit) and HTTP round trip;
 * - one-row results ingest latency p50/p99;
 * - sustained results ingests per second at concurrency 8.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStation } from '../src-main/station.ts';
import { parseCanoe123Xml } from '../src-main/domain/canoe123/xml-export.ts';
import { realCapturePath, realXmlPath } from '../test/fixtures/real-data.ts';
import { line, median, ms, percentile } from './stats.ts';

const xml = readFileSync(realXmlPath, 'utf8');

export async function ingestBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'raceside-bench-'));
  const station = await startStation({ host: '127.0.0.1', port: 0, dataDir, pagesRoot: null });
  const base = station.url;
  const post = async (path: string, key: string, body: unknown) => {
    const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify(body) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path} → ${res.status}`);
  };
  try {
    process.stdout.write('\nIngest (real data, durable commits)\n');
    // XML parse alone
    const parse: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      parseCanoe123Xml(xml);
      parse.push(performance.now() - t);
    }
    line('XML parse, real 2.9 MB export, median of 15', ms(median(parse.slice(3))));

    // First import into fresh events (everything new), then re-imports (nothing changed).
    const fresh: number[] = [];
    const again: number[] = [];
    for (let i = 0; i < 8; i++) {
      const state = station.core.createEvent({
        eventId: `xml-${i}`,
        mainTitle: 'Bench',
        subTitle: null,
        location: null,
        facility: null,
        startDate: null,
        endDate: null,
        discipline: null,
      });
      let t = performance.now();
      await station.core.ingestXml(state.meta.eventId, xml);
      fresh.push(performance.now() - t);
      t = performance.now();
      await station.core.ingestXml(state.meta.eventId, xml);
      again.push(performance.now() - t);
    }
    line('XML import into a new event (parse+merge+commit), median', ms(median(fresh.slice(1))), '≤ 150 ms');
    line('XML re-import, nothing changed, median', ms(median(again.slice(1))));

    const ev = station.core.createEvent({
      eventId: 'live',
      mainTitle: 'Bench',
      subTitle: null,
      location: null,
      facility: null,
      startDate: null,
      endDate: null,
      discipline: null,
    });
    const key = ev.apiKey;
    const http: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t = performance.now();
      await post('/api/v1/ingest/xml', key, { xml });
      http.push(performance.now() - t);
    }
    line('XML over HTTP (JSON body 3 MB), median round trip', ms(median(http.slice(1))));
    // How long the station's main thread is held during an import (the parse runs in a worker).
    const stalls: number[] = [];
    for (let i = 0; i < 5; i++) {
      const h = monitorEventLoopDelay({ resolution: 1 });
      h.enable();
      await post('/api/v1/ingest/xml', key, { xml: xml.replace('<Time>76990</Time>', `<Time>${76000 + i}</Time>`) });
      h.disable();
      stalls.push(h.max / 1e6);
    }
    line('longest main-thread stall during an XML import, median', ms(median(stalls)));
    station.core.changeStatus('live', 'running', 'ingest');

    const riders = [...station.core.get('live')!.results.get('K1M_ST_BR2_6')!.values()];
    let n = 0;
    const oneRow = () => {
      const r = riders[n % riders.length];
      n++;
      return {
        results: [{ raceId: 'K1M_ST_BR2_6', participantId: r.participantId, bib: r.bib ?? 0, time: 8000 + n, pen: 200, total: 8200 + n, status: null }],
      };
    };
    for (let i = 0; i < 50; i++) await post('/api/v1/ingest/results', key, oneRow()); // warm up
    const lat: number[] = [];
    for (let i = 0; i < 400; i++) {
      const t = performance.now();
      await post('/api/v1/ingest/results', key, oneRow());
      lat.push(performance.now() - t);
    }
    line('one-row results ingest over HTTP, p50', ms(median(lat)), '≤ 5 ms');
    line('one-row results ingest over HTTP, p99', ms(percentile(lat, 99)));

    const seconds = 3;
    let done = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (performance.now() < until) {
          await post('/api/v1/ingest/results', key, oneRow());
          done++;
        }
      }),
    );
    line('sustained one-row results ingests, concurrency 8', `${Math.round(done / seconds)} /s`);

    const capture = readFileSync(realCapturePath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((r) => r.url.endsWith('/results'));
    const full: number[] = [];
    for (const r of capture) {
      const t = performance.now();
      await post('/api/v1/ingest/results', key, r.body);
      full.push(performance.now() - t);
    }
    line('real 103-row results push (capture), median', ms(median(full)));
  } finally {
    await station.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
