/**
 * A best-run row split into its two runs for display. The station's combined row puts the 2nd run
 * (or the only run) in the primary fields and the 1st run in `prev*`; which run a lone primary is
 * follows from whether any 1st-run data came with it. Pure, no formatting.
 */
import type { ResultRow } from './results-merge.ts';

export interface RunView {
  nr: 1 | 2;
  time: number | null;
  pen: number | null;
  total: number | null;
  status: string | null;
  gates: ResultRow['gates'];
  better: boolean;
}

export function splitRuns(row: ResultRow): [RunView, RunView | null] {
  const hasPrev =
    row.prevTime != null ||
    row.prevPen != null ||
    row.prevTotal != null ||
    row.prevStatus != null ||
    row.prevRnk != null ||
    (row.prevGates != null && row.prevGates.length > 0);
  const better = row.betterRunNr ?? null;
  if (!hasPrev && better !== 2) {
    // Only one run so far: the primary fields are the 1st run.
    return [{ nr: 1, time: row.time, pen: row.pen, total: row.total, status: row.currStatus ?? row.status, gates: row.gates, better: better === 1 }, null];
  }
  return [
    {
      nr: 1,
      time: row.prevTime ?? null,
      pen: row.prevPen ?? null,
      total: row.prevTotal ?? null,
      status: row.prevStatus ?? null,
      gates: row.prevGates,
      better: better === 1,
    },
    { nr: 2, time: row.time, pen: row.pen, total: row.total, status: row.currStatus ?? null, gates: row.gates, better: better === 2 },
  ];
}

/** The number that ranks the row: the better run of a best-run race, else the total. */
export function resultTotal(row: ResultRow, bestRun: boolean): number | null {
  return bestRun ? (row.totalTotal ?? null) : row.total;
}
