/**
 * The pure half of i18n: choosing the language and filling a message. React wiring lives in
 * i18n-context.tsx. Two languages, English and Czech (reference §9 item 7: c123-live-mini was
 * Czech only). The choice comes from a stored preference, else the browser's languages, else
 * English.
 */
import { cs } from './messages-cs.ts';
import { en, type MessageKey, type Messages } from './messages-en.ts';

export type Lang = 'en' | 'cs';
export const LANGS: readonly Lang[] = ['en', 'cs'];
export const catalogues: Record<Lang, Messages> = { en, cs };
/** localStorage key of the spectator's explicit choice. */
export const LANG_STORAGE_KEY = 'raceside:lang';

export type Params = Record<string, string | number | null | undefined>;

/** The message for `key` with `{name}` placeholders filled; unknown placeholders stay visible. */
export function translate(messages: Messages, key: MessageKey, params?: Params): string {
  const text = messages[key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined || v === null ? whole : String(v);
  });
}

/**
 * The language to start with: a valid stored choice wins; else the first browser language we
 * have (cs, cs-CZ, sk → Czech, since Slovak readers understand it better than English); else en.
 */
export function detectLanguage(stored: string | null | undefined, browserLanguages: readonly string[]): Lang {
  if (stored === 'en' || stored === 'cs') return stored;
  for (const l of browserLanguages) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'cs' || base === 'sk') return 'cs';
    if (base === 'en') return 'en';
  }
  return 'en';
}

/**
 * The Intl locale for dates and times: the browser's own locale when it speaks the chosen
 * language (so an en-US phone keeps its 12-hour clock), else a sensible default for it.
 */
export function intlLocale(lang: Lang, browserLanguages: readonly string[]): string {
  const own = browserLanguages.find((l) => l.toLowerCase().split('-')[0] === lang);
  return own ?? (lang === 'cs' ? 'cs-CZ' : 'en-GB');
}
