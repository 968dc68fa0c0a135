/**
 * The event's schedule: every race (each run separately) by day and start time, with its state
 * (in progress, unofficial, official with the time). A row links to that race's results, or its
 * startlist while nobody has started.
 */
import type { PublicClass, PublicRace } from '@wire/api.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { formatClock, formatDay } from '../../shared/ui/format.ts';
import { RaceStateBadge } from '../../shared/ui/race-state-badge.tsx';
import { hasResults, raceState } from '../../shared/ui/race-status.ts';
import { scheduleDays } from '../../shared/schedule/schedule-days.ts';

interface Props {
  races: readonly PublicRace[];
  classes: readonly PublicClass[];
  href(race: PublicRace, view: 'results' | 'startlist'): string;
}

export function ScheduleView({ races, classes, href }: Props) {
  const { t, locale } = useI18n();
  const names = new Map(classes.map((c) => [c.classId, c.name]));
  const days = scheduleDays(races);
  const runLabel = (r: PublicRace) => t(`round.${r.raceType}`);

  return (
    <section className="view" aria-labelledby="view-title" data-testid="schedule-view">
      <h2 id="view-title" className="sr-only">
        {t('view.schedule')}
      </h2>
      {days.length === 0 && <p className="empty">{t('schedule.empty')}</p>}
      {days.map(({ day, races: list }) => (
        <div key={day ?? '-'} className="sched-day">
          <h3>{day ? formatDay(day, locale) : '—'}</h3>
          <ul className="sched">
            {list.map((r) => {
              const state = raceState(r);
              return (
                <li key={r.raceId} className={`sched__row sched__row--${state}`} data-testid="schedule-row" data-race-id={r.raceId} data-state={state}>
                  <a href={href(r, hasResults(state) ? 'results' : 'startlist')}>
                    <span className="sched__time num">{formatClock(r.startTime, locale)}</span>
                    <span className="sched__what">
                      <strong>{names.get(r.classId) ?? r.classId}</strong>
                      <span className="res__sub">{runLabel(r)}</span>
                    </span>
                    <RaceStateBadge race={r} />
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
