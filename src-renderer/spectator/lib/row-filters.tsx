/**
 * The spectator's own filters above a results list or a startlist: text search over name, club
 * and bib, and "favourites only" (lib/filter-rows.ts applies them). A view may put its own
 * controls first (the results' category select). The input uses a 16 px font so iOS does not
 * zoom in when it gets focus. `useRowFilters` keeps the state and clears the search when the
 * class changes (reference issue #149); "favourites only" stays on.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';

export interface RowFilterState {
  query: string;
  setQuery(q: string): void;
  favOnly: boolean;
  setFavOnly(on: boolean): void;
}

export function useRowFilters(resetKey: string): RowFilterState {
  const [query, setQuery] = useState('');
  const [favOnly, setFavOnly] = useState(false);
  useEffect(() => setQuery(''), [resetKey]);
  return { query, setQuery, favOnly, setFavOnly };
}

export function RowFilters({ state, testId, children }: { state: RowFilterState; testId: string; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="filters" data-testid={testId}>
      {children}
      <label className="field field--grow">
        <span className="field__label">{t('filter.search')}</span>
        <input
          type="search" value={state.query} placeholder={t('filter.searchHint')} autoComplete="off"
          onChange={(e) => state.setQuery(e.target.value)} data-testid="search"
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={state.favOnly} onChange={(e) => state.setFavOnly(e.target.checked)} data-testid="fav-only" />
        <span>{t('filter.favsOnly')}</span>
      </label>
    </div>
  );
}

/** What an empty filtered list says: the favourites hint, or "no one matches". */
export function noMatchText(state: Pick<RowFilterState, 'query' | 'favOnly'>, t: ReturnType<typeof useI18n>['t']): string {
  return state.favOnly && !state.query.trim() ? t('fav.hint') : t('results.noMatch');
}
