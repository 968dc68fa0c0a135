/**
 * The live data of a venue screen's event, on the same store and results layer as the phones
 * (shared/live, shared/results): one LiveEventStore per event (its socket tagged as this screen's),
 * the rounds, the round in focus with its live results, the finishes seen since the page opened,
 * a category's list on demand, and a start list. Every timer and subscription is released on
 * unmount, so a screen that runs all day holds no more than what it shows.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PublicOnCourseEntry, ResultsResponse } from '@wire/api.ts';
import { isAbort } from '../api-client.ts';
import { useLiveEventState, useLiveEventStore } from '../live/use-live-event.ts';
import type { LiveEventState } from '../live/live-event-state.ts';
import type { LiveEventStore } from '../live/live-event-store.ts';
import { buildRounds, type Round } from '../races/race-groups.ts';
import { getRaceResults } from '../results/get-race-results.ts';
import { sortResults, type ResultRow } from '../results/results-merge.ts';
import { useRaceResults } from '../results/use-race-results.ts';
import { newTracker, trackOnCourse, trackRows, trackTick, type Finish, type FinishTracker } from './standings.ts';
import { useScreen } from './screen-shell.tsx';

export interface ScreenEvent {
  store: LiveEventStore | null;
  state: LiveEventState;
  rounds: Round[];
  className(classId: string): string;
}

export function useScreenEvent(eventId: string): ScreenEvent {
  const { identity } = useScreen();
  const store = useLiveEventStore(eventId, identity.screenId);
  const state = useLiveEventState(store, eventId);
  const rounds = useMemo(() => buildRounds(state.races), [state.races]);
  const names = useMemo(() => new Map(state.classes.map((c) => [c.classId, c.name])), [state.classes]);
  const className = useMemo(() => (id: string) => names.get(id) ?? id, [names]);
  return { store, state, rounds, className };
}

/** A round's live results (whole field, or one category with its own places). */
export function useRoundResults(ev: ScreenEvent, round: Round | null, catId: string | null) {
  const ids = useMemo(() => round?.races.map((r) => r.raceId) ?? [], [round]);
  return useRaceResults(ev.state.eventId, ids, catId, ev.store, ev.state.synced, ev.state.reloadToken);
}

/**
 * Finishes in a results list since the screen started showing it, newest first (standings.ts,
 * the finish tracker): from the list's changes and from the on-course list's riders who crossed
 * the line. A new round starts afresh. One timer, only while a finish waits for its row.
 */
export function useFinishes(
  key: string,
  rows: readonly ResultRow[],
  stale: boolean,
  bestRun: boolean,
  finished: readonly PublicOnCourseEntry[],
): { finishes: Finish[]; at: number } {
  const tracker = useRef<FinishTracker>(newTracker(key));
  const [state, setState] = useState<FinishTracker>(tracker.current);
  const commit = (next: FinishTracker) => {
    if (next === tracker.current) return;
    tracker.current = next;
    setState(next);
  };
  useEffect(() => {
    if (!stale) commit(trackRows(tracker.current, key, rows, bestRun, Date.now()));
  }, [key, rows, stale, bestRun]);
  useEffect(() => {
    if (tracker.current.key === key) commit(trackOnCourse(tracker.current, finished, Date.now()));
  }, [key, finished]);
  const waiting = state.pending.length > 0;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => commit(trackTick(tracker.current, bestRun, Date.now())), 500);
    return () => clearInterval(timer);
  }, [waiting, bestRun]);
  if (state.key !== key) return { finishes: [], at: 0 };
  return { finishes: state.finishes, at: state.finishes[0]?.at ?? 0 };
}

/**
 * One category's list of a round, fetched when asked for (`tick` changes: the board asks each time
 * the category's page comes up) and kept until the next answer. Null while there is none.
 */
export function useCategoryResults(eventId: string, raceId: string | null, catId: string | null, tick: number): ResultRow[] | null {
  const [data, setData] = useState<{ key: string; rows: ResultRow[] } | null>(null);
  const key = `${raceId}|${catId}`;
  useEffect(() => {
    if (!raceId || !catId) return;
    const ctrl = new AbortController();
    getRaceResults({ eventId, raceId, catId }, ctrl.signal).then(
      (res: ResultsResponse) => setData({ key, rows: sortResults(res.results, true) }),
      (err) => {
        if (!isAbort(err)) setData((d) => d); // keep what we had; the next page turn asks again
      },
    );
    return () => ctrl.abort();
  }, [eventId, raceId, catId, key, tick]);
  return data?.key === key ? data.rows : null;
}

/** The ticking clock a screen shows, to the minute (one timer, released on unmount). */
export function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      setNow(new Date());
      timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
    };
    timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
    return () => clearTimeout(timer);
  }, []);
  return now;
}
