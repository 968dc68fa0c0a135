import { describe, expect, it } from 'vitest';
import { resolveScreenConfig, type ScreenConfigInput } from '../../../src-main/domain/screen-config.ts';
import { defaultScreenSettings } from '../../../src-main/settings.ts';

const publicEvents = new Set(['live', 'day-2', 'day-3']);
const base = (over: Partial<ScreenConfigInput> = {}): ScreenConfigInput => ({
  screenId: 'wall-1',
  kind: 'board',
  label: null,
  defaults: defaultScreenSettings,
  kindLayer: undefined,
  screenLayer: undefined,
  urlEvent: null,
  liveEventId: 'live',
  isPublic: (id) => publicEvents.has(id),
  ...over,
});

describe('resolveScreenConfig', () => {
  it('with no layer: the defaults and the live event', () => {
    expect(resolveScreenConfig(base())).toEqual({
      screenId: 'wall-1',
      kind: 'board',
      label: null,
      eventId: 'live',
      eventSource: 'live',
      waitingFor: null,
      raceId: null,
      catId: null,
      lang: 'auto',
      theme: 'dark',
      lowerThird: true,
      finishCard: true,
      topCard: false,
      topCount: 8,
      pageSeconds: 8,
    });
  });

  it('layers apply in order: kind over defaults, screen over kind; absent fields inherit', () => {
    const c = resolveScreenConfig(base({ kindLayer: { theme: 'light', lang: 'cs', topCount: 5 }, screenLayer: { theme: 'dark', topCard: true } }));
    expect(c).toMatchObject({ theme: 'dark', lang: 'cs', topCount: 5, topCard: true, lowerThird: true });
  });

  it('an event chosen for the screen beats the kind’s; eventId null on the screen follows the live event despite the kind', () => {
    expect(resolveScreenConfig(base({ kindLayer: { eventId: 'day-2' } }))).toMatchObject({ eventId: 'day-2', eventSource: 'kind' });
    expect(resolveScreenConfig(base({ kindLayer: { eventId: 'day-2' }, screenLayer: { eventId: 'day-3' } }))).toMatchObject({
      eventId: 'day-3',
      eventSource: 'screen',
    });
    expect(resolveScreenConfig(base({ kindLayer: { eventId: 'day-2' }, screenLayer: { eventId: null } }))).toMatchObject({
      eventId: 'live',
      eventSource: 'live',
    });
  });

  it('a chosen event that is not public falls back to the layer below, in the end the live event', () => {
    expect(resolveScreenConfig(base({ kindLayer: { eventId: 'day-2' }, screenLayer: { eventId: 'gone' } }))).toMatchObject({
      eventId: 'day-2',
      eventSource: 'kind',
    });
    expect(resolveScreenConfig(base({ kindLayer: { eventId: 'gone' } }))).toMatchObject({ eventId: 'live', eventSource: 'live' });
  });

  it('a race chosen with its event is dropped when that event is not shown (the race belongs to it)', () => {
    const layer = { eventId: 'gone', raceId: 'K1M_ST_BR2_6', catId: 'ZS' };
    expect(resolveScreenConfig(base({ kindLayer: layer }))).toMatchObject({ eventId: 'live', raceId: null, catId: null });
    expect(resolveScreenConfig(base({ kindLayer: { ...layer, eventId: 'day-2' } }))).toMatchObject({ eventId: 'day-2', raceId: 'K1M_ST_BR2_6', catId: 'ZS' });
    // A race chosen without an event is for whatever event the screen shows.
    expect(resolveScreenConfig(base({ kindLayer: { raceId: 'K1M_ST_BR2_6' } }))).toMatchObject({ eventId: 'live', raceId: 'K1M_ST_BR2_6' });
  });

  it('the address’s ?event= wins over every layer, and waits for an event not yet public', () => {
    expect(resolveScreenConfig(base({ urlEvent: 'day-3', screenLayer: { eventId: 'day-2' } }))).toMatchObject({
      eventId: 'day-3',
      eventSource: 'url',
      waitingFor: null,
    });
    expect(resolveScreenConfig(base({ urlEvent: 'tomorrow' }))).toMatchObject({ eventId: null, eventSource: 'url', waitingFor: 'tomorrow' });
  });

  it('no live event and nothing chosen: no event (the screen waits)', () => {
    expect(resolveScreenConfig(base({ liveEventId: null }))).toMatchObject({ eventId: null, eventSource: 'live', waitingFor: null });
  });
});
