/**
 * Pure formatting of the numbers and dates the station sends, for both renderer apps.
 *
 * Units follow the wire (src-main/wire/api.ts): times, penalties and totals are integer
 * centiseconds (8520 → "85.20", penalty 200 → "2"); gate penalties are seconds. Dates and clock
 * times go through Intl with the caller's locale, never hand-built strings, so a Czech phone sees
 * "6. 4." and an English one "6 Apr".
 *
 * Race start times are ISO strings with the venue's own offset ("2024-04-06T08:30:00+02:00"): we
 * show that wall clock as written, whatever time zone the phone is set to, because the schedule
 * printed at the venue says 08:30. Instants the station stamps itself (officialAt,
 * statusChangedAt) are shown in the phone's local time.
 */

/** 8520 → "85.20"; null/undefined → "". Negative values keep their sign. */
export function formatTime(cs: number | null | undefined): string {
  if (cs === null || cs === undefined || !Number.isFinite(cs)) return '';
  const sign = cs < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cs));
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  return `${sign}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/** Penalty in centiseconds → whole seconds as Canoe123 shows them: 200 → "2", 0/null → "". */
export function formatPen(cs: number | null | undefined): string {
  if (cs === null || cs === undefined || cs === 0 || !Number.isFinite(cs)) return '';
  const s = cs / 100;
  return Number.isInteger(s) ? String(s) : s.toFixed(2);
}

/**
 * Gap to the leader as the station sends it ("+3.00"); the leader's "0.00" (or "+0.00") is shown
 * as nothing, a tie with the leader included, since the shared rank already says it.
 */
export function formatGap(gap: string | null | undefined): string {
  if (!gap) return '';
  if (/^\+?0+(\.0+)?$/.test(gap.trim())) return '';
  return gap.startsWith('+') || gap.startsWith('-') ? gap : `+${gap}`;
}

/** Wall-clock parts of an ISO string as written (no time-zone conversion), or null. */
export function wallClock(iso: string | null | undefined): { y: number; mo: number; d: number; h: number; mi: number } | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return null;
  return { y: +m[1], mo: +m[2], d: +m[3], h: m[4] ? +m[4] : 0, mi: m[5] ? +m[5] : 0 };
}

/** The venue date of an ISO string ("2024-04-06T08:30:00+02:00" → "2024-04-06"), or null. */
export function venueDay(iso: string | null | undefined): string | null {
  const w = wallClock(iso);
  if (!w) return null;
  return `${w.y}-${String(w.mo).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(opts);
  let f = fmtCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, opts);
    fmtCache.set(key, f);
  }
  return f;
}

/**
 * Venue wall clock "08:30" (or "8:30 AM" in an en-US locale) of an ISO start time, or of a bare
 * time of day ("10:06:45", as Canoe123 writes startlist times).
 */
export function formatClock(iso: string | null | undefined, locale: string, seconds = false): string {
  if (!iso) return '';
  const bare = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(iso);
  const full = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(iso);
  const w = wallClock(iso);
  const m = bare ?? full;
  if (!m) return '';
  const date = new Date(Date.UTC(w?.y ?? 2000, (w?.mo ?? 1) - 1, w?.d ?? 1, +m[1], +m[2], m[3] ? +m[3] : 0));
  const opts: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' };
  if (seconds) opts.second = '2-digit';
  return fmt(locale, opts).format(date);
}

/** A day tab label from a "YYYY-MM-DD" venue day: "Sat 6 Apr" / "so 6. 4.". */
export function formatDay(day: string, locale: string): string {
  const w = wallClock(day);
  if (!w) return day;
  const date = new Date(Date.UTC(w.y, w.mo - 1, w.d, 12));
  return fmt(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

/**
 * A date range for event headers and the events list, in the locale's own style with the month in
 * words: "6–7 April 2024", "6.–7. dubna 2024" (a short month is a number in Czech). Dates with a
 * time and offset ("2024-04-06T08:30:00+02:00") read as their venue day.
 */
export function formatDateRange(start: string | null, end: string | null, locale: string): string {
  const a = wallClock(start);
  const b = wallClock(end ?? start);
  if (!a || !b) return '';
  const f = fmt(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const da = new Date(Date.UTC(a.y, a.mo - 1, a.d, 12));
  const db = new Date(Date.UTC(b.y, b.mo - 1, b.d, 12));
  return da.getTime() === db.getTime() ? f.format(da) : f.formatRange(da, db);
}

/**
 * An instant the station stamped (ISO, usually UTC) in the phone's local time: "14:05" when it is
 * today, else "6 Apr, 14:05". `now` is passed in so tests do not depend on the clock.
 */
export function formatStamp(iso: string | null | undefined, locale: string, now: Date = new Date(), timeZone?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const tz = timeZone ? { timeZone } : {};
  const dayFmt = fmt(locale, { year: 'numeric', month: 'numeric', day: 'numeric', ...tz });
  const sameDay = dayFmt.format(d) === dayFmt.format(now);
  const opts: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit', ...tz }
    : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', ...tz };
  return fmt(locale, opts).format(d);
}

/** "YYYY-MM-DD" of a Date in the phone's local time zone (used to pick today's tab). */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Parts of a line joined with " · ", empty ones and repeats left out (case and accents ignored),
 * so an event whose location and facility are the same place names it once.
 */
export function joinDistinct(parts: readonly (string | null | undefined)[], sep = ' · '): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of parts) {
    const text = p?.trim();
    if (!text) continue;
    const key = text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(text);
  }
  return out.join(sep);
}

/**
 * A signed gap in centiseconds: "+12.79", "−2.00" (a real minus sign), "±0.00" never: 0 is "0.00".
 * `whole` rounds to seconds ("+45"), for gaps taken from a running clock that ticks in seconds.
 */
export function formatSignedGap(cs: number, whole = false): string {
  const sign = cs > 0 ? '+' : cs < 0 ? '−' : '';
  return whole ? `${sign}${Math.round(Math.abs(cs) / 100)}` : `${sign}${formatTime(Math.abs(cs))}`;
}
