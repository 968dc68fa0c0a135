/** "12 s ago" labels of the feed panel. */
import { describe, expect, it } from 'vitest';
import { operatorText } from '../../../../../src-renderer/shared/staff/i18n/operator-text.ts';
import { ago, clockTime } from '../../../../../src-renderer/shared/staff/relative-time.ts';

const en = operatorText('en');

describe('ago', () => {
  const now = 1_700_000_000_000;
  it('says never, just now, seconds, minutes, hours, days', () => {
    expect(ago(null, now, en)).toBe('never');
    expect(ago(now - 400, now, en)).toBe('just now');
    expect(ago(now + 2000, now, en)).toBe('just now'); // a station clock a little ahead
    expect(ago(now - 12_300, now, en)).toBe('12 s ago');
    expect(ago(now - 3 * 60_000 - 5000, now, en)).toBe('3 min ago');
    expect(ago(now - 2 * 3_600_000, now, en)).toBe('2 h ago');
    expect(ago(now - 3 * 86_400_000, now, en)).toBe('3 d ago');
  });
  it('in Czech', () => {
    const cs = operatorText('cs');
    expect(ago(null, now, cs)).toBe('nikdy');
    expect(ago(now - 12_300, now, cs)).toBe('před 12 s');
    expect(ago(now - 3 * 60_000, now, cs)).toBe('před 3 min');
  });
});

describe('clockTime', () => {
  it('shows the time today, the date another day', () => {
    const now = new Date(2024, 3, 6, 15, 0, 0);
    expect(clockTime(new Date(2024, 3, 6, 9, 5, 7).toISOString(), now)).toBe('09:05:07');
    expect(clockTime(new Date(2024, 3, 5, 9, 5, 7).toISOString(), now)).toBe('2024-04-05 09:05');
    expect(clockTime('not a date', now)).toBe('not a date');
  });
});
