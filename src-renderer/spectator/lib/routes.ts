/**
 * The spectator app's routes, in the URL hash so every view is a deep link that survives a reload
 * and works from a QR code without any server routing:
 *
 *   #/                                   events list
 *   #/events/<eventId>                   event page, view and race chosen automatically
 *   #/events/<eventId>/results/<raceId>  results of a race (either id of a best-run pair)
 *   #/events/<eventId>/startlist/<raceId>
 *   #/events/<eventId>/schedule
 *   …?cat=<catId>                        category filter on results
 *
 * `#/events/<id>/race/<raceId>` (c123-live-mini's form) is read as results. Pure: parse and format
 * only; use-route.ts talks to `location`.
 */

export type View = 'results' | 'startlist' | 'schedule';

export type Route = { page: 'events' } | { page: 'event'; eventId: string; view: View | null; raceId: string | null; catId: string | null };

function dec(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart, query = ''] = raw.split('?');
  const parts = pathPart.split('/').filter(Boolean).map(dec);
  if (parts[0] !== 'events' || !parts[1]) return { page: 'events' };
  const params = new URLSearchParams(query);
  const catId = params.get('cat') || null;
  const eventId = parts[1];
  const v = parts[2];
  if (v === 'schedule') return { page: 'event', eventId, view: 'schedule', raceId: null, catId };
  if ((v === 'results' || v === 'startlist' || v === 'race') && parts[3]) {
    return { page: 'event', eventId, view: v === 'race' ? 'results' : v, raceId: parts[3], catId };
  }
  return { page: 'event', eventId, view: null, raceId: null, catId };
}

export function formatRoute(route: Route): string {
  if (route.page === 'events') return '#/';
  let path = `#/events/${encodeURIComponent(route.eventId)}`;
  if (route.view === 'schedule') path += '/schedule';
  else if (route.view && route.raceId) path += `/${route.view}/${encodeURIComponent(route.raceId)}`;
  if (route.catId && route.view === 'results') path += `?cat=${encodeURIComponent(route.catId)}`;
  return path;
}
