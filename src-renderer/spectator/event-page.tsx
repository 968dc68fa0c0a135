/**
 * The event page: composes the features (header, on course, the race and view picker, the round's
 * results / startlist or the schedule, favourites' alerts) around one live event store. Which
 * round and view it shows and where its links go is events/event-navigation.ts's; without them in
 * the route the page opens today's running race without changing the URL. On a phone the first
 * screen (360×640) shows the header in two lines, the compact on-course strip, the picker in one
 * row and the race's first results.
 */
import { useCallback, useMemo } from 'react';
import type { PublicRace } from '@wire/api.ts';
import { useI18n } from '../shared/i18n/i18n-context.tsx';
import { LiveEventContext, useLiveEventState, useLiveEventStore } from '../shared/live/use-live-event.ts';
import { buildRounds, raceDaysOf, type Round } from '../shared/races/race-groups.ts';
import { formatDay, localDay } from '../shared/ui/format.ts';
import { EventHeader } from './events/event-header.tsx';
import { eventFocus, pickedView, roundRoute, scheduleRoute, scheduleViewRoute, spansDays, type EventRoute } from './events/event-navigation.ts';
import { EventStatus } from './events/event-status.tsx';
import { RacePicker } from './events/race-picker.tsx';
import { RoundContent } from './events/round-content.tsx';
import { useEventTitle } from './events/use-event-title.ts';
import { useRaceNames } from './events/use-race-names.ts';
import { AlertsHost } from './favourites/alerts-host.tsx';
import { useFavouriteAlerts } from './favourites/use-favourite-alerts.ts';
import { useFavourites } from './lib/favourites.ts';
import { formatRoute, type Route } from './lib/routes.ts';
import { OnCoursePanel } from './on-course/on-course-panel.tsx';

export function EventPage({ route, navigate }: { route: EventRoute; navigate(r: Route, replace?: boolean): void }) {
  const { t, locale } = useI18n();
  const { eventId } = route;
  const store = useLiveEventStore(eventId);
  const state = useLiveEventState(store, eventId);
  const favourites = useFavourites(eventId);
  const { alerts, dismiss } = useFavouriteAlerts(state, favourites.keys);

  const rounds = useMemo(() => buildRounds(state.races), [state.races]);
  const classNames = useMemo(() => new Map(state.classes.map((c) => [c.classId, c.name])), [state.classes]);
  const names = useRaceNames(state.races, rounds, classNames);
  const multiDay = useMemo(() => spansDays(rounds), [rounds]);
  const raceDays = useMemo(() => raceDaysOf(state.races), [state.races]);
  const { round, view, unknownRace } = eventFocus(route, rounds, localDay(new Date()));
  useEventTitle(state.event);

  const pickRace = useCallback((r: Round) => navigate(roundRoute(route, round, r, pickedView(view, r))), [navigate, route, round, view]);
  const scheduleHref = useCallback(
    (race: PublicRace, v: 'results' | 'startlist') => formatRoute(scheduleRoute(eventId, rounds, race.raceId, v)),
    [rounds, eventId],
  );

  if (state.error === 'EventNotFound' || !state.event) return <EventStatus error={state.error} />;

  const viewItems = round
    ? (['results', 'startlist'] as const).map((v) => ({
        key: v,
        label: t(`view.${v}`),
        current: v === view,
        href: formatRoute(roundRoute(route, round, round, v)),
      }))
    : [];

  return (
    <LiveEventContext.Provider value={store}>
      <main id="main" tabIndex={-1} className="page page--event" data-testid="event-page">
        <EventHeader event={state.event} link={state.link} raceDays={raceDays} />
        {state.event.status !== 'official' && (
          <OnCoursePanel
            entries={state.oncourse}
            raceName={names.raceName}
            isOfficial={names.isOfficial}
            isFavourite={(raceId, bib) => favourites.has(names.classOfRace(raceId), bib)}
            toggleFavourite={(raceId, bib) => favourites.toggle(names.classOfRace(raceId), bib)}
          />
        )}
        <RacePicker
          rounds={rounds}
          current={view === 'schedule' ? null : (round ?? null)}
          classNames={classNames}
          views={viewItems}
          onRace={pickRace}
          onSchedule={() => navigate(scheduleViewRoute(eventId))}
        />
        {unknownRace && (
          <p role="alert" className="empty">
            {t('error.raceNotFound')}
          </p>
        )}
        <RoundContent
          route={route}
          state={state}
          round={round}
          view={view}
          title={round ? names.roundName(round) : ''}
          dayLabel={round?.day && multiDay ? formatDay(round.day, locale) : null}
          favourites={favourites}
          navigate={navigate}
          scheduleHref={scheduleHref}
        />
      </main>
      <AlertsHost alerts={alerts} raceName={names.raceName} onDismiss={dismiss} />
    </LiveEventContext.Provider>
  );
}
