/**
 * The results of one round: each run's state (official with its time), the filters, and the live
 * table. Best-run pairs are one combined list (either id gives the same answer). The text search
 * and "favourites only" reset when the class or category changes (reference issue #149).
 */
import { useCallback, useMemo } from 'react';
import type { PublicCategory } from '@wire/api.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { RaceStateBadge } from '../../shared/ui/race-state-badge.tsx';
import type { Favourites } from '../lib/favourites.ts';
import type { Round } from '../../shared/races/race-groups.ts';
import { useLiveEventContext } from '../../shared/live/use-live-event.ts';
import { filterRows } from '../lib/filter-rows.ts';
import { noMatchText, useRowFilters } from '../lib/row-filters.tsx';
import type { ResultRow } from '../../shared/results/results-merge.ts';
import { ResultsFilters } from './results-filters.tsx';
import { ResultsTable } from './results-table.tsx';
import { useRaceResults } from '../../shared/results/use-race-results.ts';

interface Props {
  eventId: string;
  round: Round;
  title: string;
  catId: string | null;
  categories: readonly PublicCategory[];
  onCategory(catId: string | null): void;
  synced: boolean;
  reloadToken: number;
  favourites: Favourites;
}

export function ResultsView({ eventId, round, title, catId, categories, onCategory, synced, reloadToken, favourites }: Props) {
  const { t } = useI18n();
  const store = useLiveEventContext();
  const raceIds = useMemo(() => round.races.map((r) => r.raceId), [round]);
  const res = useRaceResults(eventId, raceIds, catId, store, synced, reloadToken);
  const filters = useRowFilters(`${round.classId}|${catId ?? ''}`);

  const { classId } = round;
  const { has, toggle } = favourites;
  const isFav = useCallback((r: ResultRow) => has(classId, r.bib), [has, classId]);
  const onToggleFavourite = useCallback((r: ResultRow) => toggle(classId, r.bib), [toggle, classId]);
  const catNames = useMemo(() => new Map(categories.map((c) => [c.catId, c.name])), [categories]);
  const categoryName = useCallback((id: string | null) => (id ? (catNames.get(id) ?? id) : null), [catNames]);

  const rows = filterRows(res.rows, filters.query, filters.favOnly, isFav);
  const runNames = round.races.length > 1 ? [t('round.best-run-1'), t('round.best-run-2')] : [];

  return (
    <section className="view" aria-labelledby="view-title" data-testid="results-view" data-race-id={round.key}>
      <div className="view__head">
        <h2 id="view-title">{title}</h2>
        <p className="view__badges">
          {round.races.map((r, i) => (
            <RaceStateBadge key={r.raceId} race={r} prefix={runNames[i]} />
          ))}
        </p>
      </div>
      <ResultsFilters categories={categories} catId={catId} onCategory={onCategory} filters={filters} />
      <div className={res.stale ? 'list list--stale' : 'list'} aria-busy={res.loading} data-testid="results-list" data-loading={res.loading ? 'true' : 'false'}>
        {res.rows.length > 0 && (
          <ResultsTable
            caption={t('results.caption', { race: title })}
            rows={rows}
            bestRun={round.bestRun}
            byCategory={catId !== null}
            isFavourite={isFav}
            onToggleFavourite={onToggleFavourite}
            categoryName={categoryName}
            loadDetails={res.loadDetails}
          />
        )}
        {res.rows.length > 0 && rows.length === 0 && <p className="empty">{noMatchText(filters, t)}</p>}
        {!res.loading && res.rows.length === 0 && <p className="empty">{res.failed ? t('error.network') : t('results.empty')}</p>}
        {res.loading && res.rows.length === 0 && <p className="empty">{t('common.loading')}</p>}
      </div>
    </section>
  );
}
