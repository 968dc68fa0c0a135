/**
 * The spectator's own filters above a results list or a startlist: text search over name, club
 * and bib, and "favourites only" (lib/filter-rows.ts applies them). On a phone they take no row of
 * their own until used: the view's status line (`lead`) carries a search button and the
 * "favourites only" star, and the search field (with the view's own controls, the results'
 * category select) opens under it; it stays open while a filter is on. From 600 px the field is
 * always shown. The input uses a 16 px font so iOS does not zoom in when it gets focus.
 * `useRowFilters` keeps the state and clears the search when the class changes (reference issue
 * #149); "favourites only" stays on.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
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

interface Props {
  state: RowFilterState;
  testId: string;
  /** What the line starts with (the view's state and day). */
  lead?: ReactNode;
  /** The view's own controls beside the search field. */
  children?: ReactNode;
  /** One of the view's own controls is set: keep the field row open. */
  active?: boolean;
}

export function RowFilters({ state, testId, lead, children, active = false }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [opened, setOpened] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const open = opened || active || state.query !== '';
  const toggle = () => {
    setOpened(!open);
    if (!open) requestAnimationFrame(() => input.current?.focus());
  };
  return (
    <div className="filters" data-testid={testId}>
      <div className="filters__bar">
        <div className="filters__lead">{lead}</div>
        <button type="button" className={open ? 'tool tool--on' : 'tool'} aria-expanded={open} aria-controls={id} onClick={toggle} data-testid="search-toggle">
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
            <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.5" />
            <path d="M15 15l6 6" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
          </svg>
          <span className="sr-only">{t('filter.search')}</span>
        </button>
        <label className={state.favOnly ? 'tool check--fav tool--fav' : 'tool check--fav'} title={t('filter.favsOnly')}>
          <input type="checkbox" checked={state.favOnly} onChange={(e) => state.setFavOnly(e.target.checked)} data-testid="fav-only" />
          <span aria-hidden="true">★</span>
          <span className="sr-only">{t('filter.favsOnly')}</span>
        </label>
      </div>
      <div className={open ? 'filters__more' : 'filters__more filters__more--closed'} id={id}>
        <label className="field field--grow">
          <span className="sr-only">{t('filter.search')}</span>
          <input
            ref={input}
            type="search"
            value={state.query}
            placeholder={t('filter.searchHint')}
            autoComplete="off"
            onChange={(e) => state.setQuery(e.target.value)}
            data-testid="search"
          />
        </label>
        {children}
      </div>
    </div>
  );
}

/** What an empty filtered list says: the favourites hint, or "no one matches". */
export function noMatchText(state: Pick<RowFilterState, 'query' | 'favOnly'>, t: ReturnType<typeof useI18n>['t']): string {
  return state.favOnly && !state.query.trim() ? t('fav.hint') : t('results.noMatch');
}
