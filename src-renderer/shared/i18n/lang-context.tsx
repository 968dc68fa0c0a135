/**
 * React wiring of the chosen language, for every renderer app: `<LangProvider>` holds it, keeps
 * `<html lang>` in step (screen readers and axe need it) and persists an explicit switch in
 * localStorage; `useLang()` gives the language, the Intl locale and `setLang`; `useCatalogue()`
 * adds `t(key, params)` and `tn(base, n)` over the catalogue an app passes in. Apps bring their
 * own catalogues (see translate.ts), so this module holds no texts.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  detectLanguage,
  intlLocale,
  LANG_STORAGE_KEY,
  translate,
  translatePlural,
  type Catalogue,
  type Lang,
  type Params,
  type PluralBase,
} from './translate.ts';

export interface LangState {
  lang: Lang;
  locale: string;
  setLang(lang: Lang): void;
}

export interface I18nOf<K extends string> extends LangState {
  t(key: K, params?: Params): string;
  /** A plural triple's right form for `n`, with `{n}` filled. */
  tn(base: PluralBase<K>, n: number, params?: Params): string;
}

const LangContext = createContext<LangState | null>(null);

function readStored(): string | null {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null;
  }
}

function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/**
 * `fixed` (a venue screen's language, set from the operator's dashboard) overrides the stored and
 * the browser's choice, and is never stored: a screen's browser may also serve phones' pages.
 */
export function LangProvider({ children, fixed = null }: { children: ReactNode; fixed?: Lang | null }) {
  const [chosen, setLangState] = useState<Lang>(() => detectLanguage(readStored(), browserLanguages()));
  const lang = fixed ?? chosen;

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }, []);

  const value = useMemo<LangState>(() => ({ lang, locale: intlLocale(lang, browserLanguages()), setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

/**
 * A language decided elsewhere, for rendering outside a browser (the spectator page's first view,
 * rendered by the station): nothing read from or written to the browser.
 */
export function FixedLangProvider({ lang, languages, children }: { lang: Lang; languages: readonly string[]; children: ReactNode }) {
  const value = useMemo<LangState>(() => ({ lang, locale: intlLocale(lang, languages), setLang: () => {} }), [lang, languages]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  const ctx = useContext(LangContext);
  if (!ctx) throw new Error('useLang outside <LangProvider>');
  return ctx;
}

/** `t` and `tn` over one app's catalogues, in the chosen language. Pass a module-level constant. */
export function useCatalogue<K extends string>(catalogues: Readonly<Record<Lang, Catalogue<K>>>): I18nOf<K> {
  const state = useLang();
  return useMemo<I18nOf<K>>(() => {
    const messages = catalogues[state.lang];
    return {
      ...state,
      t: (key, params) => translate(messages, key, params),
      tn: (base, n, params) => translatePlural(messages, state.lang, base, n, params),
    };
  }, [state, catalogues]);
}
