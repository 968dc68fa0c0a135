/**
 * The board's results: a page of the race's list at a time, the rider who just finished
 * highlighted, turning through the whole field and then each category's leaders (use-pager.ts).
 * Only riders with a result (a place or a status) are listed: who has yet to start is not a result.
 */
import { useEffect, useMemo, useState } from 'react';
import type { PublicAggregatedCategory } from '@wire/api.ts';
import { formatGap, formatTime } from '../shared/ui/format.ts';
import { resultTotal } from '../shared/results/runs.ts';
import type { ResultRow } from '../shared/results/results-merge.ts';
import { useScreenI18n } from '../shared/screens/screen-i18n.ts';
import { useCategoryResults } from '../shared/screens/use-screen-data.ts';
import { buildSheets, usePager } from './use-pager.ts';

export const ROWS_PER_PAGE = 9;

interface Props {
  eventId: string;
  title: string;
  /** The race the category lists are asked for (the round's last run). */
  raceId: string;
  rows: readonly ResultRow[];
  bestRun: boolean;
  /** The list is one category's (the operator fixed it): its own places, no category pages. */
  fixedCat: string | null;
  categories: readonly PublicAggregatedCategory[];
  seconds: number;
  /** The rider who just finished, and when: their page comes up and their row is lit. */
  highlight: { participantId: string; at: number } | null;
}

export function ResultsPanel({ eventId, title, raceId, rows, bestRun, fixedCat, categories, seconds, highlight }: Props) {
  const { t } = useScreenI18n();
  const withResult = useMemo(() => rows.filter((r) => (fixedCat ? r.catRnk : r.rnk) != null || r.status), [rows, fixedCat]);
  const catIds = useMemo(() => {
    if (fixedCat) return [];
    const present = new Set(withResult.map((r) => r.catId).filter((c): c is string => !!c));
    return categories.map((c) => c.catId).filter((c) => present.has(c));
  }, [withResult, categories, fixedCat]);
  const sheets = useMemo(() => buildSheets(withResult.length, ROWS_PER_PAGE, catIds), [withResult.length, catIds]);
  const lit = useLit(highlight);
  const jump = useMemo(() => {
    if (!highlight) return null;
    const i = withResult.findIndex((r) => r.participantId === highlight.participantId);
    return i < 0 ? null : { index: Math.floor(i / ROWS_PER_PAGE), at: highlight.at };
  }, [highlight, withResult]);
  const index = usePager(sheets.length, seconds, jump);
  const sheet = sheets[Math.min(index, sheets.length - 1)];
  const catId = sheet.kind === 'cat' ? sheet.catId : null;
  const catRows = useCategoryResults(eventId, raceId, catId, index);
  const catName = catId ? (categories.find((c) => c.catId === catId)?.name ?? catId) : null;

  const shown =
    sheet.kind === 'field'
      ? withResult.slice(sheet.page * ROWS_PER_PAGE, (sheet.page + 1) * ROWS_PER_PAGE)
      : (catRows ?? []).filter((r) => r.catRnk != null || r.status).slice(0, ROWS_PER_PAGE);
  const byCat = sheet.kind === 'cat' || !!fixedCat;
  const fixedName = fixedCat ? (categories.find((c) => c.catId === fixedCat)?.name ?? fixedCat) : null;

  return (
    <section className="bpanel bres" data-box data-testid="board-results" data-sheet={sheet.kind === 'cat' ? `cat:${sheet.catId}` : `page:${sheet.page}`}>
      <h2 className="bpanel__title" data-box>
        <span className="bpanel__name">{title}</span>
        <span className="bres__sheet" data-testid="board-sheet">
          {catName ?? fixedName ?? t('screen.overall')}
          {sheet.kind === 'field' && sheet.pages > 1 && <span className="num"> · {t('board.page', { n: sheet.page + 1, of: sheet.pages })}</span>}
        </span>
      </h2>
      {shown.length === 0 ? (
        <p className="bpanel__empty">{t('board.noResults')}</p>
      ) : (
        <ol className="bres__list">
          {shown.map((r) => (
            <BoardRow key={r.participantId} row={r} bestRun={bestRun} byCat={byCat} lit={lit === r.participantId} />
          ))}
        </ol>
      )}
    </section>
  );
}

function BoardRow({ row, bestRun, byCat, lit }: { row: ResultRow; bestRun: boolean; byCat: boolean; lit: boolean }) {
  const rank = byCat ? row.catRnk : row.rnk;
  const total = resultTotal(row, bestRun);
  const gap = formatGap(byCat ? row.catTotalBehind : row.totalBehind);
  return (
    <li
      className={`brow${lit ? ' brow--lit' : ''}`}
      data-box
      data-testid="board-row"
      data-participant-id={row.participantId}
      data-lit={lit ? 'true' : undefined}
    >
      <span className="brow__rank num" data-box data-key-number>
        {rank != null ? `${rank}.` : ''}
      </span>
      <span className="brow__bib num" data-box>
        {row.bib ?? ''}
      </span>
      <span className="brow__who" data-box>
        <span className="brow__name">{row.name}</span>
        {row.club && <span className="brow__club">{row.club}</span>}
      </span>
      <span className="brow__total num" data-box data-key-number>
        {rank == null && row.status ? row.status : formatTime(total)}
      </span>
      <span className="brow__gap num" data-box>
        {gap}
      </span>
    </li>
  );
}

/** The highlighted row, for 12 s after a finish. */
function useLit(highlight: { participantId: string; at: number } | null): string | null {
  const [lit, setLit] = useState<string | null>(null);
  useEffect(() => {
    if (!highlight) return;
    setLit(highlight.participantId);
    const timer = setTimeout(() => setLit(null), 12_000);
    return () => clearTimeout(timer);
  }, [highlight]);
  return lit;
}
