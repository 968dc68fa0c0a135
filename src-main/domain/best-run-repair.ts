/**
 * Repairing the 2nd-run rows c123-server pushes for best-of-two-runs races. Canoe123's TCP
 * `Results` for a BR2 race carry the run's own time but Canoe123's best-of-both Pen/Total
 * (reference c123-server-client §9.3), and c123-server 0.12 passes some of them on unrepaired:
 * total equal to the 1st run's, not time + pen. Such a row's penalty is not this run's, so it is
 * replaced with what is known about the run itself, in this order:
 *
 * 1. the run's own earlier penalty: what an earlier push (or import) said for the same run time,
 *    then the on-course entry of the rider who just finished that run (the sum of its gates);
 * 2. the XML export's row for this run, when it holds the same run time;
 *
 * and the total becomes time + penalty. Only when nothing is known are the penalty and total left
 * blank, and then they are left out of the live overlay rather than set to null, so a later XML
 * that knows them fills them in. Pure: the caller hands in what it knows.
 */
import type { RunFields } from './model.ts';

/** Rounding between c123-server's seconds and our centiseconds: 2 cs is jitter, not pollution. */
export const TOTAL_TOLERANCE_CS = 2;

/** True when a run's total is not its own time + penalty (beyond rounding): someone else's total. */
export function totalDisagrees(run: Pick<RunFields, 'time' | 'pen' | 'total'> | Partial<RunFields>): boolean {
  const { time, pen, total } = run;
  if (time == null || pen == null || total == null) return false;
  return Math.abs(total - (time + pen)) > TOTAL_TOLERANCE_CS;
}

/** Where a repaired penalty came from. */
export type PenSource = 'earlier' | 'oncourse' | 'xml';

export interface SecondRunKnowledge {
  /** The row's run as it stood before this push (XML overlaid by earlier pushes), if any. */
  earlier: RunFields | null;
  /** The rider's on-course entry in this race, if the station still holds it. */
  onCourse: { time: number | null; pen: number; gates: readonly (number | null)[] } | null;
  /** What the last XML import said for this row. */
  xml: RunFields | null;
}

export interface SecondRunRepair {
  /** The fields to overlay (the pushed ones, penalty and total replaced when repaired). */
  fields: Partial<RunFields>;
  /** Fields to drop from the live overlay: unknown, so the XML's value shows. */
  unknown: ('pen' | 'total')[];
  /** null: the push was consistent and is taken as it came. */
  source: PenSource | 'unknown' | null;
}

/** Repairs one pushed 2nd-run row (see the head of this file). */
export function repairSecondRun(pushed: Partial<RunFields>, known: SecondRunKnowledge): SecondRunRepair {
  if (!totalDisagrees(pushed)) return { fields: pushed, unknown: [], source: null };
  const time = pushed.time!;
  const found = penaltyOfRun(time, known);
  if (!found) {
    const { pen: _p, total: _t, ...rest } = pushed;
    return { fields: rest, unknown: ['pen', 'total'], source: 'unknown' };
  }
  return { fields: { ...pushed, pen: found.pen, total: time + found.pen }, unknown: [], source: found.source };
}

function penaltyOfRun(time: number, known: SecondRunKnowledge): { pen: number; source: PenSource } | null {
  const { earlier, onCourse, xml } = known;
  if (earlier && earlier.time === time && earlier.pen !== null && !totalDisagrees(earlier)) return { pen: earlier.pen, source: 'earlier' };
  if (onCourse && onCourse.time === time) {
    const passed = onCourse.gates.filter((g): g is number => g !== null);
    return { pen: passed.length ? passed.reduce((a, b) => a + b, 0) * 100 : onCourse.pen, source: 'oncourse' };
  }
  if (xml && xml.time === time && xml.pen !== null && !totalDisagrees(xml)) return { pen: xml.pen, source: 'xml' };
  return null;
}
