/**
 * The pages' CSP names the station's own ws: origin from the request's Host header, and only a
 * Host that is a plain host[:port] gets in (anything else falls back to 'self' alone).
 */
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src-main/http/page-routes.ts';

const connectSrc = (host: string | undefined) =>
  contentSecurityPolicy(host)
    .split('; ')
    .find((d) => d.startsWith('connect-src'));

describe('contentSecurityPolicy', () => {
  it.each([['192.168.1.20:4800'], ['192.168.1.20'], ['raceside.local:4800'], ['localhost:4800'], ['[fe80::1]:4800'], ['[::1]']])(
    'names ws:// and wss:// of %s',
    (host) => {
      expect(connectSrc(host)).toBe(`connect-src 'self' ws://${host} wss://${host}`);
    },
  );

  it.each([
    [undefined],
    [''],
    ['evil.example; script-src *'],
    ["a 'unsafe-inline'"],
    ['host:99999'],
    ['host:4800/path'],
    ['http://host:4800'],
    ['-bad.example'],
    ['x'.repeat(300)],
  ])('falls back to self alone for %s', (host) => {
    expect(connectSrc(host)).toBe("connect-src 'self'");
  });

  it('keeps the rest of the policy strict', () => {
    const csp = contentSecurityPolicy('192.168.1.20:4800');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp.split('; ')).toHaveLength(10);
  });
});
