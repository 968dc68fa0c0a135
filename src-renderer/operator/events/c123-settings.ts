/**
 * The block the operator pastes into c123-server's `~/.c123-server/settings.json` so it pushes
 * to this station: the `live` section with the station's LAN URL (no trailing slash: c123-server
 * appends `/api/v1/…` itself), the event's ingest key and id, every push and auto-status on.
 * Pure, so the exact text is tested.
 */
export interface C123LiveSettings {
  enabled: true;
  serverUrl: string;
  apiKey: string;
  eventId: string;
  pushXml: true;
  pushOnCourse: true;
  pushResults: true;
  autoStatus: true;
}

/** The station URL c123-server should use: the first LAN URL, else this page's origin. */
export function stationServerUrl(lanUrls: readonly string[], origin: string): string {
  return (lanUrls[0] ?? origin).replace(/\/+$/, '');
}

export function c123LiveSettings(serverUrl: string, apiKey: string, eventId: string): C123LiveSettings {
  return {
    enabled: true,
    serverUrl: serverUrl.replace(/\/+$/, ''),
    apiKey,
    eventId,
    pushXml: true,
    pushOnCourse: true,
    pushResults: true,
    autoStatus: true,
  };
}

/** `"live": { … }` as it goes inside settings.json (two-space indent). */
export function c123LiveSettingsBlock(serverUrl: string, apiKey: string, eventId: string): string {
  return `"live": ${JSON.stringify(c123LiveSettings(serverUrl, apiKey, eventId), null, 2)}`;
}
