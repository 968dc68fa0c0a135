/**
 * One results row (and, when open, its run detail row beneath), laid out for 320 px and up: the
 * place with the bib under it, the name with year of birth, category and club (shortened,
 * lib/club-name.ts) under it, both runs of a best-run race one above the other (the better one
 * bold and marked), and the result with the gap. From 600 px the bib, year and club get columns
 * of their own (app.css); the narrow forms are the same cells hidden there. The first three places
 * get podium colours. A rider without a result (DNS/DNF/DSQ/CAP) shows the status and the rule's
 * word across the run and result columns, in a neutral style (not the red of "live"). Tapping the
 * row (or its name button, for keyboards and screen readers) opens the detail.
 */
import { memo } from 'react';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { formatGap, formatPen, formatTime } from '../../shared/ui/format.ts';
import { StarButton } from '../../shared/ui/star-button.tsx';
import { shortClub } from '../lib/club-name.ts';
import type { ResultRow as Row } from '../../shared/results/results-merge.ts';
import { RunDetail } from './run-detail.tsx';
import { resultTotal, splitRuns, type RunView } from '../../shared/results/runs.ts';
import { StatusBadge } from './status-badge.tsx';

function RunLine({ run, label }: { run: RunView; label: string }) {
  const { t } = useI18n();
  const pen = formatPen(run.pen);
  return (
    <span className={run.better ? 'runline runline--better' : 'runline'} data-run={run.nr}>
      <span className="sr-only">{label}: </span>
      {run.status ? (
        <StatusBadge status={run.status} />
      ) : (
        <>
          {formatTime(run.time) || '–'}
          {pen && <span className="pen"> +{pen}</span>}
        </>
      )}
      {run.better && (
        <span className="better-mark" aria-hidden="true">
          {' '}
          ◆
        </span>
      )}
      {run.better && <span className="sr-only"> ({t('results.better')})</span>}
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

/** Columns of a results row, narrow and wide forms together (the detail row spans them all). */
export const RESULT_COLUMNS = 8;

export const ResultRowView = memo(function ResultRowView(p: Props) {
  const { t } = useI18n();
  const { row, bestRun } = p;
  const rank = p.byCategory ? row.catRnk : row.rnk;
  const gap = formatGap(p.byCategory ? row.catTotalBehind : row.totalBehind);
  const total = resultTotal(row, bestRun);
  const podium = !row.status && rank !== null && rank <= 3 ? ` podium podium--${rank}` : '';
  const [r1, r2] = bestRun ? splitRuns(row) : [null, null];
  const detailId = `detail-${row.participantId}`;
  const club = shortClub(row.club);
  const year = row.year ?? null;
  return (
    <>
      <tr
        className={`res${podium}${p.open ? ' res--open' : ''}${p.favourite ? ' res--fav' : ''}`}
        data-testid="result-row"
        data-participant-id={row.participantId}
        data-bib={row.bib ?? ''}
        data-rank={rank ?? ''}
        data-status={row.status ?? ''}
        onClick={() => p.onToggleOpen(row.participantId)}
      >
        <td className="res__rank num">
          <span className="res__place">{rank !== null && !row.status ? `${rank}.` : ''}</span>
          {row.bib !== null && (
            <span className="res__bib narrow-only" data-testid="result-bib">
              {row.bib}
            </span>
          )}
        </td>
        <td className="res__bibcol num wide-only">{row.bib ?? ''}</td>
        <td className="res__star">
          <StarButton on={p.favourite} name={row.name} onToggle={() => p.onToggleFavourite(row)} />
        </td>
        <td className="res__name">
          <button
            type="button"
            className="res__btn"
            aria-expanded={p.open}
            aria-controls={p.open ? detailId : undefined}
            onClick={(e) => {
              e.stopPropagation();
              p.onToggleOpen(row.participantId);
            }}
          >
            <span className="res__who">{row.name}</span>
            <span className="res__sub narrow-only" data-testid="result-sub">
              {year !== null && (
                <span className="sub-item res__year" data-testid="result-year">
                  {year}
                </span>
              )}
              {[row.catId, club].filter(Boolean).map((s) => (
                <span key={s} className="sub-item">
                  {s}
                </span>
              ))}
            </span>
            {row.catId && <span className="res__sub wide-only">{row.catId}</span>}
          </button>
        </td>
        <td className="res__yearcol num wide-only">{year ?? ''}</td>
        <td className="res__club wide-only">{row.club ?? ''}</td>
        {row.status ? (
          <td className="res__status" colSpan={2} data-testid="result-total">
            <StatusBadge status={row.status} word />
          </td>
        ) : (
          <>
            {bestRun ? (
              <td className="res__runs num">
                {r1 && <RunLine run={r1} label={t('results.run1')} />}
                {r2 && <RunLine run={r2} label={t('results.run2')} />}
              </td>
            ) : (
              <td className="res__time num">
                {formatTime(row.time)}
                {formatPen(row.pen) && <span className="pen"> +{formatPen(row.pen)}</span>}
              </td>
            )}
            <td className="res__total num" data-testid="result-total">
              <strong>{formatTime(total)}</strong>
              {gap && <span className="res__gap">{gap}</span>}
            </td>
          </>
        )}
      </tr>
      {p.open && (
        <tr className="res-detail" id={detailId}>
          <td colSpan={RESULT_COLUMNS}>
            <RunDetail
              row={row}
              bestRun={bestRun}
              categoryName={p.categoryName}
              loadDetails={p.loadDetails}
              favourite={p.favourite}
              onToggleFavourite={() => p.onToggleFavourite(row)}
            />
          </td>
        </tr>
      )}
    </>
  );
});
