/**
 * Raceside ranks every race itself (one ranking authority). This test holds our public results for
 * every race of the real export against the ranks Canoe123 wrote into that export: run-1 place
 * (Rnk on BR1 rows → our prevRnk), combined place and category place (TotalRnk/TotalCatRnk on BR2
 * rows → our rnk/catRnk), the better total (TotalTotal) and which run counted (BetterRunNr).
 *
 * Canoe123's values are read here with plain regular expressions, independently of our parser.
 * Every disagreement must fall into one of the explained kinds below, and their numbers are pinned.
 *
 * Ties: the export has two ties on the counting total (K1M_ST_BR2_7 and C1M_ST_BR2_7, day 7).
 * Canoe123 breaks them by the ICF rule (the other run's total, its `TieBreaker`), and so do we:
 * they agree, and a test below checks them one by one. Until issue 11 Raceside shared those
 * places, and they were the 2 "ties" of the 37 disagreements then pinned here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, ingest, startInProcessStation } from '../helpers/station.ts';
import { realXml } from '../helpers/capture.ts';

type Station = Awaited<ReturnType<typeof startInProcessStation>>;

interface C123Row {
  raceId: string;
  id: string;
  has: (f: string) => boolean;
  num: (f: string) => number | null;
  str: (f: string) => string | null;
}

function readCanoe123Rows(xml: string): C123Row[] {
  return xml
    .split('<Results>')
    .slice(1)
    .map((chunk) => {
      const block = chunk.split('</Results>')[0];
      const str = (f: string) => new RegExp(`<${f}>([^<]*)</${f}>`).exec(block)?.[1]?.trim() || null;
      const num = (f: string) => {
        const v = str(f);
        return v === null ? null : Number(v);
      };
      return { raceId: str('RaceId')!, id: str('Id')!, has: (f) => str(f) !== null, num, str };
    });
}

describe('our ranks against the ranks Canoe123 wrote into the real export', () => {
  let station: Station;
  const results = new Map<string, Map<string, any>>();
  const rows = readCanoe123Rows(realXml());

  beforeAll(async () => {
    station = await startInProcessStation();
    const created = await api(station, 'POST', '/api/v1/admin/events', {
      headers: { 'x-master-key': station.adminSecret },
      body: { eventId: 'ranks', mainTitle: 'Ranks' },
    });
    await ingest(station, created.body.apiKey, '/api/v1/ingest/xml', { xml: realXml() });
    await ingest(station, created.body.apiKey, '/api/v1/admin/events/ranks/status', { status: 'running' });
    for (const raceId of new Set(rows.map((r) => r.raceId))) {
      const res = await api(station, 'GET', `/api/v1/events/ranks/results/${raceId}`);
      expect(res.status).toBe(200);
      results.set(raceId, new Map(res.body.results.map((r: any) => [r.participantId, r])));
    }
  });
  afterAll(async () => station?.cleanup());

  it('agrees on every row but the explained kinds of disagreement', () => {
    const br1 = new Map(rows.filter((r) => r.raceId.includes('_BR1_')).map((r) => [`${r.raceId.replace('_BR1_', '_BR2_')}|${r.id}`, r]));
    // Kind 1 — stale aggregate: Canoe123's BR2 row carries TotalTotal/TotalRnk although neither run
    // has a time or status in the export (run-1 results were cleared in this re-saved test copy).
    const isStale = (r: C123Row) => {
      const run1 = br1.get(`${r.raceId}|${r.id}`);
      return r.has('TotalTotal') && !r.has('Time') && !r.has('Status') && !!run1 && !run1.has('Time') && !run1.has('Status');
    };
    const stale = rows.filter((r) => r.raceId.includes('_BR2_') && isStale(r));
    const counts = { agree: 0, stale: 0, shiftedByStale: 0, placeForUnranked: 0 };
    const unexplained: string[] = [];

    for (const r of rows) {
      const ours = results.get(r.raceId)!.get(r.id);
      expect(ours, `${r.raceId} ${r.id}`).toBeDefined();
      if (r.raceId.includes('_BR1_')) {
        const rnk = r.num('Rnk') || null;
        if ((ours.prevRnk ?? null) === rnk) counts.agree++;
        else unexplained.push(`${r.raceId} ${r.id}: Rnk ${rnk} vs prevRnk ${ours.prevRnk}`);
        continue;
      }
      const tt = r.num('TotalTotal');
      const theirs = {
        rnk: r.num('TotalRnk') || null,
        catRnk: r.num('TotalCatRnk') || null,
        totalTotal: tt ? Math.round(tt / 10) : null,
        betterRunNr: r.num('BetterRunNr') || null,
      };
      const mine = { rnk: ours.rnk, catRnk: ours.catRnk, totalTotal: ours.totalTotal, betterRunNr: ours.betterRunNr };
      if (JSON.stringify(theirs) === JSON.stringify(mine)) {
        counts.agree++;
        continue;
      }
      if (isStale(r) && mine.rnk === null && mine.totalTotal === null) {
        counts.stale++;
        continue;
      }
      // Kind 2 — Canoe123 still ranks the stale rows, so everyone behind them sits lower by exactly
      // the number of stale rows ahead (overall, and in the category for the category place).
      const staleAhead = stale.filter((s) => s.raceId === r.raceId && (s.num('TotalTotal') ?? Infinity) < (tt ?? 0));
      const catOf = (id: string) => results.get(r.raceId)!.get(id)?.catId ?? null;
      const staleAheadInCat = staleAhead.filter((s) => catOf(s.id) === ours.catId);
      if (
        staleAhead.length > 0 &&
        theirs.totalTotal === mine.totalTotal &&
        theirs.betterRunNr === mine.betterRunNr &&
        theirs.rnk! - mine.rnk === staleAhead.length &&
        theirs.catRnk! - mine.catRnk === staleAheadInCat.length
      ) {
        counts.shiftedByStale++;
        continue;
      }
      // Kind 3 — rows that did not finish a counting run (DNS/DNF/DSQ in both): Canoe123 still
      // writes a list position as TotalCatRnk (and sometimes BetterRunNr 2); we give them no place.
      if (mine.rnk === null && theirs.rnk === null && mine.totalTotal === null && theirs.totalTotal === null && ours.status !== null) {
        counts.placeForUnranked++;
        continue;
      }
      unexplained.push(`${r.raceId} ${r.id}: Canoe123 ${JSON.stringify(theirs)} vs ours ${JSON.stringify(mine)}`);
    }
    console.log('rank agreement with Canoe123:', JSON.stringify(counts));
    expect(unexplained).toEqual([]);
    expect(counts).toEqual({ agree: 1387, stale: 5, shiftedByStale: 25, placeForUnranked: 5 });
  });

  it('breaks every tie on the counting total as Canoe123 did (the other run decides), overall and in the category', () => {
    const byTotal = new Map<string, C123Row[]>();
    for (const r of rows) {
      const tt = r.num('TotalTotal');
      if (!r.raceId.includes('_BR2_') || !tt || !r.num('TotalRnk')) continue;
      const key = `${r.raceId}|${tt}`;
      byTotal.set(key, [...(byTotal.get(key) ?? []), r]);
    }
    const ties = [...byTotal.values()].filter((g) => g.length > 1);
    expect(ties.map((g) => g[0].raceId).sort()).toEqual(['C1M_ST_BR2_7', 'K1M_ST_BR2_7']);
    for (const group of ties) {
      for (const r of group) {
        const ours = results.get(r.raceId)!.get(r.id);
        const other = r.num('BetterRunNr') === 1 ? r.num('Total') : r.num('PrevTotal');
        // Canoe123's TieBreaker is the other run's total, the rule we apply.
        expect(r.num('TieBreaker')).toBe(other);
        expect({ id: r.id, rnk: ours.rnk, catRnk: ours.catRnk }).toEqual({ id: r.id, rnk: r.num('TotalRnk'), catRnk: r.num('TotalCatRnk') });
      }
      // Equal totals, different places: the tie was broken, not shared.
      const places = group.map((r) => results.get(r.raceId)!.get(r.id).rnk);
      expect(new Set(places).size).toBe(group.length);
    }
  });

  it('ranks every category list the way Canoe123 wrote TotalCatRnk (?catId=)', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const raceId of new Set(rows.filter((r) => r.raceId.includes('_BR2_')).map((r) => r.raceId))) {
      const all = results.get(raceId)!;
      for (const catId of new Set([...all.values()].map((r) => r.catId).filter(Boolean))) {
        const res = await api(station, 'GET', `/api/v1/events/ranks/results/${raceId}?catId=${encodeURIComponent(catId)}`);
        for (const row of res.body.results) {
          // The category list's catRnk is the whole list's catRnk: one ranking, seen two ways.
          if (row.catRnk !== all.get(row.participantId).catRnk) mismatches.push(`${raceId} ${row.participantId}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(600);
    expect(mismatches).toEqual([]);
  });
});
