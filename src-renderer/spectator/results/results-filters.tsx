/**
 * Filters above a results list: category (a deep-linked filter: the station ranks within it),
 * text search over name, club and bib, and "favourites only". Inputs use a 16 px font so iOS does
 * not zoom in when they get focus.
 */
import type { PublicCategory } from '@wire/api.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';

interface Props {
  categories: readonly PublicCategory[];
  catId: string | null;
  onCategory(catId: string | null): void;
  query: string;
  onQuery(q: string): void;
  favOnly: boolean;
  onFavOnly(on: boolean): void;
}

export function ResultsFilters(p: Props) {
  const { t } = useI18n();
  return (
    <div className="filters" data-testid="results-filters">
      {p.categories.length > 1 && (
        <label className="field">
          <span className="field__label">{t('filter.category')}</span>
          <select value={p.catId ?? ''} onChange={(e) => p.onCategory(e.target.value || null)} data-testid="category-filter">
            <option value="">{t('filter.all')}</option>
            {p.categories.map((c) => (
              <option key={c.catId} value={c.catId}>{c.name}</option>
            ))}
          </select>
        </label>
      )}
      <label className="field field--grow">
        <span className="field__label">{t('filter.search')}</span>
        <input
          type="search" value={p.query} placeholder={t('filter.searchHint')} autoComplete="off"
          onChange={(e) => p.onQuery(e.target.value)} data-testid="search"
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={p.favOnly} onChange={(e) => p.onFavOnly(e.target.checked)} data-testid="fav-only" />
        <span>{t('filter.favsOnly')}</span>
      </label>
    </div>
  );
}
