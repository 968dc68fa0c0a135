/** The settings form: seconds on screen, milliseconds on the wire, only what changed. */
import { describe, expect, it } from 'vitest';
import type { StationSettings } from '../../../../../src-main/wire/admin.ts';
import { isValidPin, settingsPatch, settingsValues } from '../../../../../src-renderer/operator/settings/settings-fields.ts';

const current: StationSettings = {
  host: '0.0.0.0',
  port: 4800,
  maxConnectionsPerEvent: 5000,
  maxConnectionsPerAddress: 32,
  heartbeatMs: 30_000,
  heartbeatTimeoutMs: 10_000,
  officialGraceMs: 5000,
  defaultMergeStrategy: 'xml-structure-live-results',
};

describe('settings form', () => {
  it('shows durations in seconds and sends nothing when nothing changed', () => {
    const v = settingsValues(current);
    expect(v).toMatchObject({ port: '4800', heartbeatS: '30', heartbeatTimeoutS: '10', officialGraceS: '5' });
    expect(settingsPatch(v, current)).toEqual({ patch: {}, errors: {} });
  });
  it('sends changed fields in milliseconds', () => {
    const v = { ...settingsValues(current), heartbeatS: '15', officialGraceS: '2,5', port: '4801', defaultMergeStrategy: 'xml-authoritative' as const };
    expect(settingsPatch(v, current)).toEqual({
      patch: { heartbeatMs: 15_000, officialGraceMs: 2500, port: 4801, defaultMergeStrategy: 'xml-authoritative' },
      errors: {},
    });
  });
  it("sends the per-address connection limit (a NAT'd Wi-Fi raises it) and refuses 0", () => {
    expect(settingsPatch({ ...settingsValues(current), maxConnectionsPerAddress: '2000' }, current).patch).toEqual({ maxConnectionsPerAddress: 2000 });
    expect(settingsPatch({ ...settingsValues(current), maxConnectionsPerAddress: '0' }, current).errors).toEqual({
      maxConnectionsPerAddress: 'settings.err.maxConnections',
    });
  });
  it('names every invalid field and sends nothing for it', () => {
    const v = { ...settingsValues(current), port: '70000', maxConnectionsPerEvent: '0', heartbeatS: 'abc', heartbeatTimeoutS: '0.1' };
    const { patch, errors } = settingsPatch(v, current);
    expect(Object.keys(errors).sort()).toEqual(['heartbeatS', 'heartbeatTimeoutS', 'maxConnectionsPerEvent', 'port']);
    // Message keys, put into words by the form in the dashboard's language.
    expect(errors).toEqual({
      port: 'settings.err.port',
      maxConnectionsPerEvent: 'settings.err.maxConnections',
      heartbeatS: 'settings.err.heartbeat',
      heartbeatTimeoutS: 'settings.err.heartbeatTimeout',
    });
    expect(patch).toEqual({});
  });
  it('leaves an untouched port alone even when the station reports 0 (started with --port 0)', () => {
    expect(settingsPatch(settingsValues({ ...current, port: 0 }), { ...current, port: 0 })).toEqual({ patch: {}, errors: {} });
  });
  it('officials PINs are 4 to 12 digits', () => {
    expect(isValidPin('246813')).toBe(true);
    expect(isValidPin('2468')).toBe(false);
    expect(isValidPin('24681')).toBe(false);
    expect(isValidPin('123456789012')).toBe(true);
    expect(isValidPin('123')).toBe(false);
    expect(isValidPin('12a4')).toBe(false);
  });
});
