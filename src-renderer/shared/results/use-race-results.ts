/**
 * One results list kept live: fetched over REST when the view opens (and again whenever the live
 * store's `reloadToken` moves), then patched by the store's results diffs. The list's pure steps
 * are results-list.ts's, the row rules results-merge.ts's; this hook only runs them in order.
 *
 * - Diffs that arrive while a fetch is in flight are queued and replayed on top of its answer,
 *   so nothing published between the `full` and the REST answer is lost.
 * - The round's list the page came with (the station's first view) is shown at once and not fetched;
 *   the socket's first message says whether it is still current (a reload follows if not).
 * - While a new list loads the old one stays on screen (marked `stale`): no flicker, no blank
 *   table, no scroll jump.
 * - Category views refetch (debounced, use-refetch-tick.ts) when a diff touches their category.
 * - Run details on demand: use-results-details.ts.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WsDiffPayload } from '@wire/live.ts';
import { isAbort } from '../api-client.ts';
import type { LiveEventStore } from '../live/live-event-store.ts';
import { firstViewFor } from '../first-view.ts';
import { getRaceResults } from './get-race-results.ts';
import { listRaceId, patchedList, resultsListKey, seededList, settledList, type ResultsList } from './results-list.ts';
import type { ResultRow, ResultsViewKey } from './results-merge.ts';
import { useRefetchTick } from './use-refetch-tick.ts';
import { useResultsDetails } from './use-results-details.ts';

const REFETCH_DEBOUNCE_MS = 150;

export interface RaceResults {
  rows: ResultRow[];
  /** The rows shown belong to another race or filter and are being replaced. */
  stale: boolean;
  loading: boolean;
  failed: boolean;
  loadDetails(catId: string | null): void;
}

export function useRaceResults(
  eventId: string,
  raceIds: readonly string[],
  catId: string | null,
  store: LiveEventStore | null,
  synced: boolean,
  reloadToken: number,
): RaceResults {
  const key = resultsListKey(raceIds, catId);
  const view = useMemo<ResultsViewKey>(() => ({ raceIds: key.split('|')[0].split(','), catId }), [key, catId]);
  // The round's list the page came with (shared/first-view.ts): shown at once, not fetched.
  const seed = useRef<{ key: string; token: number } | null>(null);
  const [list, setList] = useState<ResultsList | null>(() => {
    const seeded = seededList(firstViewFor(eventId), raceIds, catId);
    if (seeded) seed.current = { key, token: reloadToken };
    return seeded;
  });
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const { tick: refetchTick, requestRefetch } = useRefetchTick(REFETCH_DEBOUNCE_MS);
  const listRef = useRef<ResultsList | null>(list);
  const pending = useRef<{ key: string; queue: WsDiffPayload[] } | null>(null);

  const commit = useCallback((next: ResultsList) => {
    listRef.current = next;
    setList(next);
  }, []);

  useEffect(() => {
    if (!synced || !view.raceIds[0]) return;
    const seeded = seed.current;
    seed.current = null;
    if (seeded && seeded.key === key && seeded.token === reloadToken && refetchTick === 0) return;
    const ctrl = new AbortController();
    const job = { key, queue: [] as WsDiffPayload[] };
    pending.current = job;
    setLoading(true);
    getRaceResults({ eventId, raceId: listRaceId(view), catId }, ctrl.signal).then(
      (res) => {
        if (pending.current !== job) return;
        pending.current = null;
        const out = settledList(listRef.current, key, res.results, job.queue, view);
        commit(out.list);
        setLoading(false);
        setFailed(false);
        if (out.refetch) requestRefetch();
      },
      (err) => {
        if (isAbort(err) || pending.current !== job) return;
        pending.current = null;
        setLoading(false);
        setFailed(true);
      },
    );
    return () => {
      ctrl.abort();
      if (pending.current === job) pending.current = null;
    };
  }, [eventId, key, view, catId, synced, reloadToken, refetchTick, commit, requestRefetch]);

  useEffect(() => {
    if (!store) return;
    return store.onResults((diff) => {
      if (pending.current?.key === key) {
        pending.current.queue.push(diff);
        return;
      }
      const out = patchedList(listRef.current, key, diff, view);
      if (!out) return;
      commit(out.list);
      if (out.refetch) requestRefetch();
    });
  }, [store, key, view, commit, requestRefetch]);

  const loadDetails = useResultsDetails(eventId, key, view, listRef, commit);

  return {
    rows: list?.rows ?? [],
    stale: !!list && list.key !== key,
    loading: loading || !list,
    failed,
    loadDetails,
  };
}
