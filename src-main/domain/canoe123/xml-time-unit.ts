/**
 * Which unit an XML export's result times are in, worked out from the data, and the conversion
 * to the station's one unit (centiseconds).
 *
 * Why from the data: exports declare `TimeMode=Points100`, yet real files carry `Time`, `Total`,
 * `PrevTime`, `PrevTotal` and `TotalTotal` in milliseconds and `Pen`/`PrevPen` in whole seconds
 * (`Total = Time + Pen × 1000` on every complete row of the real sample). Trusting the header
 * would show a 77 s run as 770 s. Gate penalties are seconds in every unit and are never scaled.
 *
 * It owns the detection and the arithmetic; it never reads XML and never sees anything but numbers.
 */

export type XmlTimeUnit = 'ms' | 'cs' | 'none';

/** How to turn one export's raw numbers into centiseconds. */
export interface XmlTimeScale {
  readonly unit: XmlTimeUnit;
  /** Raw time → cs. */
  readonly timeToCs: (raw: number) => number;
  /** Raw penalty → cs (the penalty's own unit can differ from the time's). */
  readonly penToCs: (raw: number) => number;
}

/** The raw numbers of one result row that the detection looks at. */
export interface RawRunNumbers {
  readonly time: number | null;
  readonly pen: number | null;
  readonly total: number | null;
}

// A slalom run in centiseconds stays well below 200 s; in milliseconds even a quick run is above.
const MS_THRESHOLD = 20_000;

const scale = (unit: XmlTimeUnit, timeDivisor: number, penFactor: number): XmlTimeScale => ({
  unit,
  timeToCs: (raw) => Math.round(raw / timeDivisor),
  penToCs: (raw) => Math.round(raw * penFactor),
});

/**
 * Decides the scale from the first row that proves it (a time, a penalty above zero and a total
 * that add up one of the known ways), else from the size of the times.
 */
export function detectTimeScale(rows: Iterable<RawRunNumbers>): XmlTimeScale {
  let anyTime = false;
  let anyLarge = false;
  for (const { time, pen, total } of rows) {
    if (time === null) continue;
    anyTime = true;
    if (time > MS_THRESHOLD) anyLarge = true;
    if (pen === null || pen <= 0 || total === null) continue;
    if (total === time + pen * 1000) return scale('ms', 10, 100); // ms times, penalty in seconds
    if (total === time + pen * 100) return scale('cs', 1, 100); // cs times, penalty in seconds
    // Penalty in the time's own unit: which unit that is, only the size of the times can tell.
    if (total === time + pen) return sameUnitScale(rows);
  }
  if (anyLarge) return scale('ms', 10, 100);
  return anyTime ? scale('cs', 1, 100) : scale('none', 1, 100);
}

function sameUnitScale(rows: Iterable<RawRunNumbers>): XmlTimeScale {
  for (const { time } of rows) if (time !== null && time > MS_THRESHOLD) return scale('ms', 10, 0.1);
  return scale('cs', 1, 1);
}
