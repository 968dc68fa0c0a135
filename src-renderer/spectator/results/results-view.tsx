/**
 * The results of one round: each run's state (official with its time), the filters, and the live
 * table. Best-run pairs are one combined list (either id gives the same answer). The text search
 * and "favourites only" reset when the class or category changes (reference issue #149).
 */
import { useCallback, useMemo } from 'react';
import type { PublicCategory } from '@wire/api.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { RaceStateBadge } from '../../shared/ui/race-state-badge.tsx';
import { raceState } from '../../shared/ui/race-status.ts';
import type { Favourites } from '../lib/favourites.ts';
import type { Round } from '../../shared/races/race-groups.ts';
import { useLiveEventContext } from '../../shared/live/use-live-event.ts';
import { filterRows } from '../lib/filter-rows.ts';
import { noMatchText, useRowFilters } from '../lib/row-filters.tsx';
import type { ResultRow } from '../../shared/results/results-merge.ts';
import { ResultsFilters } from './results-filters.tsx';
import { ResultsTable } from './results-table.tsx';
import { useRaceResults } from '../../shared/results/use-race-results.ts';

/**
 * The one state worth showing for a round: a best-run pair shows the run under way or last run
 * ("2nd run: In progress"), and just "Official" once both runs are.
 */
function shownRun(round: Round): { race: Round['races'][number]; prefix: 'round.best-run-1' | 'round.best-run-2' | null } {
  if (round.races.length < 2) return { race: round.races[0], prefix: null };
  const [first, second] = round.races;
  const s2 = raceState(second);
  if (raceState(first) === 'official' && s2 === 'official') return { race: second, prefix: null };
  return s2 === 'scheduled' || s2 === 'startlist' ? { race: first, prefix: 'round.best-run-1' } : { race: second, prefix: 'round.best-run-2' };
}

interface Props {
  eventId: string;
  round: Round;
  title: string;
  /** The round's day, when the event has more than one. */
  dayLabel: string | null;
  catId: string | null;
  categories: readonly PublicCategory[];
  onCategory(catId: string | null): void;
  synced: boolean;
  reloadToken: number;
  favourites: Favourites;
}

export function ResultsView({ eventId, round, title, dayLabel, catId, categories, onCategory, synced, reloadToken, favourites }: Props) {
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
  const shown = shownRun(round);

  return (
    <section className="view" aria-labelledby="view-title" data-testid="results-view" data-race-id={round.key}>
      <h2 id="view-title" className="view__title">
        {title}
      </h2>
      <ResultsFilters
        categories={categories}
        catId={catId}
        onCategory={onCategory}
        filters={filters}
        lead={
          <p className="view__badges" data-testid="race-states">
            {dayLabel && <span className="view__day">{dayLabel}</span>}
            <RaceStateBadge race={shown.race} prefix={shown.prefix ? t(shown.prefix) : undefined} />
          </p>
        }
      />
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
