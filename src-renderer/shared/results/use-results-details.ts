/**
 * A results list's run details on demand: `loadDetails(rowCat)` fetches `detailed=true` once per
 * list state (results-list.ts `detailsTag`) and merges the gates into the rows, so opening further
 * run details is instant; a row whose run changed loses its detail and the open detail asks again.
 * Gate detail is ~6× the plain list (250 KB for a 105-rider best-run race), so it asks only for the
 * tapped rider's category when the list has none (the detail fields do not depend on the filter;
 * category ranks are not taken from that answer). A failed request may be asked again.
 */
import { useCallback, useRef, type RefObject } from 'react';
import { getRaceResults } from './get-race-results.ts';
import { detailsTag, listRaceId, withDetails, type ResultsList } from './results-list.ts';
import type { ResultsViewKey } from './results-merge.ts';

export function useResultsDetails(
  eventId: string,
  key: string,
  view: ResultsViewKey,
  list: RefObject<ResultsList | null>,
  commit: (next: ResultsList) => void,
): (rowCat: string | null) => void {
  const asked = useRef(new Set<string>());
  return useCallback(
    (rowCat: string | null) => {
      const cur = list.current;
      if (!cur || cur.key !== key) return;
      const catId = view.catId ?? rowCat;
      const tag = detailsTag(cur, catId);
      if (asked.current.has(tag)) return;
      asked.current.add(tag);
      getRaceResults({ eventId, raceId: listRaceId(view), catId, detailed: true }).then(
        (res) => {
          const now = list.current;
          if (now?.key === key) commit(withDetails(now, res.results));
        },
        () => asked.current.delete(tag),
      );
    },
    [eventId, key, view, list, commit],
  );
}
