/**
 * The venue screens' texts: `useScreenI18n()` gives `t` over messages-en.ts / messages-cs.ts in the
 * language `<LangProvider>` holds (set from the screen's config), and `moveText` turns a finish's
 * move (standings.ts) into its sentence: "moves into 1st, 0.42 s ahead of KREJČÍ".
 */
import { useCatalogue, type I18nOf } from '../i18n/lang-context.tsx';
import type { Lang } from '../i18n/translate.ts';
import { formatTime } from '../ui/format.ts';
import { screenCs } from './messages-cs.ts';
import { screenEn, type ScreenKey } from './messages-en.ts';
import { ordinal, type Move } from './standings.ts';

const catalogues = { en: screenEn, cs: screenCs } as const;

export type ScreenI18n = I18nOf<ScreenKey>;

export function useScreenI18n(): ScreenI18n {
  return useCatalogue<ScreenKey>(catalogues);
}

const STATUS_KEYS: Record<string, ScreenKey> = { DNF: 'move.DNF', DNS: 'move.DNS', DSQ: 'move.DSQ', CAP: 'move.CAP' };

export function moveText(move: Move, t: ScreenI18n['t'], lang: Lang): string {
  switch (move.kind) {
    case 'leads':
      return t('move.leads');
    case 'first':
    case 'staysFirst':
      return t(move.kind === 'first' ? 'move.first' : 'move.staysFirst', { gap: formatTime(Math.abs(move.gap)), name: move.other });
    case 'up':
    case 'stays':
    case 'down':
    case 'new':
      return t(`move.${move.kind}`, { rank: ordinal(move.rank, lang), gap: formatTime(Math.abs(move.gap)), leader: move.leader });
    case 'status':
      return STATUS_KEYS[move.status] ? t(STATUS_KEYS[move.status]) : move.status;
    case 'none':
      return t('move.none');
  }
}
