/**
 * Which addresses a spectator's phone can use to reach the station. A pure function over the
 * shape `os.networkInterfaces()` returns, so it is tested without a network. Never imports
 * `electron`: the headless station and the Electron shell share it.
 */
import type { NetworkInterfaceInfo } from 'node:os';

/** The shape of `os.networkInterfaces()`. */
export type NetworkInterfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/**
 * Non-internal IPv4 addresses, in interface order, without duplicates. Link-local addresses
 * (169.254.x.x, what a laptop gives itself when DHCP fails) come last: they rarely reach a phone
 * but are still the only address on an ad-hoc network.
 */
export function lanAddresses(interfaces: NetworkInterfaces): string[] {
  const routable: string[] = [];
  const linkLocal: string[] = [];
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      // Node 18.0–18.3 reported `family` as the number 4.
      const ipv4 = info.family === 'IPv4' || (info.family as unknown) === 4;
      if (!ipv4 || info.internal) continue;
      const list = info.address.startsWith('169.254.') ? linkLocal : routable;
      if (!routable.includes(info.address) && !linkLocal.includes(info.address)) list.push(info.address);
    }
  }
  return [...routable, ...linkLocal];
}

/** `http://<address>:<port>/` for each LAN address: the URLs to show and put in QR codes. */
export function lanUrls(interfaces: NetworkInterfaces, port: number): string[] {
  return lanAddresses(interfaces).map((address) => `http://${address}:${port}/`);
}

/** A host that accepts connections on every interface. */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/**
 * Whether phones, tablets and c123-server on other computers reach a station listening on
 * `host`: yes on every interface (0.0.0.0, ::) or on one of the LAN addresses; no on a loopback
 * address (127.x, ::1, localhost), where only this computer does.
 */
export function listensOnLan(host: string, interfaces: NetworkInterfaces): boolean {
  return isWildcardHost(host) || lanAddresses(interfaces).includes(host);
}

/**
 * The URLs to advertise (LAN page, QR codes, c123-server block, officials address) for a station
 * listening on `host`: the host itself when it is one LAN address, else every LAN address (a
 * loopback-only station still shows them, with a warning that they do not reach it).
 */
export function advertisedUrls(interfaces: NetworkInterfaces, host: string, port: number): string[] {
  const all = lanUrls(interfaces, port);
  if (isWildcardHost(host) || !lanAddresses(interfaces).includes(host)) return all;
  return [`http://${host}:${port}/`];
}
