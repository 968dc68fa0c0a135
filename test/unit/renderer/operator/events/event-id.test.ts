/** Event ids suggested from titles always match the station's pattern. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidEventId, suggestEventId } from '../../../../../src-renderer/operator/events/event-id.ts';

describe('event ids', () => {
  it('turns a Czech title into a plain id', () => {
    expect(suggestEventId('Jarní slalomy 2024')).toBe('jarni-slalomy-2024');
    expect(suggestEventId('  ČP #3 — Špindlerův Mlýn  ')).toBe('cp-3-spindleruv-mlyn');
  });
  it('follows the station pattern', () => {
    expect(isValidEventId('jarni-slalomy-2024')).toBe(true);
    expect(isValidEventId('-x')).toBe(false);
    expect(isValidEventId('a b')).toBe(false);
    expect(isValidEventId('a'.repeat(101))).toBe(false);
  });
  it('every non-empty suggestion is a valid id', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 150 }), (title) => {
        const id = suggestEventId(title);
        return id === '' || isValidEventId(id);
      }),
    );
  });
});
