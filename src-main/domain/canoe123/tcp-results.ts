/**
 * Canoe123's TCP `Results` message (docs/CANOE123-FORMATS.md): one race's
 * whole result list, `Current="Y"` for the race on course and `"N"` for the others Canoe123
 * rotates through. Unlike c123-server, which keeps only the current race's, every race's list is
 * taken: that is how results of other races reach spectators without waiting for an export.
 *
 * Read here into station units, then mapped to the same `LiveResultInput` rows the ingest API
 * takes (the merge and the ranking are the domain's). Bibs arrive padded (`"   1"`) and are
 * trimmed; rows with neither a time nor a status (not started yet) are left out, as c123-server
 * does.
 *
 * Best-of-two-runs races (`_BR2_`): `Time` and `Gates` are the 2nd run's own, but `Pen` and
 * `Total` are Canoe123's best-of-both values, so they are never stored as the run's own.
 * The run's own pen is, in this order: the sum of its own gates when they cover the whole course;
 * `Pen` when `Total = Time + Pen` exactly (the 2nd run is the better one, or no gates were sent);
 * the pen Canoe123 showed for the rider on course with this same time; the pen already held for
 * this same time. Total = time + that pen; both are blank when nothing is known, never a guess
 * (a pen from another time, as c123-server takes from the XML, belongs to another run). A run
 * with a status has no total, and the pen its gates add up to. Pure; never throws.
 */
import type { EventState, Race, ResultStatus } from '../model.ts';
import { raceById } from '../public-view.ts';
import { parseGates } from './gates.ts';
import { childOf, intAttr, secondsAttrToCs, textAttr, type TcpElement } from './tcp-elements.ts';
import { participantIdFor } from './tcp-oncourse.ts';
import { resultStatus, type LiveResultInput } from './live-rows.ts';

export interface TcpResultRow {
  bib: number | null;
  participantId: string | null;
  /** DNS/DNF/DSQ from `IRM`. */
  status: ResultStatus | null;
  /** `PP="*"`: under review (shown as no status, as c123-server does). */
  underReview: boolean;
  /** cs; on a BR2 race, pen and total are best-of-both values (see above). */
  time: number | null;
  pen: number | null;
  total: number | null;
  /** The run's own gate penalties in seconds (fixed width, 3 characters a gate). */
  gates: (number | null)[] | null;
  rank: number | null;
}

export interface TcpResults {
  raceId: string;
  classId: string | null;
  /** Y: the race in progress. */
  current: boolean;
  rows: TcpResultRow[];
}

/** Reads a `Results` element, or says why it is unusable. */
export function readResults(el: TcpElement): TcpResults | string {
  const raceId = textAttr(el, 'RaceId');
  if (raceId === null) return '<Results> names no RaceId';
  const rows: TcpResultRow[] = [];
  for (const row of el.children) {
    if (row.name !== 'Row') continue;
    const p = childOf(row, 'Participant');
    const t = childOf(row, 'Result', 'T');
    if (!p) continue;
    const pen = intAttr(t, 'Pen');
    rows.push({
      bib: intAttr(p, 'Bib'),
      participantId: textAttr(p, 'Id'),
      status: resultStatus(t?.attrs.IRM),
      underReview: t?.attrs.PP?.trim() === '*',
      time: secondsAttrToCs(t, 'Time'),
      pen: pen === null ? null : pen * 100,
      total: secondsAttrToCs(t, 'Total'),
      gates: parseGates(t?.attrs.Gates),
      rank: intAttr(t, 'Rank'),
    });
  }
  return { raceId, classId: textAttr(el, 'ClassId'), current: el.attrs.Current?.trim() === 'Y', rows };
}

/** The ingest API's result rows for this message: one per row the event knows that has a time or a status. */
export function resultInputsOf(state: EventState, msg: TcpResults): LiveResultInput[] {
  const race = raceById(state, msg.raceId);
  if (!race) return [];
  const bestOfBoth = race.disId === 'BR2';
  const gateCount = courseGateCount(state, race);
  const out: LiveResultInput[] = [];
  for (const row of msg.rows) {
    if (row.time === null && row.status === null) continue;
    const participantId = participantIdFor(state, race.raceId, row.participantId, row.bib);
    if (participantId === null || row.bib === null) continue;
    const own = bestOfBoth ? ownRun(row, gateCount) : { pen: row.pen, total: row.total };
    out.push({
      raceId: race.raceId,
      participantId,
      bib: row.bib,
      rnk: row.rank !== null && row.rank > 0 ? row.rank : null,
      status: row.status,
      time: row.time,
      pen: own.pen,
      total: own.total,
      gates: row.gates,
    });
  }
  return out;
}

/**
 * The 2nd run's own pen and total where this message alone tells them (see the file comment);
 * otherwise Canoe123's Pen/Total as sent, for the station's one best-run repair to judge
 * (best-run-repair.ts, applied to every live 2nd-run row whatever its source).
 */
function ownRun(row: TcpResultRow, gateCount: number | null): { pen: number | null; total: number | null } {
  // A run with a status has no total; its pen is what its gates so far add up to (none: DNS's 0).
  if (row.status !== null) return { pen: gatesSum(row.gates) ?? (row.pen === 0 ? 0 : null), total: null };
  const pen = gatesPen(row.gates, gateCount);
  if (pen !== null && row.time !== null) return { pen, total: row.time + pen };
  return { pen: row.pen, total: row.total };
}

/** Sum of the run's own gate penalties (seconds → cs), when every gate of the course has a value. */
function gatesPen(gates: (number | null)[] | null, gateCount: number | null): number | null {
  if (!gates || gates.length === 0) return null;
  if (gateCount !== null && gates.length !== gateCount) return null;
  if (gates.some((g) => g === null)) return null;
  return gatesSum(gates);
}

/** Sum of the gate penalties given (seconds → cs); null when none is given. */
function gatesSum(gates: (number | null)[] | null): number | null {
  if (!gates || !gates.some((g) => g !== null)) return null;
  return gates.reduce<number>((sum, g) => sum + (g ?? 0), 0) * 100;
}

function courseGateCount(state: EventState, race: Race): number | null {
  if (race.courseNr === null) return null;
  const course = state.structure.courses.find((c) => c.courseNr === race.courseNr);
  return course && course.gateConfig.length > 0 ? course.gateConfig.length : null;
}
