/**
 * `useOperatorI18n()`: the dashboard's and officials page's `t` / `tn`, the language and the Intl
 * locale, in the language `<LangProvider>` chose (navigator.language, switchable, remembered).
 * The object is also an `OperatorText`, so components hand it straight to the pure helpers.
 */
import { useCatalogue, type I18nOf } from '../../i18n/lang-context.tsx';
import type { OperatorKey } from './messages-en.ts';
import { operatorCatalogues } from './operator-text.ts';

export type OperatorI18n = I18nOf<OperatorKey>;

export function useOperatorI18n(): OperatorI18n {
  return useCatalogue<OperatorKey>(operatorCatalogues);
}
