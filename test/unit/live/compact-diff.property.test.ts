/**
 * Live protocol 2 keeps a phone's results list equal to the REST answer (issue 17, item 1). On the
 * real export, random sequences of live results (new times, ties on the counting total that the
 * ICF tie-break must order, DNF/DSQ/DNS, cleared runs, both runs of best-run pairs, a single-run
 * race whose ties share a place, several rows in one push) go through the real domain; the messages come from the hub's own builder
 * (live-messages.ts), and three clients apply them with the spectator app's own merge
 * (results-merge.ts): a protocol 2 phone holding the plain list, one holding the detailed list,
 * and a protocol 1 phone (an app from before protocol 2). After every push each list must equal
 * REST, and the protocol 2 ones must never have needed a reload.
 *
 * The seed: `HARDENING_SEED=<n>` repeats a run (test/hardening/lib/util.ts), printed first;
 * `COMPACT_DIFF_RUNS=<n>` runs more sequences than the 40 of `npm test`.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PublicResult } from '../../../src-main/wire/api.ts';
import type { WsDiffPayload } from '../../../src-main/wire/live.ts';
import { resultDetailKeys } from '../../../src-main/wire/api.ts';
import { rankingTotal } from '../../../src-main/wire/results-diff.ts';
import { liveMessages } from '../../../src-main/live/live-messages.ts';
import { newEvent } from '../../../src-main/domain/event-admin.ts';
import { decideXmlImport } from '../../../src-main/domain/xml-import.ts';
import { decideResultsIngest } from '../../../src-main/domain/live-ingest.ts';
import { decideStatusChange } from '../../../src-main/domain/event-lifecycle.ts';
import { parseCanoe123Xml } from '../../../src-main/domain/canoe123/xml-export.ts';
import { raceResults } from '../../../src-main/domain/public-view.ts';
import type { EventState } from '../../../src-main/domain/model.ts';
import type { LiveResultInput } from '../../../src-main/wire/ingest.ts';
import { applyResultsDiff, type ResultsViewKey } from '../../../src-renderer/shared/results/results-merge.ts';
import { realXmlPath } from '../../helpers/station.ts';
import { chosen, describeSeed } from '../../hardening/lib/util.ts';

function runningEvent(): EventState {
  const parsed = parseCanoe123Xml(readFileSync(realXmlPath, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  const meta = { eventId: 'e', mainTitle: 'E', subTitle: null, location: null, facility: null, startDate: null, endDate: null, discipline: null };
  const imported = decideXmlImport(newEvent(meta, 'k', 'xml-structure-live-results', 'T0'), parsed.export, 'T0');
  if (!imported.ok) throw new Error('import');
  const running = decideStatusChange(imported.state, 'running', 'ingest', 'T1');
  if (!running.ok) throw new Error('status');
  return running.state;
}

/**
 * The real event, with one race read as a single-run race (every race of the export is one run of
 * a best-run pair): K1W_ST_BR1_6's 43 riders ranked on their own, ties sharing a place.
 */
function withSingleRunRace(state: EventState, raceId: string): EventState {
  const races = state.structure.races.map((r) => (r.raceId === raceId ? { ...r, disId: 'QUA' } : r));
  return { ...state, structure: { ...state.structure, races } };
}
const start = withSingleRunRace(runningEvent(), 'K1W_ST_BR1_6');

/**
 * The lists the clients follow: the K1M final's best-run pair (105 riders; results pushed to either
 * run), C1M's pair (37, with shared places), and the single-run race. [run ids pushed to, REST id].
 */
const pairs = [
  ['K1M_ST_BR1_6', 'K1M_ST_BR2_6'],
  ['C1M_ST_BR1_6', 'C1M_ST_BR2_6'],
  ['K1W_ST_BR1_6', 'K1W_ST_BR1_6'],
] as const;

interface RowSpec {
  run: 0 | 1;
  who: number;
  kind: 'time' | 'tie' | 'status' | 'clear';
  time: number;
  pen: number;
  other: number;
  status: 'DNF' | 'DSQ' | 'DNS';
}
const rowSpec = fc.record({
  run: fc.constantFrom(0 as const, 1 as const),
  who: fc.nat(200),
  kind: fc.constantFrom('time' as const, 'time' as const, 'tie' as const, 'tie' as const, 'status' as const, 'clear' as const),
  time: fc.integer({ min: 7000, max: 16000 }),
  pen: fc.constantFrom(0, 0, 200, 400, 5000),
  other: fc.nat(200),
  status: fc.constantFrom('DNF' as const, 'DSQ' as const, 'DNS' as const),
});
const push = fc.record({ pair: fc.constantFrom(0, 1, 2), rows: fc.array(rowSpec, { minLength: 1, maxLength: 3 }) });

