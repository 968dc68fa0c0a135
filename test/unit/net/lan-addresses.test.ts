import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { advertisedUrls, lanAddresses, lanUrls, listensOnLan } from '../../../src-main/net/lan-addresses.ts';

function v4(address: string, internal = false): NetworkInterfaceInfo {
  return { address, netmask: '255.255.255.0', family: 'IPv4', mac: '00:11:22:33:44:55', internal, cidr: `${address}/24` };
}

function v6(address: string, internal = false): NetworkInterfaceInfo {
  return { address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '00:11:22:33:44:55', internal, cidr: `${address}/64`, scopeid: 0 };
}

describe('lanAddresses', () => {
  it('lists non-internal IPv4 addresses in interface order', () => {
    const interfaces = {
      lo: [v4('127.0.0.1', true), v6('::1', true)],
      eth0: [v4('10.0.0.5'), v6('fe80::1')],
      wlan0: [v6('fd00::20'), v4('192.168.1.20')],
    };
    expect(lanAddresses(interfaces)).toEqual(['10.0.0.5', '192.168.1.20']);
  });

  it('puts link-local 169.254.x.x addresses last', () => {
    expect(lanAddresses({ eth0: [v4('169.254.10.2')], wlan0: [v4('192.168.1.20')] })).toEqual(['192.168.1.20', '169.254.10.2']);
  });

  it('drops duplicates and empty or missing entries', () => {
    expect(lanAddresses({ a: [v4('10.0.0.5')], b: [v4('10.0.0.5')], c: [], d: undefined })).toEqual(['10.0.0.5']);
  });

  it('accepts the numeric family of Node 18.0-18.3', () => {
    const old = { ...v4('10.1.1.1'), family: 4 } as unknown as NetworkInterfaceInfo;
    expect(lanAddresses({ eth0: [old] })).toEqual(['10.1.1.1']);
  });

  it('is empty with only loopback', () => {
    expect(lanAddresses({ lo: [v4('127.0.0.1', true)] })).toEqual([]);
    expect(lanAddresses({})).toEqual([]);
  });
});

describe('lanUrls', () => {
  it('makes one spectator URL per address', () => {
    expect(lanUrls({ eth0: [v4('10.0.0.5')], wlan0: [v4('192.168.1.20')] }, 4801)).toEqual(['http://10.0.0.5:4801/', 'http://192.168.1.20:4801/']);
  });
});

describe('which addresses reach the station', () => {
  const interfaces = { lo: [v4('127.0.0.1', true)], eth0: [v4('10.0.0.5')], wlan0: [v4('192.168.1.20')] };

  it('every interface, or one LAN address, reaches it from the LAN; a loopback host does not', () => {
    expect(listensOnLan('0.0.0.0', interfaces)).toBe(true);
    expect(listensOnLan('::', interfaces)).toBe(true);
    expect(listensOnLan('192.168.1.20', interfaces)).toBe(true);
    expect(listensOnLan('127.0.0.1', interfaces)).toBe(false);
    expect(listensOnLan('localhost', interfaces)).toBe(false);
  });

  it('advertises the one address a station bound to it, else every LAN address (a loopback station too, warned about)', () => {
    expect(advertisedUrls(interfaces, '0.0.0.0', 4800)).toEqual(['http://10.0.0.5:4800/', 'http://192.168.1.20:4800/']);
    expect(advertisedUrls(interfaces, '192.168.1.20', 4800)).toEqual(['http://192.168.1.20:4800/']);
    expect(advertisedUrls(interfaces, '127.0.0.1', 4800)).toEqual(['http://10.0.0.5:4800/', 'http://192.168.1.20:4800/']);
  });
});
