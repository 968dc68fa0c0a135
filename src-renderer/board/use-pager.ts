/**
 * The board's paging: the sheets it turns through (the whole field page by page, then each
 * category's leaders) and the timer that turns them at the operator's pace. A finish jumps to the
 * page of the rider who finished and holds it a whole period. Pure sheet building; one timer.
 */
import { useEffect, useState } from 'react';

export type Sheet = { kind: 'field'; page: number; pages: number } | { kind: 'cat'; catId: string };

export function buildSheets(rows: number, perPage: number, catIds: readonly string[]): Sheet[] {
  const pages = Math.max(1, Math.ceil(rows / perPage));
  const field: Sheet[] = Array.from({ length: pages }, (_, page) => ({ kind: 'field', page, pages }));
  // One category alone is the whole field again: no sheet for it.
  return catIds.length > 1 ? [...field, ...catIds.map((catId): Sheet => ({ kind: 'cat', catId }))] : field;
}

/**
 * The index of the sheet up now. `jump` (a sheet index and when it was asked for) takes the board
 * there at once and restarts the period.
 */
export function usePager(count: number, seconds: number, jump: { index: number; at: number } | null): number {
  const [index, setIndex] = useState(0);
  const [epoch, setEpoch] = useState(0);

  useEffect(() => {
    if (jump && jump.index >= 0) {
      setIndex(jump.index);
      setEpoch((e) => e + 1);
    }
  }, [jump]);

  useEffect(() => {
    if (count <= 1) return;
    const timer = setTimeout(() => setIndex((i) => (i + 1) % count), seconds * 1000);
    return () => clearTimeout(timer);
  }, [index, epoch, count, seconds]);

  return count > 0 ? index % count : 0;
}
