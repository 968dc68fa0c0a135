/**
 * The dashboard's and officials page's texts without React: `operatorText(lang)` gives `t` and
 * `tn` over this folder's catalogues, for the pure helpers (feed ages, import progress, race
 * labels…) that take an `OperatorText` so tests can read them in either language.
 */
import { translate, translatePlural, type Lang, type Params, type PluralBase } from '../../i18n/translate.ts';
import { cs } from './messages-cs.ts';
import { en, type OperatorKey, type OperatorMessages } from './messages-en.ts';

export const operatorCatalogues: Readonly<Record<Lang, OperatorMessages>> = { en, cs };

export interface OperatorText {
  lang: Lang;
  t(key: OperatorKey, params?: Params): string;
  tn(base: PluralBase<OperatorKey>, n: number, params?: Params): string;
}

export function operatorText(lang: Lang): OperatorText {
  const messages = operatorCatalogues[lang];
  return {
    lang,
    t: (key, params) => translate(messages, key, params),
    tn: (base, n, params) => translatePlural(messages, lang, base, n, params),
  };
}
