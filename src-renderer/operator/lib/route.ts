/**
 * The dashboard's hash routes, pure: `#/` (events), `#/events/<id>`, `#/lan`, `#/screens`,
 * `#/settings`, `#/activity`. Anything unknown is the events page.
 */
export type Route =
  { page: 'events' } | { page: 'event'; eventId: string } | { page: 'lan' } | { page: 'screens' } | { page: 'settings' } | { page: 'activity' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const [head, ...rest] = path.split('/');
  if (head === 'events' && rest.length === 1 && rest[0]) {
    try {
      return { page: 'event', eventId: decodeURIComponent(rest[0]) };
    } catch {
      return { page: 'events' };
    }
  }
  if (head === 'lan' || head === 'screens' || head === 'settings' || head === 'activity') return { page: head };
  return { page: 'events' };
}

export function formatRoute(route: Route): string {
  return route.page === 'event' ? `#/events/${encodeURIComponent(route.eventId)}` : route.page === 'events' ? '#/' : `#/${route.page}`;
}
