/**
 * One results row (and, when open, its run detail row beneath). Standard races show time with
 * penalties and the total; best-run races show both runs (the better one bold and marked, each
 * with its own DNS/DNF/DSQ) and the better total. The first three places get podium colours;
 * rows with a status show it instead of a result. Tapping the row (or its name button, for
 * keyboards and screen readers) opens the detail.
 */
import { memo } from 'react';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { formatGap, formatPen, formatTime } from '../../shared/ui/format.ts';
import { StarButton } from '../../shared/ui/star-button.tsx';
import type { ResultRow as Row } from '../../shared/results/results-merge.ts';
import { RunDetail } from './run-detail.tsx';
import { resultTotal, splitRuns, type RunView } from '../../shared/results/runs.ts';

function RunLine({ run, label }: { run: RunView; label: string }) {
  const pen = formatPen(run.pen);
  return (
    <span className={run.better ? 'runline runline--better' : 'runline'} data-run={run.nr}>
      <span className="sr-only">{label}: </span>
      {run.status ? (
        <span className="badge badge--status">{run.status}</span>
      ) : (
        <>
          {formatTime(run.time) || '–'}
          {pen && <span className="pen"> +{pen}</span>}
        </>
      )}
      {run.better && <span className="better-mark" aria-hidden="true"> ◆</span>}
    </span>
  );
}

interface Props {
  row: Row;
  bestRun: boolean;
  byCategory: boolean;
  open: boolean;
  favourite: boolean;
  categoryName: string | null;
  onToggleOpen(id: string): void;
  onToggleFavourite(row: Row): void;
  loadDetails(catId: string | null): void;
}

export const ResultRowView = memo(function ResultRowView(p: Props) {
  const { t } = useI18n();
  const { row, bestRun } = p;
  const rank = p.byCategory ? row.catRnk : row.rnk;
  const gap = formatGap(p.byCategory ? row.catTotalBehind : row.totalBehind);
  const total = resultTotal(row, bestRun);
  const podium = !row.status && rank !== null && rank <= 3 ? ` podium podium--${rank}` : '';
  const [r1, r2] = bestRun ? splitRuns(row) : [null, null];
  const detailId = `detail-${row.participantId}`;
  return (
    <>
      <tr
        className={`res${podium}${p.open ? ' res--open' : ''}${p.favourite ? ' res--fav' : ''}`}
        data-testid="result-row"
        data-participant-id={row.participantId}
        data-bib={row.bib ?? ''}
        data-rank={rank ?? ''}
        onClick={() => p.onToggleOpen(row.participantId)}
      >
        <td className="res__rank num">{rank !== null && !row.status ? `${rank}.` : ''}</td>
        <td className="res__star"><StarButton on={p.favourite} name={row.name} onToggle={() => p.onToggleFavourite(row)} /></td>
        <td className="res__name">
          <button
            type="button" className="res__btn" aria-expanded={p.open} aria-controls={p.open ? detailId : undefined}
            onClick={(e) => { e.stopPropagation(); p.onToggleOpen(row.participantId); }}
          >
            <span className="res__who">{row.name}</span>
            <span className="res__sub">
              {row.bib !== null && <span className="res__bib">{row.bib}</span>}
              {[row.catId, row.club].filter(Boolean).join(' · ')}
            </span>
          </button>
        </td>
        {bestRun ? (
          <td className="res__runs num">
            {r1 && <RunLine run={r1} label={t('results.run1')} />}
            {r2 && <RunLine run={r2} label={t('results.run2')} />}
          </td>
        ) : (
          <td className="res__time num">
            {row.status ? '' : formatTime(row.time)}
            {!row.status && formatPen(row.pen) && <span className="pen"> +{formatPen(row.pen)}</span>}
          </td>
        )}
        <td className="res__total num" data-testid="result-total">
          {row.status ? (
            <span className="badge badge--status">{row.status}</span>
          ) : (
            <>
              <strong>{formatTime(total)}</strong>
              {gap && <span className="res__gap">{gap}</span>}
            </>
          )}
        </td>
      </tr>
      {p.open && (
        <tr className="res-detail" id={detailId}>
          <td colSpan={5}>
            <RunDetail row={row} bestRun={bestRun} categoryName={p.categoryName} loadDetails={p.loadDetails} />
          </td>
        </tr>
      )}
    </>
  );
});
