/**
 * The event page under the picker: the shown round's results or startlist, the schedule of all
 * races, or, when the event has no race yet, a line saying so. Picking a category replaces the
 * URL (no history entry per filter tap).
 */
import type { PublicRace } from '@wire/api.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import type { LiveEventState } from '../../shared/live/live-event-state.ts';
import type { Round } from '../../shared/races/race-groups.ts';
import type { Favourites } from '../lib/favourites.ts';
import type { Route, View } from '../lib/routes.ts';
import { ResultsView } from '../results/results-view.tsx';
import { ScheduleView } from '../schedule/schedule-view.tsx';
import { StartlistView } from '../startlist/startlist-view.tsx';
import type { EventRoute } from './event-navigation.ts';

interface Props {
  route: EventRoute;
  state: LiveEventState;
  round: Round | undefined;
  view: View;
  title: string;
  dayLabel: string | null;
  favourites: Favourites;
  navigate(r: Route, replace?: boolean): void;
  scheduleHref(race: PublicRace, view: 'results' | 'startlist'): string;
}

export function RoundContent({ route, state, round, view, title, dayLabel, favourites, navigate, scheduleHref }: Props) {
  const { t } = useI18n();
  if (view === 'schedule') return <ScheduleView races={state.races} classes={state.classes} href={scheduleHref} />;
  if (!round) return <p className="empty">{t('schedule.empty')}</p>;
  // What both views of a round are given.
  const shown = { eventId: route.eventId, round, title, dayLabel, synced: state.synced, reloadToken: state.reloadToken, favourites };
  if (view === 'startlist') return <StartlistView {...shown} />;
  return (
    <ResultsView
      {...shown}
      catId={route.catId}
      categories={state.classes.find((c) => c.classId === round.classId)?.categories ?? []}
      onCategory={(catId) => navigate({ ...route, view: 'results', raceId: round.key, catId }, true)}
    />
  );
}
