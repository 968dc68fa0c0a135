/**
 * Watches the live event state and turns favourites' moments into in-page alerts
 * (favourite-alerts.ts decides which). Alerts stay 12 s, or until dismissed; at most 4 at once.
 * The time a snapshot carries is when its on-course list arrived, not when races last changed,
 * so a quiet feed is measured as quiet.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveEventState } from '../../shared/live/live-event-state.ts';
import { detectAlerts, newAlertMemory, type AlertSnapshot, type FavouriteAlert } from './favourite-alerts.ts';

const ALERT_MS = 12_000;
const MAX_ALERTS = 4;

export function useFavouriteAlerts(state: LiveEventState, favourites: ReadonlySet<string>) {
  const [alerts, setAlerts] = useState<FavouriteAlert[]>([]);
  const prev = useRef<AlertSnapshot | null>(null);
  const memory = useRef(newAlertMemory());
  const arrived = useRef({ version: 0, at: 0 });
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: string) => {
    setAlerts((list) => list.filter((a) => a.id !== id));
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
  }, []);

  const { oncourse, races, oncourseVersion, event } = state;
  useEffect(() => {
    if (!event || oncourseVersion === 0) return;
    const now = Date.now();
    if (arrived.current.version !== oncourseVersion) arrived.current = { version: oncourseVersion, at: now };
    const next: AlertSnapshot = { oncourse, races, at: arrived.current.at, official: event.status === 'official' };
    const fresh = detectAlerts(prev.current, next, favourites, memory.current, now);
    prev.current = next;
    if (!fresh.length) return;
    setAlerts((list) => [...list, ...fresh].slice(-MAX_ALERTS));
    for (const a of fresh)
      timers.current.set(
        a.id,
        setTimeout(() => dismiss(a.id), ALERT_MS),
      );
  }, [oncourse, races, oncourseVersion, event, favourites, dismiss]);

  useEffect(() => {
    const map = timers.current;
    return () => map.forEach((t) => clearTimeout(t));
  }, []);

  return { alerts, dismiss };
}
