/**
 * What Canoe123's time-to-beat fields say about a rider on course (its `TTBDiff`/`TTBName`, which
 * c123-server passes on as `ttbDiff`/`ttbName`). In the real feed `TTBDiff` is one of three
 * things: empty while the rider runs (the name alone is sent; the station then gives the named
 * rider's result as `ttbTime`); unsigned, the time to beat itself ("78.99"); signed, the rider's
 * gap to it at the last split or at the finish ("+12.79", "-2.00"). While a rider runs and only
 * the time to beat is known, the running gap is their running total (time + penalties so far)
 * against it: negative while they can still beat it, positive once they cannot. Pure; times in
 * centiseconds.
 */
import type { PublicOnCourseEntry } from '@wire/api.ts';

export interface TimeToBeat {
  /** The time to beat (cs), when Canoe123 sent it as a time. */
  time: number | null;
  /** Whose time it is ("J. KREJČÍ"), as Canoe123 abbreviates it. */
  name: string | null;
  /** The rider's gap to it (cs, negative = ahead), from Canoe123 or from the running total. */
  gap: number | null;
  /** The gap is Canoe123's own at a split or the finish (exact), not the running estimate. */
  measured: boolean;
}

const VALUE = /^([+-]?)(\d+)(?:[.,](\d{1,2}))?$/;

/** "78.99" → 7899, "+12.79" → 1279 (signed), "-2.00" → -200; anything else null. */
function parseDiff(text: string | null): { cs: number; signed: boolean } | null {
  const m = VALUE.exec(text?.trim() ?? '');
  if (!m) return null;
  const cs = Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  return { cs: m[1] === '-' ? -cs : cs, signed: m[1] !== '' };
}

export function timeToBeat(e: Pick<PublicOnCourseEntry, 'ttbDiff' | 'ttbName' | 'ttbTime' | 'time' | 'pen' | 'completed' | 'dtFinish'>): TimeToBeat | null {
  const diff = parseDiff(e.ttbDiff);
  if (!diff && !e.ttbName) return null;
  if (diff?.signed) return { time: e.ttbTime ?? null, name: e.ttbName, gap: diff.cs, measured: true };
  const time = diff ? diff.cs : (e.ttbTime ?? null);
  const finished = e.completed || e.dtFinish !== null;
  const gap = time !== null && !finished && e.time !== null && e.time > 0 ? e.time + (e.pen ?? 0) - time : null;
  return { time, name: e.ttbName, gap, measured: false };
}
