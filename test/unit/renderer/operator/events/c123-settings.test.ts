/** The block pasted into c123-server's settings.json. */
import { describe, expect, it } from 'vitest';
import { c123LiveSettingsBlock, stationServerUrl } from '../../../../../src-renderer/operator/events/c123-settings.ts';

describe('c123-server live settings', () => {
  it('uses the first LAN URL without its trailing slash, else the page origin', () => {
    expect(stationServerUrl(['http://192.168.1.5:4800/', 'http://10.0.0.2:4800/'], 'http://127.0.0.1:4800')).toBe('http://192.168.1.5:4800');
    expect(stationServerUrl([], 'http://127.0.0.1:4800')).toBe('http://127.0.0.1:4800');
  });
  it('is a valid "live" member of settings.json with every push on', () => {
    const block = c123LiveSettingsBlock('http://192.168.1.5:4800/', 'k3y', 'jarni-slalomy-2024');
    expect(block.startsWith('"live": {\n  "enabled": true,')).toBe(true);
    expect(JSON.parse(`{${block}}`)).toEqual({
      live: {
        enabled: true,
        serverUrl: 'http://192.168.1.5:4800',
        apiKey: 'k3y',
        eventId: 'jarni-slalomy-2024',
        pushXml: true,
        pushOnCourse: true,
        pushResults: true,
        autoStatus: true,
      },
    });
  });
});
