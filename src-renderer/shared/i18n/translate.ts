/**
 * The pure half of i18n: choosing the language, filling a message and picking a plural form.
 * React wiring lives in lang-context.tsx. Two languages, English and Czech (c123-live-mini, the
 * server Raceside replaces, was Czech only). The choice comes from a stored preference, else the browser's
 * languages, else English.
 *
 * No catalogue is imported here: each app brings its own (the spectator's in messages-en.ts /
 * messages-cs.ts, the operator's and officials' in shared/staff/i18n/), so the spectator bundle never
 * carries the dashboard's texts.
 */

export type Lang = 'en' | 'cs';
export const LANGS: readonly Lang[] = ['en', 'cs'];
/** localStorage key of the user's explicit choice (one per browser, shared by every page). */
export const LANG_STORAGE_KEY = 'raceside:lang';

export type Params = Record<string, string | number | null | undefined>;
/** A catalogue: every key of an app, in one language. */
export type Catalogue<K extends string> = Readonly<Record<K, string>>;

/** The message for `key` with `{name}` placeholders filled; unknown placeholders stay visible. */
export function translate<K extends string>(messages: Catalogue<K>, key: K, params?: Params): string {
  const text = messages[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined || v === null ? whole : String(v);
  });
}

/**
 * The plural form of a count, for the keys that come in `.one` / `.few` / `.other` triples, by the
 * language's own rules (`Intl.PluralRules`). English: 1 → one, else other. Czech: 1 → one, 2–4 →
 * few, else other ("1 divák", "3 diváci", "5 diváků"); Czech's `many` (fractions) reads as other.
 */
export type PluralForm = 'one' | 'few' | 'other';
const pluralRules = new Map<Lang, Intl.PluralRules>();
export function pluralForm(lang: Lang, n: number): PluralForm {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  const form = rules.select(n);
  return form === 'one' || form === 'few' ? form : 'other';
}

/** The bases of a catalogue's plural triples: `'x.one' | 'x.few' | 'x.other'` → `'x'`. */
export type PluralBase<K extends string> = PluralBaseOf<K, K>;
type PluralBaseOf<Each extends string, All extends string> = Each extends `${infer B}.one`
  ? `${B}.few` extends All
    ? `${B}.other` extends All
      ? B
      : never
    : never
  : never;

/** `{n}` filled into the right form of a plural triple. */
export function translatePlural<K extends string>(messages: Catalogue<K>, lang: Lang, base: PluralBase<K>, n: number, params?: Params): string {
  return translate(messages, `${base}.${pluralForm(lang, n)}` as K, { n, ...params });
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
