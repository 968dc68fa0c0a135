/**
 * One results list kept live: fetched over REST when the view opens (and again whenever the live
 * store's `reloadToken` moves), then patched by the store's results diffs (results-merge.ts).
 *
 * - Diffs that arrive while a fetch is in flight are queued and replayed on top of its answer,
 *   so nothing published between the `full` and the REST answer is lost.
 * - The round's list the page came with (the station's first view) is shown at once and not fetched;
 *   the socket's first message says whether it is still current (a reload follows if not).
 * - While a new list loads the old one stays on screen (marked `stale`): no flicker, no blank
 *   table, no scroll jump.
 * - Category views refetch (debounced) when a diff touches their category; see results-merge.ts.
 * - `loadDetails(catId)` fetches `detailed=true` once per list state and merges the gates into the
 *   rows, so opening further run details is instant; a row whose run changed loses its detail and
 *   the open detail asks again. Gate detail is ~6× the plain list (250 KB for a 105-rider best-run
 *   race), so it asks only for the tapped rider's category when it has one (the detail fields do
 *   not depend on the filter; category ranks are not taken from that answer).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WsDiffPayload } from '@wire/live.ts';
import { isAbort } from '../api-client.ts';
import type { LiveEventStore } from '../live/live-event-store.ts';
import { firstViewFor } from '../first-view.ts';
import { getRaceResults } from './get-race-results.ts';
import { applyResultsDiff, mergeDetails, sortResults, type ResultRow, type ResultsViewKey } from './results-merge.ts';

const REFETCH_DEBOUNCE_MS = 150;

interface Data {
  key: string;
  rows: ResultRow[];
  /** Bumped on every change of the rows' outcomes (REST load or diff). */
  version: number;
}

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
  const key = `${raceIds.join(',')}|${catId ?? ''}`;
  const view = useMemo<ResultsViewKey>(() => ({ raceIds: key.split('|')[0].split(','), catId }), [key, catId]);
  // The round's list the page came with (shared/first-view.ts): shown at once, not fetched.
  const seed = useRef<{ key: string; token: number } | null>(null);
  const [data, setData] = useState<Data | null>(() => {
    const first = catId === null ? firstViewFor(eventId) : null;
    if (!first?.round || first.round.raceIds.join(',') !== raceIds.join(',')) return null;
    seed.current = { key, token: reloadToken };
    return { key, rows: sortResults(first.round.rows), version: 0 };
  });
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const [refetchTick, setRefetchTick] = useState(0);
  const dataRef = useRef<Data | null>(data);
  const pending = useRef<{ key: string; queue: WsDiffPayload[] } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const detailsFor = useRef(new Set<string>());

  const commit = useCallback((next: Data) => {
    dataRef.current = next;
    setData(next);
  }, []);

  const scheduleRefetch = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setRefetchTick((t) => t + 1), REFETCH_DEBOUNCE_MS);
  }, []);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  useEffect(() => {
    if (!synced || !view.raceIds[0]) return;
    const seeded = seed.current;
    seed.current = null;
    if (seeded && seeded.key === key && seeded.token === reloadToken && refetchTick === 0) return;
    const ctrl = new AbortController();
    const job = { key, queue: [] as WsDiffPayload[] };
    pending.current = job;
    setLoading(true);
    const raceId = view.raceIds[view.raceIds.length - 1];
    getRaceResults({ eventId, raceId, catId }, ctrl.signal).then(
      (res) => {
        if (pending.current !== job) return;
        pending.current = null;
        let rows = sortResults(res.results, catId !== null);
        let again = false;
        for (const d of job.queue) {
          const out = applyResultsDiff(rows, d, view);
          if (out) [rows, again] = [out.rows, again || out.refetch];
        }
        const prev = dataRef.current;
        if (prev?.key === key) rows = mergeDetails(rows, prev.rows);
        commit({ key, rows, version: (prev?.version ?? 0) + 1 });
        setLoading(false);
        setFailed(false);
        if (again) scheduleRefetch();
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
  }, [eventId, key, view, catId, synced, reloadToken, refetchTick, commit, scheduleRefetch]);

  useEffect(() => {
    if (!store) return;
    return store.onResults((diff) => {
      if (pending.current?.key === key) {
        pending.current.queue.push(diff);
        return;
      }
      const cur = dataRef.current;
      if (!cur || cur.key !== key) return;
      const out = applyResultsDiff(cur.rows, diff, view);
      if (!out) return;
      commit({ key, rows: out.rows, version: cur.version + 1 });
      if (out.refetch) scheduleRefetch();
    });
  }, [store, key, view, commit, scheduleRefetch]);

  const loadDetails = useCallback(
    (rowCat: string | null) => {
      const cur = dataRef.current;
      if (!cur || cur.key !== key) return;
      const cat = catId ?? rowCat;
      const tag = `${key}#${cur.version}#${cat ?? ''}`;
      if (detailsFor.current.has(tag)) return;
      detailsFor.current.add(tag);
      const raceId = view.raceIds[view.raceIds.length - 1];
      getRaceResults({ eventId, raceId, catId: cat, detailed: true }).then(
        (res) => {
          const now = dataRef.current;
          if (!now || now.key !== key) return;
          commit({ ...now, rows: mergeDetails(now.rows, res.results) });
        },
        () => detailsFor.current.delete(tag),
      );
    },
    [eventId, key, view, catId, commit],
  );

  return {
    rows: data?.rows ?? [],
    stale: !!data && data.key !== key,
    loading: loading || !data,
    failed,
    loadDetails,
  };
}
