/**
 * The Screens panel's form values and the settings layer they stand for (wire/screens.ts), both
 * ways. Every control is a select or a switch whose value is a string; on a screen's own layer
 * the empty value means "as the others of its kind" (the field is left out of the layer). Pure.
 */
import type { ScreenSettings, ScreenSettingsPatch } from '@wire/screens.ts';

export const INHERIT = '';
export const LIVE = '*live';
export const ALL = '*all';

export interface ScreenFormValues {
  eventId: string;
  raceId: string;
  catId: string;
  lang: string;
  theme: string;
  lowerThird: string;
  finishCard: string;
  topCard: string;
  topCount: string;
  pageSeconds: string;
}

const onOff = (v: boolean | undefined) => (v === undefined ? INHERIT : v ? 'on' : 'off');
const nullable = (v: string | null | undefined, nullAs: string) => (v === undefined ? INHERIT : v === null ? nullAs : v);

/** A layer as form values (absent fields: INHERIT). */
export function formValues(p: ScreenSettingsPatch): ScreenFormValues {
  return {
    eventId: nullable(p.eventId, LIVE),
    raceId: nullable(p.raceId, LIVE),
    catId: nullable(p.catId, ALL),
    lang: p.lang ?? INHERIT,
    theme: p.theme ?? INHERIT,
    lowerThird: onOff(p.lowerThird),
    finishCard: onOff(p.finishCard),
    topCard: onOff(p.topCard),
    topCount: p.topCount === undefined ? INHERIT : String(p.topCount),
    pageSeconds: p.pageSeconds === undefined ? INHERIT : String(p.pageSeconds),
  };
}

/** A kind's form: its layer over the defaults, every field set. */
export function kindValues(defaults: ScreenSettings, layer: ScreenSettingsPatch): ScreenFormValues {
  return formValues({ ...defaults, ...layer });
}

/** Form values back to a layer: INHERIT fields are left out. */
export function layerOf(v: ScreenFormValues): ScreenSettingsPatch {
  const out: ScreenSettingsPatch = {};
  const back = (s: string, nullAs: string) => (s === nullAs ? null : s);
  if (v.eventId !== INHERIT) out.eventId = back(v.eventId, LIVE);
  if (v.raceId !== INHERIT) out.raceId = back(v.raceId, LIVE);
  if (v.catId !== INHERIT) out.catId = back(v.catId, ALL);
  if (v.lang !== INHERIT) out.lang = v.lang as ScreenSettings['lang'];
  if (v.theme !== INHERIT) out.theme = v.theme as ScreenSettings['theme'];
  if (v.lowerThird !== INHERIT) out.lowerThird = v.lowerThird === 'on';
  if (v.finishCard !== INHERIT) out.finishCard = v.finishCard === 'on';
  if (v.topCard !== INHERIT) out.topCard = v.topCard === 'on';
  if (v.topCount !== INHERIT) out.topCount = Number(v.topCount);
  if (v.pageSeconds !== INHERIT) out.pageSeconds = Number(v.pageSeconds);
  return out;
}

/**
 * One control changed: the new values. Another event makes the chosen race and category
 * meaningless, and another race the chosen category: they go back to "live" / "whole field"
 * (or to INHERIT on a screen's own layer, when they were inherited).
 */
export function changeValue(v: ScreenFormValues, key: keyof ScreenFormValues, value: string): ScreenFormValues {
  const next = { ...v, [key]: value };
  if (key === 'eventId' && value !== v.eventId) {
    if (next.raceId !== INHERIT) next.raceId = LIVE;
    if (next.catId !== INHERIT) next.catId = ALL;
  }
  if (key === 'raceId' && value !== v.raceId && next.catId !== INHERIT) next.catId = ALL;
  return next;
}
