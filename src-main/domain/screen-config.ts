/**
 * What one venue screen must show: the layers of wire/screens.ts applied in order (defaults ← the
 * kind's ← the screen's own ← the address's `?event=` pin) and its event resolved. Pure: every
 * input is passed in, the config comes out; the screen registry sends it.
 *
 * An event chosen by the dashboard that is not public (deleted, or back to draft) is skipped, so
 * the screen falls back to the layer below (in the end the live event) rather than going blank.
 * An event pinned in the screen's own address is what the person who set the screen up asked for:
 * the screen keeps waiting for it (`waitingFor`) instead of showing another event.
 */
import type { ScreenConfig, ScreenEventSource, ScreenKind, ScreenSettings, ScreenSettingsPatch } from '../wire/screens.ts';

export interface ScreenConfigInput {
  screenId: string;
  kind: ScreenKind;
  label: string | null;
  defaults: ScreenSettings;
  kindLayer: ScreenSettingsPatch | undefined;
  screenLayer: ScreenSettingsPatch | undefined;
  /** `?event=` from the screen's address, if any. */
  urlEvent: string | null;
  liveEventId: string | null;
  /** Is this event public (exists, not a draft)? */
  isPublic(eventId: string): boolean;
}

const settingKeys = [
  'raceId',
  'catId',
  'lang',
  'theme',
  'lowerThird',
  'finishCard',
  'topCard',
  'topCount',
  'pageSeconds',
] as const satisfies readonly (keyof ScreenSettings)[];

export function resolveScreenConfig(input: ScreenConfigInput): ScreenConfig {
  const layers = [input.defaults, input.kindLayer ?? {}, input.screenLayer ?? {}] as const;
  const merged = { ...input.defaults } as ScreenSettings;
  for (const layer of layers) {
    for (const key of settingKeys) {
      if (layer[key] !== undefined) (merged as unknown as Record<string, unknown>)[key] = layer[key];
    }
  }

  let eventId: string | null = null;
  let eventSource: ScreenEventSource = 'live';
  let waitingFor: string | null = null;
  if (input.urlEvent) {
    eventSource = 'url';
    if (input.isPublic(input.urlEvent)) eventId = input.urlEvent;
    else waitingFor = input.urlEvent;
  } else {
    const chosen = (
      [
        ['screen', input.screenLayer],
        ['kind', input.kindLayer],
      ] as const
    ).find(([, layer]) => typeof layer?.eventId === 'string' && input.isPublic(layer.eventId));
    // An explicit `eventId: null` on the screen's layer follows the live event even when its kind is pinned.
    const screenFollowsLive = input.screenLayer?.eventId === null;
    if (chosen && !(screenFollowsLive && chosen[0] === 'kind')) {
      eventSource = chosen[0];
      eventId = chosen[1]!.eventId!;
    } else {
      eventId = input.liveEventId;
    }
  }

  // A race or category chosen for another event means nothing here: follow the live race.
  const sameEvent = eventSource !== 'live' || !pinnedElsewhere(input, eventId);
  return {
    screenId: input.screenId,
    kind: input.kind,
    label: input.label,
    eventId,
    eventSource,
    waitingFor,
    raceId: sameEvent ? merged.raceId : null,
    catId: sameEvent ? merged.catId : null,
    lang: merged.lang,
    theme: merged.theme,
    lowerThird: merged.lowerThird,
    finishCard: merged.finishCard,
    topCard: merged.topCard,
    topCount: merged.topCount,
    pageSeconds: merged.pageSeconds,
  };
}

/**
 * A fixed race chosen while its layer also named an event, now shown on the live event instead
 * (that event went away): the race belongs to the other event.
 * @private
 */
function pinnedElsewhere(input: ScreenConfigInput, eventId: string | null): boolean {
  for (const layer of [input.screenLayer, input.kindLayer]) {
    if (layer?.raceId != null && typeof layer.eventId === 'string') return layer.eventId !== eventId;
    if (layer?.raceId !== undefined) return false;
  }
  return false;
}
