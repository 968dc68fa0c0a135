import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatDateRange,
  formatDay,
  formatGap,
  formatPen,
  formatSignedGap,
  formatStamp,
  formatTime,
  joinDistinct,
  localDay,
  venueDay,
} from '../../../../../src-renderer/shared/ui/format.ts';

describe('formatTime (centiseconds → seconds)', () => {
  it('formats as Canoe123 shows times', () => {
    expect(formatTime(8520)).toBe('85.20');
    expect(formatTime(8505)).toBe('85.05');
    expect(formatTime(10000)).toBe('100.00');
    expect(formatTime(7)).toBe('0.07');
    expect(formatTime(0)).toBe('0.00');
    expect(formatTime(-120)).toBe('-1.20');
  });
  it('is empty for missing values', () => {
    expect(formatTime(null)).toBe('');
    expect(formatTime(undefined)).toBe('');
  });
});

describe('formatPen', () => {
  it('shows whole seconds and nothing for a clean run', () => {
    expect(formatPen(200)).toBe('2');
    expect(formatPen(5400)).toBe('54');
    expect(formatPen(0)).toBe('');
    expect(formatPen(null)).toBe('');
  });
});

describe('formatGap', () => {
  it('hides the leader and keeps the sign', () => {
    expect(formatGap('0.00')).toBe('');
    expect(formatGap('+0.00')).toBe('');
    expect(formatGap('+3.00')).toBe('+3.00');
    expect(formatGap('3.00')).toBe('+3.00');
    expect(formatGap(null)).toBe('');
  });
});

describe('dates and clocks', () => {
  it('takes the venue day and wall clock as written, whatever the time zone', () => {
    expect(venueDay('2024-04-06T08:30:00+02:00')).toBe('2024-04-06');
    expect(venueDay('2024-04-06T23:30:00-05:00')).toBe('2024-04-06');
    expect(venueDay(null)).toBeNull();
    expect(formatClock('2024-04-06T08:30:00+02:00', 'cs-CZ')).toBe('08:30');
    expect(formatClock('2024-04-06T14:05:00+02:00', 'en-GB')).toBe('14:05');
    expect(formatClock('10:06:45', 'cs-CZ', true)).toBe('10:06:45');
    expect(formatClock('10:06:45', 'cs-CZ')).toBe('10:06');
    expect(formatClock('', 'cs-CZ')).toBe('');
  });
  it('labels days in the locale', () => {
    expect(formatDay('2024-04-06', 'en-GB')).toBe('Sat 6 Apr');
    expect(formatDay('2024-04-06', 'cs-CZ')).toMatch(/^so 6\. ?4\.$/);
  });
  it('formats date ranges', () => {
    expect(formatDateRange('2024-04-06', '2024-04-06', 'en-GB')).toBe('6 April 2024');
    expect(formatDateRange('2024-04-06', '2024-04-07', 'en-GB')).toMatch(/^6\s*[–-]\s*7 April 2024$/);
    // Czech: the month in words for one day; a range as Czech writes it, never ISO.
    expect(formatDateRange('2024-04-06', null, 'cs')).toBe('6. dubna 2024');
    expect(formatDateRange('2024-04-06T08:30:00+02:00', '2024-04-07T17:00:00+02:00', 'cs')).toMatch(/^6\.\s*[–-]\s*7\.\s*4\.\s*2024$/);
    expect(formatDateRange('2026-03-08T08:30:37+01:00', '2026-03-08T08:30:37+01:00', 'en-GB')).toBe('8 March 2026');
    expect(formatDateRange(null, null, 'en-GB')).toBe('');
  });
  it('shows station stamps as time today, else with the date', () => {
    const now = new Date('2024-04-06T15:00:00Z');
    expect(formatStamp('2024-04-06T12:05:00Z', 'en-GB', now, 'UTC')).toBe('12:05');
    expect(formatStamp('2024-04-05T12:05:00Z', 'en-GB', now, 'UTC')).toMatch(/^5 Apr,? 12:05$/);
    expect(formatStamp(null, 'en-GB', now)).toBe('');
  });
  it('localDay is the phone-local calendar day', () => {
    expect(localDay(new Date(2024, 3, 6, 23, 59))).toBe('2024-04-06');
  });
});

describe('joinDistinct and formatSignedGap', () => {
  it('names a place once however many fields repeat it', () => {
    expect(joinDistinct([null, 'Areál Lídy Polesné', 'Areál Lídy Polesné'])).toBe('Areál Lídy Polesné');
    expect(joinDistinct(['Jarní slalomy', ' areal lidy polesne ', 'Areál Lídy Polesné', ''])).toBe('Jarní slalomy · areal lidy polesne');
    expect(joinDistinct([])).toBe('');
  });

  it('signs gaps with a real minus, and rounds a running clock to seconds', () => {
    expect(formatSignedGap(1279)).toBe('+12.79');
    expect(formatSignedGap(-200)).toBe('−2.00');
    expect(formatSignedGap(0)).toBe('0.00');
    expect(formatSignedGap(4501, true)).toBe('+45');
    expect(formatSignedGap(-699, true)).toBe('−7');
  });
});
