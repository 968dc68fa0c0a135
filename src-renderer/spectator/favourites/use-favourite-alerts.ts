/**
 * Watches the live event state and turns favourites' moments into in-page alerts
 * (favourite-alerts.ts decides which). Alerts stay 12 s, or until dismissed; at most 4 at once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveEventState } from '../lib/live-event-state.ts';
import { detectAlerts, type AlertSnapshot, type FavouriteAlert } from './favourite-alerts.ts';

const ALERT_MS = 12_000;
const MAX_ALERTS = 4;

export function useFavouriteAlerts(state: LiveEventState, favourites: ReadonlySet<string>) {
  const [alerts, setAlerts] = useState<FavouriteAlert[]>([]);
  const prev = useRef<AlertSnapshot | null>(null);
  const seen = useRef(new Set<string>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: string) => {
    setAlerts((list) => list.filter((a) => a.id !== id));
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
  }, []);

  const { oncourse, races, oncourseVersion, event } = state;
  useEffect(() => {
    if (!event || oncourseVersion === 0) return;
    const next: AlertSnapshot = { oncourse, races };
    const fresh = detectAlerts(prev.current, next, favourites, seen.current);
    prev.current = next;
    if (!fresh.length) return;
    setAlerts((list) => [...list, ...fresh].slice(-MAX_ALERTS));
    for (const a of fresh) timers.current.set(a.id, setTimeout(() => dismiss(a.id), ALERT_MS));
  }, [oncourse, races, oncourseVersion, event, favourites, dismiss]);

  useEffect(() => {
    const map = timers.current;
    return () => map.forEach((t) => clearTimeout(t));
  }, []);

  return { alerts, dismiss };
}
