/**
 * The current route from `location.hash`, re-read on every `hashchange`, and `navigate()` to move:
 * a new view or race pushes a history entry (the back button goes back a tab); a filter change
 * replaces it. Changing the hash never scrolls: there are no elements with those ids.
 */
import { useCallback, useEffect, useState } from 'react';
import { formatRoute, parseRoute, type Route } from './routes.ts';

export function useRoute(): [Route, (route: Route, replace?: boolean) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));

  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  const navigate = useCallback((next: Route, replace = false) => {
    const hash = formatRoute(next);
    if (hash === location.hash || (hash === '#/' && !location.hash)) return;
    if (replace) {
      history.replaceState(history.state, '', hash);
      setRoute(parseRoute(hash));
    } else {
      location.hash = hash;
    }
  }, []);

  return [route, navigate];
}
