/**
 * The spectator app's texts (and those of the shared UI pieces it uses: gate badges, star button,
 * race state badge): `useI18n()` gives `t(key, params)` over messages-en.ts / messages-cs.ts in
 * the language `<LangProvider>` (lang-context.tsx) chose. The operator dashboard and the officials
 * page have their own catalogue (shared/staff/i18n/), so neither bundle carries the other's texts.
 */
import { useCatalogue, type I18nOf } from './lang-context.tsx';
import { cs } from './messages-cs.ts';
import { en, type MessageKey } from './messages-en.ts';

const catalogues = { en, cs } as const;

export type I18n = I18nOf<MessageKey>;

export function useI18n(): I18n {
  return useCatalogue<MessageKey>(catalogues);
}
