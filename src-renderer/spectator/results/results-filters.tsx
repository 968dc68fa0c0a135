/**
 * Filters above a results list: category (a deep-linked filter: the station ranks within it),
 * then the spectator's own search and "favourites only" (lib/row-filters.tsx).
 */
import type { PublicCategory } from '@wire/api.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { RowFilters, type RowFilterState } from '../lib/row-filters.tsx';

interface Props {
  categories: readonly PublicCategory[];
  catId: string | null;
  onCategory(catId: string | null): void;
  filters: RowFilterState;
}

export function ResultsFilters({ categories, catId, onCategory, filters }: Props) {
  const { t } = useI18n();
  return (
    <RowFilters state={filters} testId="results-filters">
      {categories.length > 1 && (
        <label className="field">
          <span className="field__label">{t('filter.category')}</span>
          <select value={catId ?? ''} onChange={(e) => onCategory(e.target.value || null)} data-testid="category-filter">
            <option value="">{t('filter.all')}</option>
            {categories.map((c) => (
              <option key={c.catId} value={c.catId}>{c.name}</option>
            ))}
          </select>
        </label>
      )}
    </RowFilters>
  );
}
