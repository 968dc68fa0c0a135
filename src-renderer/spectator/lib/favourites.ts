/**
 * The spectator's favourite athletes, per event, kept in this browser only (localStorage, no
 * login, nothing sent to the station). An athlete is identified as c123-live-mini did, by
 * (class, bib): the only pair that results, startlists and the on-course feed (which carries no
 * participant id) all have. Every component reading favourites shares one store, so starring in
 * the results lights the star on the course panel at once.
 */
import { useCallback, useMemo, useSyncExternalStore } from 'react';

export function favKey(classId: string, bib: number | null | undefined): string | null {
  return bib === null || bib === undefined ? null : `${classId}:${bib}`;
}

export function storageKey(eventId: string): string {
  return `raceside:favourites:${eventId}`;
}

/** Reads a stored list defensively: anything but an array of strings is an empty list. */
export function parseFavourites(raw: string | null): Set<string> {
  if (!raw) return new Set();
  try {
    const v: unknown = JSON.parse(raw);
    return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

const cache = new Map<string, Set<string>>();
const listeners = new Set<() => void>();
const none: ReadonlySet<string> = new Set();

function read(eventId: string): Set<string> {
  let set = cache.get(eventId);
  if (!set) {
    let raw: string | null = null;
    try {
      raw = localStorage.getItem(storageKey(eventId));
    } catch {
      /* storage blocked: favourites last for this page */
    }
    cache.set(eventId, (set = parseFavourites(raw)));
  }
  return set;
}

function write(eventId: string, set: Set<string>): void {
  cache.set(eventId, set);
  try {
    localStorage.setItem(storageKey(eventId), JSON.stringify([...set]));
  } catch {
    /* see read() */
  }
  for (const fn of [...listeners]) fn();
}

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  const onStorage = (e: StorageEvent) => {
    if (e.key?.startsWith('raceside:favourites:')) {
      cache.clear();
      fn();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(fn);
    window.removeEventListener('storage', onStorage);
  };
}

export interface Favourites {
  keys: ReadonlySet<string>;
  has(classId: string, bib: number | null | undefined): boolean;
  toggle(classId: string, bib: number | null | undefined): void;
}

export function useFavourites(eventId: string): Favourites {
  // No favourites on the station, which renders the first view (first-view-ssr.tsx).
  const keys = useSyncExternalStore(
    subscribe,
    () => read(eventId),
    () => none,
  );
  const toggle = useCallback(
    (classId: string, bib: number | null | undefined) => {
      const k = favKey(classId, bib);
      if (!k) return;
      const next = new Set(read(eventId));
      if (next.has(k)) next.delete(k);
      else next.add(k);
      write(eventId, next);
    },
    [eventId],
  );
  const has = useCallback(
    (classId: string, bib: number | null | undefined) => {
      const k = favKey(classId, bib);
      return k !== null && keys.has(k);
    },
    [keys],
  );
  return useMemo(() => ({ keys, has, toggle }), [keys, has, toggle]);
}
