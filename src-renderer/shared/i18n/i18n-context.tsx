/**
 * React wiring of i18n: `<I18nProvider>` holds the chosen language, keeps `<html lang>` in step
 * (screen readers and axe need it) and persists an explicit switch in localStorage;
 * `useI18n()` gives components `t(key, params)`, the language, the Intl locale and `setLang`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MessageKey } from './messages-en.ts';
import { catalogues, detectLanguage, intlLocale, LANG_STORAGE_KEY, translate, type Lang, type Params } from './translate.ts';

export interface I18n {
  lang: Lang;
  locale: string;
  t(key: MessageKey, params?: Params): string;
  setLang(lang: Lang): void;
}

const I18nContext = createContext<I18n | null>(null);

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

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => detectLanguage(readStored(), browserLanguages()));

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

  const value = useMemo<I18n>(() => {
    const messages = catalogues[lang];
    return {
      lang,
      locale: intlLocale(lang, browserLanguages()),
      t: (key, params) => translate(messages, key, params),
      setLang,
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside <I18nProvider>');
  return ctx;
}
