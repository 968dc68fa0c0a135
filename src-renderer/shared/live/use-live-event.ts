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
import { firstViewFor, takeFirstView } from '../first-view.ts';

export const LiveEventContext = createContext<LiveEventStore | null>(null);

/**
 * `screenId` tags the event socket as a venue screen's (issue 15: `?screen=<id>`), so the station
 * admits it apart from the phones.
 */
export function useLiveEventStore(eventId: string, screenId?: string): LiveEventStore | null {
  const [store, setStore] = useState<LiveEventStore | null>(null);

  useEffect(() => {
    const wsUrl = screenId
      ? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/events/${encodeURIComponent(eventId)}/ws?screen=${encodeURIComponent(screenId)}`
      : undefined;
    // A phone's event page starts from the first view the page came with (shared/first-view.ts).
    const s = new LiveEventStore(eventId, { wsUrl, firstView: screenId ? null : takeFirstView(eventId) });
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
  }, [eventId, screenId]);

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
