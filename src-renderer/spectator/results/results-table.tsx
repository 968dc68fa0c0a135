/**
 * The results table of one race (standard or best-run columns). Which rows are open is kept per
 * participant, so a live re-sort moves an open detail with its rider instead of opening another.
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
          <th scope="col" className="res__rank">{t('results.rank')}</th>
          <th scope="col" className="res__star"><span className="sr-only">★</span></th>
          <th scope="col" className="res__name">{t('results.name')}</th>
          {bestRun ? (
            <th scope="col" className="res__runs">{t('results.runs')}</th>
          ) : (
            <th scope="col" className="res__time">{t('results.time')} <span className="pen">+{t('results.pen')}</span></th>
          )}
          <th scope="col" className="res__total">{t('results.result')}</th>
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
