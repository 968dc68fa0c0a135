import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../../../../src-renderer/spectator/lib/routes.ts';
import { favKey, parseFavourites } from '../../../../../src-renderer/spectator/lib/favourites.ts';

describe('routes (deep links)', () => {
  it('parses every view', () => {
    expect(parseRoute('')).toEqual({ page: 'events' });
    expect(parseRoute('#/')).toEqual({ page: 'events' });
    expect(parseRoute('#/events/jarni%20slalomy')).toEqual({ page: 'event', eventId: 'jarni slalomy', view: null, raceId: null, catId: null });
    expect(parseRoute('#/events/e1/results/K1M_ST_BR2_6?cat=ZS')).toEqual({
      page: 'event',
      eventId: 'e1',
      view: 'results',
      raceId: 'K1M_ST_BR2_6',
      catId: 'ZS',
    });
    expect(parseRoute('#/events/e1/startlist/K1M_ST_BR2_6')).toMatchObject({ view: 'startlist', raceId: 'K1M_ST_BR2_6' });
    expect(parseRoute('#/events/e1/schedule')).toMatchObject({ view: 'schedule', raceId: null });
    expect(parseRoute('#/events/e1/race/K1M_ST_BR2_6')).toMatchObject({ view: 'results', raceId: 'K1M_ST_BR2_6' });
  });
  it('round-trips', () => {
    for (const h of ['#/', '#/events/e1', '#/events/e1/results/K1M_ST_BR2_6?cat=ZS', '#/events/e1/startlist/X', '#/events/e%2F1/schedule']) {
      expect(formatRoute(parseRoute(h))).toBe(h);
    }
  });
});

describe('favourites keys', () => {
  it('keys by class and bib and reads storage defensively', () => {
    expect(favKey('K1M_ST', 9)).toBe('K1M_ST:9');
    expect(favKey('K1M_ST', null)).toBeNull();
    expect([...parseFavourites('["K1M_ST:9", 3]')]).toEqual(['K1M_ST:9']);
    expect(parseFavourites('{bad').size).toBe(0);
    expect(parseFavourites(null).size).toBe(0);
  });
});
