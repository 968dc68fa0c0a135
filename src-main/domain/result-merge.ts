/**
 * How XML snapshots and live results combine into the one value spectators see (README: "Merge strategies").
 *
 * Each row keeps what the last XML said (`xml`) and the fields live ingests carried since (`live`,
 * a partial overlay: a field a live row did not carry is never nulled). The public value is the
 * XML value overlaid by the live one. The per-event merge strategy decides only what an XML import
 * does to an existing live overlay:
 *
 * - `xml-structure-live-results` (default): a live field is kept until an XML agrees with it. An
 *   XML that disagrees is an older snapshot (Canoe123 writes the file after it streams, and
 *   c123-server debounces it), so it never reverts a live result; once it has caught up, later XML
 *   corrections apply as usual.
 * - `xml-authoritative`: every XML import replaces the live overlay of the rows it carries.
 * - `live-authoritative`: the live overlay is kept for good; XML only fills fields live never set.
 */
import type { MergeStrategy } from '../wire/api.ts';
import type { ResultRow, RunFields } from './model.ts';

export const runFieldNames = ['status', 'dtStart', 'dtFinish', 'time', 'pen', 'total', 'gates'] as const satisfies readonly (keyof RunFields)[];

export const emptyRun: RunFields = { status: null, dtStart: null, dtFinish: null, time: null, pen: null, total: null, gates: null };

/** The run as spectators see it. */
export function effectiveRun(row: ResultRow): RunFields {
  const base = row.xml ?? emptyRun;
  if (!row.live) return base;
  return { ...base, ...row.live };
}

/** The live overlay left after an XML import brought `xmlRun` for this row. */
export function overlayAfterXml(live: Partial<RunFields> | null, xmlRun: RunFields, strategy: MergeStrategy): Partial<RunFields> | null {
  if (!live) return null;
  if (strategy === 'xml-authoritative') return null;
  if (strategy === 'live-authoritative') return live;
  let kept: Partial<RunFields> | null = null;
  for (const name of runFieldNames) {
    if (!(name in live)) continue;
    if (sameValue(live[name], xmlRun[name])) continue;
    kept ??= {};
    (kept as Record<string, unknown>)[name] = live[name];
  }
  return kept;
}

/**
 * The live overlay after a live row carried `carried` (only the fields present in the input).
 * `unknown` names fields the row made unknown (a repaired 2nd run whose penalty nobody knows):
 * they leave the overlay, so the XML's value shows until a push knows better.
 */
export function overlayAfterLive(live: Partial<RunFields> | null, carried: Partial<RunFields>, unknown: readonly (keyof RunFields)[] = []): Partial<RunFields> {
  const next: Partial<RunFields> = { ...(live ?? {}), ...carried };
  for (const name of unknown) delete next[name];
  return next;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => v === b[i]);
  }
  return false;
}

export function sameRun(a: RunFields, b: RunFields): boolean {
  return runFieldNames.every((n) => sameValue(a[n], b[n]));
}
