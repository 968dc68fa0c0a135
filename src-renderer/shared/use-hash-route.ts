/**
 * The one hash router of the renderer apps: the current route read from `location.hash` with the
 * app's own pure `parse`, re-read on every `hashchange`, and `navigate()` to move with its
 * `format`: a new route pushes a history entry (the back button goes back); `replace` replaces it
 * (a filter change). Changing the hash never scrolls: there are no elements with those ids.
 */
import { useCallback, useEffect, useState } from 'react';

export function useHashRoute<R>(parse: (hash: string) => R, format: (route: R) => string): [R, (route: R, replace?: boolean) => void] {
  const [route, setRoute] = useState<R>(() => parse(location.hash));

  useEffect(() => {
    const onChange = () => setRoute(parse(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, [parse]);

  const navigate = useCallback(
    (next: R, replace = false) => {
      const hash = format(next);
      if (hash === location.hash || (hash === '#/' && !location.hash)) return;
      if (replace) {
        history.replaceState(history.state, '', hash);
        setRoute(parse(hash));
      } else {
        location.hash = hash;
      }
    },
    [parse, format],
  );

  return [route, navigate];
}
