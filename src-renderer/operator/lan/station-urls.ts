/**
 * The addresses the dashboard hands out, from the station's LAN URLs (never from the operator's
 * own browser address, which is often 127.0.0.1 on the station laptop): spectators at `/`,
 * officials at `/officials`. This page's origin is the fallback only when the station found no
 * LAN address. Pure.
 */
export function officialsUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/officials`;
}

/** The officials page on every LAN address, or on this page's origin when there is none. */
export function officialsUrls(lanUrls: readonly string[], origin: string): string[] {
  return (lanUrls.length ? lanUrls : [origin]).map(officialsUrl);
}
