/**
 * A rider's run detail, opened by tapping the row: bib, year of birth, category and the club's full
 * name, then per run the time,
 * penalties, total, status and gate-by-gate penalties (upstream gates marked). Best-run races show
 * both runs with the better one marked. Gates come from a `detailed=true` read that the results
 * hook makes once per list state; until they arrive the numbers from the row are shown.
 */
import { useEffect } from 'react';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { formatPen, formatTime } from '../../shared/ui/format.ts';
import { GateBadges } from '../../shared/ui/gate-badges.tsx';
import { StarButton } from '../../shared/ui/star-button.tsx';
import type { ResultRow } from '../../shared/results/results-merge.ts';
import { splitRuns, type RunView } from '../../shared/results/runs.ts';
import { StatusBadge } from './status-badge.tsx';

function RunBlock({ run, title, loading }: { run: RunView; title?: string; loading: boolean }) {
  const { t } = useI18n();
  return (
    <div className={run.better ? 'run run--better' : 'run'} data-testid="run-block" data-run={run.nr}>
      {title && (
        <h3 className="run__title">
          {title} {run.better && <span className="badge badge--better">{t('results.better')}</span>}
        </h3>
      )}
      <dl className="run__nums">
        <div>
          <dt>{t('results.time')}</dt>
          <dd className="num">{formatTime(run.time) || '–'}</dd>
        </div>
        <div>
          <dt>{t('results.pen')}</dt>
          <dd className="num">{formatPen(run.pen) || '0'}</dd>
        </div>
        <div>
          <dt>{t('results.total')}</dt>
          <dd className="num">
            <strong>{formatTime(run.total) || '–'}</strong>
          </dd>
        </div>
        {run.status && (
          <div>
            <dt className="sr-only">{t('results.status')}</dt>
            <dd>
              <StatusBadge status={run.status} word />
            </dd>
          </div>
        )}
      </dl>
      {run.gates === undefined ? (
        loading && <p className="run__note">{t('common.loading')}</p>
      ) : run.gates && run.gates.length ? (
        <GateBadges gates={run.gates} />
      ) : (
        <p className="run__note">{t('detail.noGates')}</p>
      )}
    </div>
  );
}

interface Props {
  row: ResultRow;
  bestRun: boolean;
  categoryName: string | null;
  loadDetails(catId: string | null): void;
  /** The favourite star again (the row's own is left out on the narrowest phones). */
  favourite: boolean;
  onToggleFavourite(): void;
}

export function RunDetail({ row, bestRun, categoryName, loadDetails, favourite, onToggleFavourite }: Props) {
  const { t } = useI18n();
  const missing = row.gates === undefined;
  useEffect(() => {
    if (missing) loadDetails(row.catId);
  }, [missing, loadDetails, row]);

  const head = [
    row.bib !== null ? t('detail.bibCat', { bib: row.bib }) : null,
    row.year ? t('detail.year', { year: row.year }) : null,
    categoryName,
    row.catRnk && categoryName ? t('detail.catRank', { rank: row.catRnk, cat: categoryName }) : null,
    row.club,
  ]
    .filter(Boolean)
    .join(' · ');

  const top = (
    <div className="detail__top">
      <p className="detail__head">{head}</p>
      <StarButton on={favourite} name={row.name} onToggle={onToggleFavourite} />
    </div>
  );
  if (!bestRun) {
    const run: RunView = { nr: 1, time: row.time, pen: row.pen, total: row.total, status: row.status, gates: row.gates, better: false };
    return (
      <div className="detail" data-testid="run-detail">
        {top}
        <RunBlock run={run} loading={missing} />
      </div>
    );
  }
  const [r1, r2] = splitRuns(row);
  return (
    <div className="detail" data-testid="run-detail">
      {top}
      <RunBlock run={r1} title={t('results.run1')} loading={missing} />
      {r2 && <RunBlock run={r2} title={t('results.run2')} loading={missing} />}
    </div>
  );
}
