/** The dashboard's hash routes round-trip, and anything unknown is the events page. */
import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from '../../../../../src-renderer/operator/lib/route.ts';

describe('dashboard routes', () => {
  it('round-trips every page, event ids with odd characters included', () => {
    const routes: Route[] = [
      { page: 'events' },
      { page: 'lan' },
      { page: 'settings' },
      { page: 'activity' },
      { page: 'event', eventId: 'jarni-slalomy-2024' },
      { page: 'event', eventId: 'a b/č.1' },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
  });
  it('treats unknown or empty hashes as the events page', () => {
    expect(parseRoute('')).toEqual({ page: 'events' });
    expect(parseRoute('#/nope')).toEqual({ page: 'events' });
    expect(parseRoute('#/events/')).toEqual({ page: 'events' });
    expect(parseRoute('#/events/%E0%A4%A')).toEqual({ page: 'events' });
  });
});
