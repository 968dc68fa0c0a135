/**
 * Where the event page is and where its links go, from the route and the event's rounds
 * (shared/races/race-groups.ts). Without a race in the link the page opens today's running round
 * (`defaultRound`) without changing the URL; without a view, a round's results once it has any,
 * else its startlist. A link to another round keeps the view and, within the same class, the
 * category filter. Pure: the page (event-page.tsx) navigates.
 */
import type { Round } from '../../shared/races/race-groups.ts';
import { defaultRound, findRound, groupByDay } from '../../shared/races/race-groups.ts';
import { hasResults } from '../../shared/ui/race-status.ts';
import type { Route, View } from '../lib/routes.ts';

export type EventRoute = Extract<Route, { page: 'event' }>;

export interface EventFocus {
  /** The round shown: the one the link names, else the round of the moment. */
  round: Round | undefined;
  view: View;
  /** The link names a race the event does not have (an old QR code, a race removed by a new export). */
  unknownRace: boolean;
}

export function eventFocus(route: EventRoute, rounds: readonly Round[], today: string): EventFocus {
  const named = findRound(rounds, route.raceId);
  const round = named ?? defaultRound(rounds, today);
  const view = route.view ?? (round && !hasResults(round.state) ? 'startlist' : 'results');
  return { round, view, unknownRace: !!route.raceId && !named && rounds.length > 0 };
}

/** The view a round picked in the picker opens: the same one; from the schedule, what the round has. */
export function pickedView(view: View, picked: Round): View {
  if (view !== 'schedule') return view;
  return hasResults(picked.state) ? 'results' : 'startlist';
}

/** A round's page in a view; the category filter stays when the round is of the shown class. */
export function roundRoute(route: EventRoute, shown: Round | undefined, target: Round, view: View): EventRoute {
  const catId = target.classId === shown?.classId ? route.catId : null;
  return { page: 'event', eventId: route.eventId, view, raceId: target.key, catId };
}

/** The schedule's link to a race's results or startlist (its round's key when it has one). */
export function scheduleRoute(eventId: string, rounds: readonly Round[], raceId: string, view: 'results' | 'startlist'): EventRoute {
  return { page: 'event', eventId, view, raceId: findRound(rounds, raceId)?.key ?? raceId, catId: null };
}

/** The event's schedule page. */
export function scheduleViewRoute(eventId: string): EventRoute {
  return { page: 'event', eventId, view: 'schedule', raceId: null, catId: null };
}

/** More than one dated venue day: a round's title then says its day. */
export function spansDays(rounds: readonly Round[]): boolean {
  return groupByDay(rounds).filter((d) => d.day !== null).length > 1;
}
