/**
 * The officials page's hash routes, pure: `#/` (the events) and `#/events/<id>` (one event's races
 * to mark official). Anything else is the events list.
 */
export type OfficialsRoute = { page: 'events' } | { page: 'event'; eventId: string };

export function parseOfficialsRoute(hash: string): OfficialsRoute {
  const m = /^#\/+events\/([^/?]+)\/*$/.exec(hash);
  if (!m) return { page: 'events' };
  try {
    return { page: 'event', eventId: decodeURIComponent(m[1]) };
  } catch {
    return { page: 'events' };
  }
}

export function formatOfficialsRoute(route: OfficialsRoute): string {
  return route.page === 'event' ? `#/events/${encodeURIComponent(route.eventId)}` : '#/';
}
