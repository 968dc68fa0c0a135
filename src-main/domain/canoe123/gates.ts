/**
 * Canoe123's two gate notations in the XML export: the fixed-width `Results/Gates` penalty string
 * and the `CourseData/CourseConfig` gate-type string (docs/CANOE123-FORMATS.md).
 *
 * It owns only the reading of those two strings. Gate penalties stay in seconds (0, 2, 50) as
 * Canoe123 shows them: nothing here converts units, and nothing here throws on odd input.
 */
import type { Course } from '../model.ts';

/** Width of one gate slot in `Results/Gates`: right-aligned, blank = no value. */
const SLOT_WIDTH = 3;

/**
 * Reads `Results/Gates` slot by slot. The string must arrive untrimmed: a rider can have blank
 * slots before a passed gate (`"              2"` is gate 5 with 2 s), so splitting on whitespace
 * or trimming the front would shift every later gate. Trailing blank slots are the padding
 * Canoe123 adds up to 30 slots whatever the course length, so they are dropped.
 *
 * A slot that is not a plain number (never seen, but the file is rewritten live) becomes null.
 * Values other than 0/2/50 (one real row has 300) are kept as they are: showing what Canoe123
 * says beats silently dropping it, and no caller relies on the set being closed.
 *
 * @returns penalty seconds per gate (null = no value), or null when the row has no gate values.
 */
export function parseGates(raw: string | undefined): (number | null)[] | null {
  if (raw === undefined || raw === '') return null;
  const gates: (number | null)[] = [];
  let lastValue = -1;
  for (let start = 0; start < raw.length; start += SLOT_WIDTH) {
    const slot = raw.slice(start, start + SLOT_WIDTH).trim();
    const value = /^\d+$/.test(slot) ? Number(slot) : null;
    if (value !== null) lastValue = gates.length;
    gates.push(value);
  }
  if (lastValue < 0) return null;
  gates.length = lastValue + 1;
  return gates;
}

/**
 * Reads `CourseConfig` (`NNRNSNRNS…`): `N` normal and `R` reverse gates, `S` marking the end of a
 * timing section. The gate config keeps N/R only, which is exactly the TCP `RaceConfig@GateConfig`
 * string, so both channels describe gates the same way. Any other character is ignored rather than
 * counted as a gate, so a stray space cannot shift gate numbers.
 */
export function parseCourseConfig(raw: string): Pick<Course, 'gateConfig' | 'sectionEnds'> {
  let gateConfig = '';
  const sectionEnds: number[] = [];
  for (const ch of raw.toUpperCase()) {
    if (ch === 'N' || ch === 'R') gateConfig += ch;
    else if (ch === 'S') {
      const gate = gateConfig.length;
      // A leading S or two S in a row would name no gate (or the same one twice).
      if (gate > 0 && sectionEnds[sectionEnds.length - 1] !== gate) sectionEnds.push(gate);
    }
  }
  return { gateConfig, sectionEnds };
}
