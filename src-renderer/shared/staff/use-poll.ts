/**
 * Polls a loader every `intervalMs` while the tab is visible (a hidden tab stops, and polls at
 * once when it shows again). One request at a time: a slow station never gets a queue of them.
 * `reload()` asks for a fresh answer now, e.g. after the operator changed something.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  data: T | null;
  error: unknown;
  /** Date.now() of the last answer (ok or not). */
  at: number | null;
  reload(): void;
}

export function usePoll<T>(load: () => Promise<T>, intervalMs: number, deps: readonly unknown[]): Polled<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; at: number | null }>({ data: null, error: null, at: null });
  const kick = useRef<() => void>(() => {});
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    let alive = true;
    let busy = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ data: null, error: null, at: null });
    const tick = async () => {
      clearTimeout(timer);
      if (!alive) return;
      if (document.visibilityState === 'hidden') return; // resumed by visibilitychange
      if (busy) return;
      busy = true;
      try {
        const data = await loader.current();
        if (alive) setState({ data, error: null, at: Date.now() });
      } catch (error) {
        if (alive) setState((s) => ({ data: s.data, error, at: Date.now() }));
      } finally {
        busy = false;
        if (alive) timer = setTimeout(tick, intervalMs);
      }
    };
    kick.current = () => void tick();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    void tick();
    return () => {
      alive = false;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [intervalMs, ...deps]);

  const reload = useCallback(() => kick.current(), []);
  return { ...state, reload };
}
