/**
 * "12 s ago", "3 min ago", "2 h ago" (or "před 12 s") for the feed and activity panels; pure,
 * `now` and the texts passed in. A time a little in the future (clock skew between browser and
 * station) reads "just now".
 */
import type { OperatorText } from './i18n/operator-text.ts';

export function ago(thenMs: number | null, nowMs: number, { t }: Pick<OperatorText, 't'>): string {
  if (thenMs === null) return t('ago.never');
  const s = Math.floor((nowMs - thenMs) / 1000);
  if (s < 1) return t('ago.now');
  if (s < 60) return t('ago.s', { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('ago.min', { n: m });
  const h = Math.floor(m / 60);
  if (h < 48) return t('ago.h', { n: h });
  return t('ago.d', { n: Math.floor(h / 24) });
}

/** An ISO stamp as local "HH:MM:SS" today, or "YYYY-MM-DD HH:MM" another day (the same in both languages). */
export function clockTime(iso: string | number, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  const time = `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay ? time : `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${time.slice(0, 5)}`;
}