/** A live results push from a spec, read against the list as it stands (ties copy a counting total). */
function toInput(state: EventState, pair: readonly [string, string], spec: RowSpec): LiveResultInput {
  const raceId = pair[spec.run];
  const list = raceResults(state, pair[1])!;
  const row = list[spec.who % list.length];
  const base = { raceId, participantId: row.participantId, bib: row.bib ?? 0 };
  if (spec.kind === 'clear') return { ...base, time: null, pen: null, total: null, status: null };
  if (spec.kind === 'status') return { ...base, time: null, pen: null, total: null, status: spec.status };
  if (spec.kind === 'tie') {
    const totals = list.map(rankingTotal).filter((t): t is number => typeof t === 'number');
    const total = totals.length ? totals[spec.other % totals.length] : spec.time;
    const pen = Math.min(spec.pen, total - 1);
    return { ...base, time: total - pen, pen, total, status: null };
  }
  return { ...base, time: spec.time, pen: spec.pen, total: spec.time + spec.pen, status: null };
}

const plain = (r: PublicResult) => Object.fromEntries(Object.entries(r).filter(([k]) => !(resultDetailKeys as string[]).includes(k)));
const byId = (rows: readonly PublicResult[], strip: boolean) =>
  Object.fromEntries([...rows].sort((a, b) => a.participantId.localeCompare(b.participantId)).map((r) => [r.participantId, strip ? plain(r) : r]));

interface Client {
  name: string;
  protocol: 1 | 2;
  detailed: boolean;
  rows: readonly PublicResult[];
  reloads: number;
}

describe('live protocol 2 on the real export', () => {
  console.log(`compact diffs: ${describeSeed(chosen)}`);

  it('keeps every client equal to REST through random live results (places, gaps, ties, both runs)', () => {
    let messages = 0;
    let compactBytes = 0;
    let legacyBytes = 0;
    fc.assert(
      fc.property(fc.array(push, { minLength: 1, maxLength: 25 }), (pushes) => {
        let state = start;
        const clients = new Map<number, Client[]>();
        for (const [i, pair] of pairs.entries()) {
          const rest = (detailed: boolean) => raceResults(state, pair[1], { detailed })!;
          clients.set(i, [
            { name: 'protocol 2, plain list', protocol: 2, detailed: false, rows: rest(false), reloads: 0 },
            { name: 'protocol 2, detailed list', protocol: 2, detailed: true, rows: rest(true), reloads: 0 },
            { name: 'protocol 1', protocol: 1, detailed: false, rows: rest(false), reloads: 0 },
          ]);
        }
        for (const p of pushes) {
          const pair = pairs[p.pair];
          const inputs = p.rows.map((spec) => toInput(state, pair, spec));
          const d = decideResultsIngest(state, inputs);
          if (!d.ok) throw new Error(d.message);
          const before = state;
          state = d.state;
          const sent = liveMessages(before, state, d.changes, { listening: true, legacy: true });
          for (const m of sent) {
            if (m.type !== 'diff' || m.data === null) throw new Error(`unexpected ${m.type}`);
            messages++;
            compactBytes += m.data.length;
            legacyBytes += (m.legacyData ?? m.data).length;
            for (const [i, pr] of pairs.entries()) {
              const view: ResultsViewKey = { raceIds: [...new Set(pr)], catId: null };
              for (const c of clients.get(i)!) {
                const data = JSON.parse(c.protocol === 2 ? m.data : (m.legacyData ?? m.data)) as WsDiffPayload;
                const out = applyResultsDiff(c.rows, data, view);
                if (!out) continue;
                c.rows = out.rows;
                if (out.refetch) {
                  c.reloads++;
                  c.rows = raceResults(state, pr[1], { detailed: c.detailed })!;
                }
              }
            }
          }
          for (const [i, pr] of pairs.entries()) {
            for (const c of clients.get(i)!) {
              const rest = raceResults(state, pr[1], { detailed: c.detailed })!;
              expect(byId(c.rows, !c.detailed), `${c.name}, ${pr[1]}`).toEqual(byId(rest, !c.detailed));
              if (c.protocol === 2) expect(c.reloads, `${c.name} had to reload`).toBe(0);
            }
          }
        }
      }),
      { seed: chosen.seed, numRuns: Number(process.env.COMPACT_DIFF_RUNS ?? 40) },
    );
    console.log(`compact diffs: ${messages} results messages, ${compactBytes} B in protocol 2 vs ${legacyBytes} B in protocol 1`);
    expect(compactBytes).toBeLessThan(legacyBytes);
  });
});
