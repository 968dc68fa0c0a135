/**
 * React side of the live event store: `useLiveEventStore(eventId)` creates and starts one store per
 * event page (stopped on leave; the first one starts from the first view the page came with), wakes it when the page becomes visible again, and
 * `useLiveEventState(store)` reads its state. Features receive the store through
 * `LiveEventContext` so a results view can subscribe to results diffs without prop drilling.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { LiveEventStore } from './live-event-store.ts';
import { initialLiveEventState, type LiveEventState } from './live-event-state.ts';
import type { FirstView } from '@wire/first-view.ts';
import { firstViewFor, takeFirstView } from '../../shared/first-view.ts';

export const LiveEventContext = createContext<LiveEventStore | null>(null);

export function useLiveEventStore(eventId: string): LiveEventStore | null {
  const [store, setStore] = useState<LiveEventStore | null>(null);

  useEffect(() => {
    const s = new LiveEventStore(eventId, { firstView: takeFirstView(eventId) });
    setStore(s);
    void s.start();
    let hiddenAt = document.visibilityState === 'hidden' ? Date.now() : 0;
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') hiddenAt = Date.now();
      else {
        s.wake(hiddenAt ? Date.now() - hiddenAt : 0);
        hiddenAt = 0;
      }
    };
    const onOnline = () => s.wake(0);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('online', onOnline);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('online', onOnline);
      s.stop();
    };
  }, [eventId]);

  return store && store.eventId === eventId ? store : null;
}

const emptyStates = new Map<string, LiveEventState>();
const seededStates = new WeakMap<FirstView, LiveEventState>();
function seededState(first: FirstView): LiveEventState {
  let s = seededStates.get(first);
  if (!s) seededStates.set(first, (s = initialLiveEventState(first.eventId, first)));
  return s;
}
const noop = () => () => {};

export function useLiveEventState(store: LiveEventStore | null, eventId: string): LiveEventState {
  let empty = emptyStates.get(eventId);
  if (!empty) emptyStates.set(eventId, (empty = initialLiveEventState(eventId)));
  // Before the store exists (the first render), the first view the page came with, if any.
  const first = store ? null : firstViewFor(eventId);
  const fallback = first ? seededState(first) : empty;
  const get = store ? store.getState : () => fallback;
  // The same on the station, which renders the first view (first-view-ssr.tsx).
  return useSyncExternalStore(store ? store.subscribe : noop, get, get);
}

export function useLiveEventContext(): LiveEventStore | null {
  return useContext(LiveEventContext);
}
