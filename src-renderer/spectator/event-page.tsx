/**
 * The event page: composes the features (header, on course, the race and view picker, results /
 * startlist / schedule, favourites' alerts) around one live event store. The route names the view
 * and race; without them the page opens today's running race (lib/race-groups.ts), without
 * changing the URL. On a phone the first screen (360×640) shows the header in two lines, the
 * compact on-course strip, the picker in one row and the race's first results.
 */
import { useCallback, useEffect, useMemo } from 'react';
import type { PublicRace } from '@wire/api.ts';
import { useI18n } from '../shared/i18n/i18n-context.tsx';
import { formatDay, localDay } from '../shared/ui/format.ts';
import { hasResults, raceState } from '../shared/ui/race-status.ts';
import { EventHeader } from './events/event-header.tsx';
import { roundTitle } from './events/race-choices.ts';
import { RacePicker } from './events/race-picker.tsx';
import { AlertsHost } from './favourites/alerts-host.tsx';
import { useFavouriteAlerts } from './favourites/use-favourite-alerts.ts';
import { useFavourites } from './lib/favourites.ts';
import { buildRounds, defaultRound, findRound, groupByDay, raceDaysOf, type Round } from '../shared/races/race-groups.ts';
import { formatRoute, type Route, type View } from './lib/routes.ts';
import { LiveEventContext, useLiveEventState, useLiveEventStore } from '../shared/live/use-live-event.ts';
import { OnCoursePanel } from './on-course/on-course-panel.tsx';
import { ResultsView } from './results/results-view.tsx';
import { ScheduleView } from './schedule/schedule-view.tsx';
import { StartlistView } from './startlist/startlist-view.tsx';

type EventRoute = Extract<Route, { page: 'event' }>;

export function EventPage({ route, navigate }: { route: EventRoute; navigate(r: Route, replace?: boolean): void }) {
  const { t, locale } = useI18n();
  const { eventId } = route;
  const store = useLiveEventStore(eventId);
  const state = useLiveEventState(store, eventId);
  const favourites = useFavourites(eventId);
  const { alerts, dismiss } = useFavouriteAlerts(state, favourites.keys);

  const rounds = useMemo(() => buildRounds(state.races), [state.races]);
  const classNames = useMemo(() => new Map(state.classes.map((c) => [c.classId, c.name])), [state.classes]);
  const named = findRound(rounds, route.raceId);
  // An unknown race in the link (an old QR code, a race removed by a new export) says so and
  // still shows the race of the moment.
  const round: Round | undefined = named ?? defaultRound(rounds, localDay(new Date()));
  const view: View = route.view ?? (round && !hasResults(round.state) ? 'startlist' : 'results');
  const title = round ? roundTitle(round, classNames.get(round.classId) ?? round.classId, t) : '';
  const days = useMemo(
    () =>
      groupByDay(rounds)
        .map((d) => d.day)
        .filter((d) => d !== null),
    [rounds],
  );
  const dayLabel = round?.day && days.length > 1 ? formatDay(round.day, locale) : null;
  const raceDays = useMemo(() => raceDaysOf(state.races), [state.races]);

  useEffect(() => {
    if (state.event) document.title = `${state.event.mainTitle} · ${t('app.name')}`;
  }, [state.event, t]);

  const href = useCallback(
    (r: Round, v: View = view === 'schedule' ? 'results' : view) =>
      formatRoute({ page: 'event', eventId, view: v, raceId: r.key, catId: r.classId === round?.classId ? route.catId : null }),
    [eventId, view, round?.classId, route.catId],
  );
  const raceName = useCallback(
    (raceId: string) => {
      const r = findRound(rounds, raceId);
      return r ? roundTitle(r, classNames.get(r.classId) ?? r.classId, t) : raceId;
    },
    [rounds, classNames, t],
  );
  const classOfRace = useCallback((raceId: string) => state.races.find((r) => r.raceId === raceId)?.classId ?? '', [state.races]);
  const isOfficial = useCallback(
    (raceId: string) => {
      const race = state.races.find((r) => r.raceId === raceId);
      return !!race && raceState(race) === 'official';
    },
    [state.races],
  );
  const pickRace = useCallback(
    (r: Round) => {
      const v: View = view === 'schedule' ? (hasResults(r.state) ? 'results' : 'startlist') : view;
      navigate({ page: 'event', eventId, view: v, raceId: r.key, catId: r.classId === round?.classId ? route.catId : null });
    },
    [navigate, eventId, view, round?.classId, route.catId],
  );
  const scheduleHref = useCallback(
    (race: PublicRace, v: 'results' | 'startlist') => {
      const r = findRound(rounds, race.raceId);
      return formatRoute({ page: 'event', eventId, view: v, raceId: r?.key ?? race.raceId, catId: null });
    },
    [rounds, eventId],
  );

  if (state.error === 'EventNotFound') {
    return (
      <main id="main" tabIndex={-1} className="page">
        <p role="alert" data-testid="event-error">
          {t('error.eventNotFound')}
        </p>
      </main>
    );
  }
  if (!state.event) {
    return (
      <main id="main" tabIndex={-1} className="page" aria-busy="true">
        <p data-testid="event-loading">{state.error ? t('error.network') : t('common.loading')}</p>
      </main>
    );
  }

  const viewItems = round ? (['results', 'startlist'] as const).map((v) => ({ key: v, label: t(`view.${v}`), current: v === view, href: href(round, v) })) : [];

  return (
    <LiveEventContext.Provider value={store}>
      <main id="main" tabIndex={-1} className="page page--event" data-testid="event-page">
        <EventHeader event={state.event} link={state.link} raceDays={raceDays} />
        {state.event.status !== 'official' && (
          <OnCoursePanel
            entries={state.oncourse}
            raceName={raceName}
            isOfficial={isOfficial}
            isFavourite={(raceId, bib) => favourites.has(classOfRace(raceId), bib)}
            toggleFavourite={(raceId, bib) => favourites.toggle(classOfRace(raceId), bib)}
          />
        )}
        <RacePicker
          rounds={rounds}
          current={view === 'schedule' ? null : (round ?? null)}
          classNames={classNames}
          views={viewItems}
          onRace={pickRace}
          onSchedule={() => navigate({ page: 'event', eventId, view: 'schedule', raceId: null, catId: null })}
        />
        {route.raceId && !named && state.races.length > 0 && (
          <p role="alert" className="empty">
            {t('error.raceNotFound')}
          </p>
        )}
        {view === 'results' && round && (
          <ResultsView
            eventId={eventId}
            round={round}
            title={title}
            dayLabel={dayLabel}
            catId={route.catId}
            categories={state.classes.find((c) => c.classId === round.classId)?.categories ?? []}
            onCategory={(catId) => navigate({ ...route, view: 'results', raceId: round.key, catId }, true)}
            synced={state.synced}
            reloadToken={state.reloadToken}
            favourites={favourites}
          />
        )}
        {view === 'startlist' && round && (
          <StartlistView
            eventId={eventId}
            round={round}
            title={title}
            dayLabel={dayLabel}
            synced={state.synced}
            reloadToken={state.reloadToken}
            favourites={favourites}
          />
        )}
        {!round && view !== 'schedule' && <p className="empty">{t('schedule.empty')}</p>}
        {view === 'schedule' && <ScheduleView races={state.races} classes={state.classes} href={scheduleHref} />}
      </main>
      <AlertsHost alerts={alerts} raceName={raceName} onDismiss={dismiss} />
    </LiveEventContext.Provider>
  );
}
