/** The `#token=` fragment the headless station prints as the dashboard link. */
import { describe, expect, it } from 'vitest';
import { tokenFromHash } from '../../../../../src-renderer/operator/lib/operator-token.ts';

describe('tokenFromHash', () => {
  it('reads the token and leaves nothing behind', () => {
    expect(tokenFromHash('#token=abc-123_x')).toEqual({ token: 'abc-123_x', rest: '' });
  });
  it('decodes it and keeps a route that follows', () => {
    expect(tokenFromHash('#token=a%2Bb%3D&/lan')).toEqual({ token: 'a+b=', rest: '#/lan' });
  });
  it('ignores other fragments, an empty token and broken escapes', () => {
    expect(tokenFromHash('#/events/x')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('#token=%E0%A4%A')).toBeNull();
  });
});
