/**
 * The startlist of a round: order, bib, name with year of birth, category and club (shortened as
 * in the results), and start time(s); a best-run pair shows both runs' start times. Times are the
 * venue's wall clock. The same search (name,
 * club, bib) and "favourites only" as the results narrow it; the start order stays the real one.
 */
import { useCallback } from 'react';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { formatClock } from '../../shared/ui/format.ts';
import { shortClub } from '../lib/club-name.ts';
import { StarButton } from '../../shared/ui/star-button.tsx';
import type { Favourites } from '../lib/favourites.ts';
import { filterRows } from '../lib/filter-rows.ts';
import { noMatchText, RowFilters, useRowFilters } from '../lib/row-filters.tsx';
import type { Round } from '../../shared/races/race-groups.ts';
import { useStartlist } from '../../shared/startlist/use-startlist.ts';

interface Props {
  eventId: string;
  round: Round;
  title: string;
  /** The round's day, when the event has more than one. */
  dayLabel: string | null;
  synced: boolean;
  reloadToken: number;
  favourites: Favourites;
}

export function StartlistView({ eventId, round, title, dayLabel, synced, reloadToken, favourites }: Props) {
  const { t, locale } = useI18n();
  const list = useStartlist(
    eventId,
    round.races.map((r) => r.raceId),
    synced,
    reloadToken,
  );
  const runs = round.races.length;
  const { has, toggle } = favourites;
  const fav = useCallback((bib: number | null) => has(round.classId, bib), [has, round.classId]);
  const filters = useRowFilters(round.classId);
  const rows = filterRows(list.rows, filters.query, filters.favOnly, (r) => fav(r.bib));

  return (
    <section className="view" aria-labelledby="view-title" data-testid="startlist-view">
      <h2 id="view-title" className="view__title">
        {title}
      </h2>
      <RowFilters
        state={filters}
        testId="startlist-filters"
        lead={
          <p className="view__badges">
            <span className="badge">{t('view.startlist')}</span>
            {dayLabel && <span className="view__day">{dayLabel}</span>}
          </p>
        }
      />
      <div className={list.stale ? 'list list--stale' : 'list'} aria-busy={list.loading} data-testid="startlist-list">
        {rows.length > 0 ? (
          <table className="startlist" data-testid="startlist-table">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col" className="num st__order">
                  {t('startlist.order')}
                </th>
                <th scope="col" className="res__star">
                  <span className="sr-only">★</span>
                </th>
                <th scope="col">{t('results.name')}</th>
                {runs > 1 ? (
                  [t('round.best-run-1'), t('round.best-run-2')].map((l) => (
                    <th key={l} scope="col" className="num st__time">
                      {l}
                    </th>
                  ))
                ) : (
                  <th scope="col" className="num st__time">
                    {t('startlist.start')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.participantId} data-testid="startlist-row" data-bib={r.bib ?? ''}>
                  <td className="num">{r.startOrder ?? ''}</td>
                  <td className="res__star">
                    <StarButton on={fav(r.bib)} name={r.name} onToggle={() => toggle(round.classId, r.bib)} />
                  </td>
                  <td>
                    <span className="res__who">{r.name}</span>
                    <span className="res__sub">
                      {r.bib !== null && <span className="res__bib">{r.bib}</span>}
                      {[r.year, r.catId, shortClub(r.club)].filter(Boolean).map((s) => (
                        <span key={s} className="sub-item">
                          {s}
                        </span>
                      ))}
                    </span>
                  </td>
                  {r.startTimes.map((s, i) => (
                    <td key={i} className="num" data-testid="start-time">
                      {formatClock(s, locale, true)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty">
            {list.rows.length > 0 ? noMatchText(filters, t) : list.loading ? t('common.loading') : list.failed ? t('error.network') : t('startlist.empty')}
          </p>
        )}
      </div>
    </section>
  );
}
