/**
 * The results table of one race (standard or best-run columns). Column widths follow their
 * content (numbers never wrap, the name column takes the rest and wraps), so nothing overlaps from
 * 320 px up; the headers are never cut (they wrap). Under 600 px the bib sits under the place and
 * year, category and club under the name; from 600 px they have columns of their own. Which rows
 * are open is kept per participant, so a live re-sort moves an open detail with its rider.
 */
import { useCallback, useState } from 'react';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import type { ResultRow } from '../../shared/results/results-merge.ts';
import { ResultRowView } from './result-row.tsx';

interface Props {
  caption: string;
  rows: ResultRow[];
  bestRun: boolean;
  byCategory: boolean;
  isFavourite(row: ResultRow): boolean;
  onToggleFavourite(row: ResultRow): void;
  categoryName(catId: string | null): string | null;
  loadDetails(catId: string | null): void;
}

export function ResultsTable({ caption, rows, bestRun, byCategory, isFavourite, onToggleFavourite, categoryName, loadDetails }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggleOpen = useCallback((id: string) => {
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  return (
    <table className={bestRun ? 'results results--br' : 'results'} data-testid="results-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="res__rank">
            <span className="th-line">{t('results.rank')}</span>
            <span className="th-line narrow-only">{t('results.bib')}</span>
          </th>
          <th scope="col" className="res__bibcol wide-only">
            {t('results.bib')}
          </th>
          <th scope="col" className="res__star">
            <span className="sr-only">{t('results.favourite')}</span>
          </th>
          <th scope="col" className="res__name">
            <span className="th-line">{t('results.name')}</span>
            <span className="th-line narrow-only">{t('results.yearClub')}</span>
          </th>
          <th scope="col" className="res__yearcol wide-only">
            {t('results.year')}
          </th>
          <th scope="col" className="res__club wide-only">
            {t('results.club')}
          </th>
          {bestRun ? (
            <th scope="col" className="res__runs">
              <span className="th-line">{t('results.run1')}</span>
              <span className="th-line">{t('results.run2')}</span>
            </th>
          ) : (
            <th scope="col" className="res__time">
              <span className="th-line">
                {t('results.time')} <span className="pen">+{t('results.pen')}</span>
              </span>
            </th>
          )}
          <th scope="col" className="res__total">
            <span className="th-line">{t('results.result')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <ResultRowView
            key={row.participantId}
            row={row}
            bestRun={bestRun}
            byCategory={byCategory}
            open={open.has(row.participantId)}
            favourite={isFavourite(row)}
            categoryName={categoryName(row.catId)}
            onToggleOpen={toggleOpen}
            onToggleFavourite={onToggleFavourite}
            loadDetails={loadDetails}
          />
        ))}
      </tbody>
    </table>
  );
}
