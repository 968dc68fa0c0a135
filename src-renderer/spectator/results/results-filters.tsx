/**
 * Filters above a results list: the spectator's own search and "favourites only"
 * (lib/row-filters.tsx), and the category (a deep-linked filter: the station ranks within it),
 * on the line that starts with the race's state (`lead`).
 */
import type { ReactNode } from 'react';
import type { PublicCategory } from '@wire/api.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { RowFilters, type RowFilterState } from '../lib/row-filters.tsx';

interface Props {
  categories: readonly PublicCategory[];
  catId: string | null;
  onCategory(catId: string | null): void;
  filters: RowFilterState;
  lead: ReactNode;
}

export function ResultsFilters({ categories, catId, onCategory, filters, lead }: Props) {
  const { t } = useI18n();
  return (
    <RowFilters state={filters} testId="results-filters" lead={lead} active={catId !== null}>
      {categories.length > 1 && (
        <label className="field field--cat">
          <span className="sr-only">{t('filter.category')}</span>
          <select value={catId ?? ''} onChange={(e) => onCategory(e.target.value || null)} data-testid="category-filter">
            <option value="">{t('filter.allCategories')}</option>
            {categories.map((c) => (
              <option key={c.catId} value={c.catId}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </RowFilters>
  );
}
