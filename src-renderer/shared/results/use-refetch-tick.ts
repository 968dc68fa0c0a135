/**
 * A debounced "fetch again": `requestRefetch()` may be called as often as diffs arrive; `tick`
 * moves once, `delayMs` after the last call, and a list view puts it among its fetch effect's
 * dependencies. The one timer is released on unmount; it never fetches by itself.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export function useRefetchTick(delayMs: number): { tick: number; requestRefetch(): void } {
  const [tick, setTick] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const requestRefetch = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setTick((t) => t + 1), delayMs);
  }, [delayMs]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return { tick, requestRefetch };
}
