import { describe, expect, it } from 'vitest';
import { ALL, changeValue, formValues, INHERIT, kindValues, layerOf, LIVE } from '../../../../../src-renderer/operator/screens/screen-form.ts';
import { defaultScreenSettings } from '../../../../../src-main/settings.ts';

describe('the Screens panel’s form', () => {
  it('a kind’s form shows every setting; back to a layer unchanged', () => {
    const v = kindValues(defaultScreenSettings, { theme: 'light', raceId: 'K1M_ST_BR2_6' });
    expect(v).toMatchObject({
      eventId: LIVE,
      raceId: 'K1M_ST_BR2_6',
      catId: ALL,
      lang: 'auto',
      theme: 'light',
      lowerThird: 'on',
      topCard: 'off',
      topCount: '8',
      pageSeconds: '8',
    });
    expect(layerOf(v)).toEqual({ ...defaultScreenSettings, theme: 'light', raceId: 'K1M_ST_BR2_6' });
  });

  it('a screen’s own layer: unset fields follow the kind', () => {
    const v = formValues({ eventId: null, topCard: true });
    expect(v).toMatchObject({ eventId: LIVE, raceId: INHERIT, topCard: 'on', theme: INHERIT });
    expect(layerOf(v)).toEqual({ eventId: null, topCard: true });
    expect(layerOf(formValues({}))).toEqual({});
  });

  it('another event drops the race and category; another race drops the category', () => {
    const v = formValues({ eventId: 'a', raceId: 'R1', catId: 'ZS' });
    expect(changeValue(v, 'eventId', 'b')).toMatchObject({ eventId: 'b', raceId: LIVE, catId: ALL });
    expect(changeValue(v, 'raceId', 'R2')).toMatchObject({ raceId: 'R2', catId: ALL });
    expect(changeValue(formValues({ eventId: 'a' }), 'eventId', 'b')).toMatchObject({ raceId: INHERIT, catId: INHERIT });
  });
});
