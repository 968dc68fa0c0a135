/**
 * The request bodies the uplink sends, in the target's ingest contract (c123-live-mini's, which
 * Raceside speaks too; docs/C123-SERVER.md "The rows it pushes"): `ResultInput` rows and `OnCourseInput` riders,
 * built from the station's state when they are sent (pure).
 *
 * Units are the contract's: times, penalties and totals in integer centiseconds (the station's
 * own unit, so nothing converts), gate penalties in seconds. Values are what spectators see at the
 * station (the merged run), so the target shows the same whatever it merged before.
 *
 * The two kinds of target differ in one thing that matters: c123-live-mini validates with type
 * coercion (a `null` integer becomes 0) and writes a missing field as null, so nulls are left out
 * for it; Raceside reads a missing field as "not carried" (a partial row never nulls), so it gets
 * explicit nulls, and its compact gate list. Until the target is known, the c123-live-mini form
 * is sent, which both read.
 */
import type { EventState, ResultRow } from '../../domain/model.ts';
import { effectiveRun } from '../../domain/result-merge.ts';
import type { TargetDialect } from './outbox.ts';

export type ResultInputBody = Record<string, unknown> & { raceId: string; participantId: string };

export function resultInput(row: ResultRow, dialect: TargetDialect | null): ResultInputBody {
  const run = effectiveRun(row);
  const raceside = dialect === 'raceside';
  const out: ResultInputBody = { raceId: row.raceId, participantId: row.participantId, bib: row.bib ?? (raceside ? '' : 0) };
  const put = (name: string, value: unknown) => {
    if (value !== null || raceside) out[name] = value;
  };
  put('time', run.time);
  put('pen', run.pen);
  put('total', run.total);
  put('status', run.status);
  if (raceside) {
    out.dtStart = run.dtStart;
    out.dtFinish = run.dtFinish;
    out.gates = run.gates;
  } else if (run.gates !== null) {
    // An unpassed gate has no `pen` (a null would be coerced to 0, a clean pass).
    out.gates = run.gates.map((pen, i) => (pen === null ? { gate: i + 1 } : { gate: i + 1, pen }));
  }
  return out;
}

/** The riders on course now, nearest the finish first; nulls are left out (both targets read that as null). */
export function onCourseInputs(state: EventState): Record<string, unknown>[] {
  return [...state.onCourse.values()]
    .sort((a, b) => a.position - b.position || a.bib - b.bib)
    .map((e) => {
      const out: Record<string, unknown> = {};
      for (const [name, value] of Object.entries({
        participantId: e.participantId,
        raceId: e.raceId,
        bib: e.bib,
        name: e.name,
        club: e.club,
        position: e.position,
        gates: e.gates,
        dtStart: e.dtStart,
        dtFinish: e.dtFinish,
        time: e.time,
        pen: e.pen,
        total: e.total,
        rank: e.rank,
        ttbDiff: e.ttbDiff,
        ttbName: e.ttbName,
      })) {
        if (value !== null) out[name] = value;
      }
      // Splits travel as Canoe123 gives them: times of day (the target reads them back to cs).
      (e.splits ?? []).forEach((cs, i) => {
        const at = cs === null || e.dtStart === null ? null : laterTimeOfDay(e.dtStart, cs);
        if (at) out[`dtSplit${i + 1}`] = at;
      });
      return out;
    });
}

/** "10:34:20.123" plus `cs` centiseconds, as a time of day (past midnight it starts again). */
function laterTimeOfDay(start: string, cs: number): string | null {
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(start);
  if (!m) return null;
  const ms = (((+m[1] * 60 + +m[2]) * 60 + +m[3]) * 1000 + (m[4] ? Number(m[4].padEnd(3, '0')) : 0) + cs * 10) % (24 * 3600 * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(Math.floor(ms / 3_600_000))}:${p(Math.floor(ms / 60_000) % 60)}:${p(Math.floor(ms / 1000) % 60)}.${p(ms % 1000, 3)}`;
}
