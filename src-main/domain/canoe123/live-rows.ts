/**
 * The one reader of c123-server's live JSON rows (`ResultInput`, `OnCourseInput`, see
 * docs/C123-SERVER.md, "The rows it pushes"). It turns them into domain fields: bibs trimmed,
 * times in centiseconds, Canoe123 time of day without c123-server's made-up date, and, for result
 * rows, only the fields the row actually carried (a partial row never nulls the others).
 *
 * The request schemas (wire/ingest.ts, which the row types are read from) have already checked the
 * types.
 */
import type { OnCourseEntry, ResultStatus, RunFields } from '../model.ts';
import type { LiveResultInput, OnCourseInput } from '../../wire/ingest.ts';

export type TimeUnit = 'cs' | 'ms';

/** Padded bibs ("  44") arrive from several channels; a bib is a number everywhere inside. */
export function trimBib(bib: number | string | null | undefined): number | null {
  if (bib === null || bib === undefined) return null;
  if (typeof bib === 'number') return Number.isFinite(bib) ? Math.trunc(bib) : null;
  const t = bib.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

export function resultStatus(value: unknown): ResultStatus | null {
  if (typeof value !== 'string') return null;
  const s = value.trim().toUpperCase();
  return s === 'DNS' || s === 'DNF' || s === 'DSQ' || s === 'CAP' ? s : null;
}

/**
 * "10:34:20.123", or c123-server's "2026-11-27T10:34:20.123Z" (venue local time labelled Z with the
 * push date: the date and the Z are meaningless), to Canoe123's "HH:MM:SS.mmm".
 */
export function timeOfDay(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /(\d{1,2}):(\d{2}):(\d{2})(\.\d+)?/.exec(value);
  if (!m) return null;
  return `${m[1].padStart(2, '0')}:${m[2]}:${m[3]}${m[4] ?? ''}`;
}

/** "HH:MM:SS(.mmm)" (timeOfDay's form) as milliseconds since midnight, or null. */
export function timeOfDayMs(value: string | null): number | null {
  const m = value === null ? null : /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(value);
  if (!m) return null;
  const fraction = m[4] ? Math.round(Number(`0.${m[4]}`) * 1000) : 0;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + fraction;
}

/**
 * Live JSON is centiseconds by contract, but the unit is detected, not assumed. Milliseconds need
 * overwhelming evidence, since a wrong guess divides every time by ten: at least five times, all
 * whole tens, one past 10 minutes (60 000, where a slalom run in centiseconds never goes), and
 * every penalty a whole second in milliseconds (multiples of 1000). A WildWater run past 10
 * minutes in centiseconds fails the whole-tens test on all five values with odds of 1 in 100 000.
 */
export function detectLiveUnit(rows: readonly { time?: number | null; total?: number | null; pen?: number | null }[]): TimeUnit {
  const times = rows.flatMap((r) => [r.time, r.total]).filter((t): t is number => typeof t === 'number' && t > 0);
  if (times.length < 5) return 'cs';
  const pens = rows.map((r) => r.pen).filter((p): p is number => typeof p === 'number' && p > 0);
  const wholeTens = times.every((t) => t % 10 === 0);
  const penaltiesInMs = pens.every((p) => p % 1000 === 0);
  return wholeTens && penaltiesInMs && times.some((t) => t > 60_000) ? 'ms' : 'cs';
}

function toCs(v: number | null | undefined, unit: TimeUnit): number | null {
  if (v === null || v === undefined) return null;
  return unit === 'ms' ? Math.round(v / 10) : Math.round(v);
}

/** The run fields a live result row carried, in domain units. */
export function liveRunFields(input: LiveResultInput, unit: TimeUnit): Partial<RunFields> {
  const out: Partial<RunFields> = {};
  if ('time' in input) out.time = toCs(input.time, unit);
  if ('pen' in input) out.pen = toCs(input.pen, unit);
  if ('total' in input) out.total = toCs(input.total, unit);
  if ('status' in input) out.status = resultStatus(input.status);
  if ('dtStart' in input) out.dtStart = timeOfDay(input.dtStart);
  if ('dtFinish' in input) out.dtFinish = timeOfDay(input.dtFinish);
  if ('gates' in input) out.gates = liveGates(input.gates);
  return out;
}

/** Gates as `{gate, pen}` objects (c123-live-mini's JSON) or a plain per-gate list; pen in seconds. */
function liveGates(gates: LiveResultInput['gates']): (number | null)[] | null {
  if (!gates) return null;
  const out: (number | null)[] = [];
  gates.forEach((g, i) => {
    if (g === null || typeof g === 'number') {
      out[i] = g;
      return;
    }
    const index = g.gate - 1;
    while (out.length < index) out.push(null);
    out[index] = g.pen ?? null;
  });
  for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
  return out;
}

export function onCourseEntry(input: OnCourseInput, unit: TimeUnit, nowMs: number): OnCourseEntry | null {
  const bib = trimBib(input.bib);
  if (bib === null) return null;
  return {
    participantId: input.participantId,
    raceId: input.raceId,
    bib,
    name: input.name ?? '',
    club: input.club ?? null,
    position: input.position ?? 0,
    gates: input.gates ?? [],
    dtStart: timeOfDay(input.dtStart),
    dtFinish: timeOfDay(input.dtFinish),
    time: toCs(input.time, unit),
    pen: toCs(input.pen, unit) ?? 0,
    total: toCs(input.total, unit),
    rank: input.rank && input.rank > 0 ? input.rank : null,
    ttbDiff: input.ttbDiff || null,
    ttbName: input.ttbName || null,
    lastSeen: nowMs,
  };
}
