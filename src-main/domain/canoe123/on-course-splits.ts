/**
 * A rider's split times on course. Canoe123's `OnCourse` message carries `dtSplit1`/`dtSplit2`
 * beside `dtStart`/`dtFinish` (times of day) on a course timed with splits (`RaceConfig
 * NrSplits` > 0); a live on-course row may carry them under the same names. A split time is what
 * Canoe123 shows for it: the time from the start to that split, in centiseconds. Pure.
 *
 * Kept beside live-rows.ts (the reader of the rest of the on-course row) so the two can be read
 * together; it reads only the split fields.
 */
import { timeOfDay } from './live-rows.ts';

/** The split fields an on-course row may carry (c123-server does not send them today). */
export interface OnCourseSplitInput {
  dtStart?: string | null;
  dtSplit1?: string | null;
  dtSplit2?: string | null;
}

const SPLIT_FIELDS = ['dtSplit1', 'dtSplit2'] as const;
const DAY_MS = 24 * 3600 * 1000;

/** Split times in centiseconds from the start, index 0 = split 1; null = not passed (yet). */
export function onCourseSplits(input: OnCourseSplitInput): (number | null)[] {
  const start = msOfDay(timeOfDay(input.dtStart));
  const out = SPLIT_FIELDS.map((field) => {
    const at = msOfDay(timeOfDay(input[field]));
    if (start === null || at === null) return null;
    // Past midnight the time of day starts again.
    const ms = at >= start ? at - start : at + DAY_MS - start;
    return Math.round(ms / 10);
  });
  while (out.length && out[out.length - 1] === null) out.pop();
  return out;
}

/** "10:34:20.123" → milliseconds since midnight. */
function msOfDay(t: string | null): number | null {
  if (!t) return null;
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(t);
  if (!m) return null;
  return ((+m[1] * 60 + +m[2]) * 60 + +m[3]) * 1000 + (m[4] ? Number(m[4].padEnd(3, '0')) : 0);
}
