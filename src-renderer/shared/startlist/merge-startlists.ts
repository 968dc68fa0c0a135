/**
 * A best-run pair's two startlists as one list with both runs' start times (reference issue
 * #129). Entries are matched by participantId (the same Canoe123 participant in both runs), in the
 * 1st run's start order; anyone only in a later run follows in that run's order. A single race is
 * the same shape with one start time. Pure.
 */
import type { PublicStartlistEntry } from '@wire/api.ts';

export interface StartRow {
  participantId: string;
  startOrder: number | null;
  bib: number | null;
  name: string;
  club: string | null;
  catId: string | null;
  year: number | null;
  /** One per run, in run order; null where that run has no start time (or no entry). */
  startTimes: (string | null)[];
}

export function mergeStartlists(lists: readonly (readonly PublicStartlistEntry[])[]): StartRow[] {
  const rows = new Map<string, StartRow>();
  lists.forEach((list, run) => {
    const sorted = [...list].sort((a, b) => (a.startOrder ?? 1e9) - (b.startOrder ?? 1e9));
    for (const e of sorted) {
      let row = rows.get(e.participantId);
      if (!row) {
        row = {
          participantId: e.participantId,
          startOrder: e.startOrder,
          bib: e.bib,
          name: e.name,
          club: e.club,
          catId: e.catId,
          year: e.year ?? null,
          startTimes: lists.map(() => null),
        };
        rows.set(e.participantId, row);
      }
      row.startTimes[run] = e.startTime;
    }
  });
  return [...rows.values()];
}
