/**
 * What the race picker offers and how a race is named on the spectator's screens. A best-run pair
 * is "the race" of its class, so it is named by the class alone ("K1m - střední trať"), never
 * "K1m · Race"; any other round adds its kind ("K1m · Final"). Two rounds of one class on one day
 * with the same name get their start time. Choices are grouped by venue day (lib/race-groups.ts).
 * Pure.
 */
import type { I18n } from '../../shared/i18n/i18n-context.tsx';
import { formatClock, formatDay } from '../../shared/ui/format.ts';
import { groupByDay, type Round } from '../../shared/races/race-groups.ts';

export interface RaceChoice {
  round: Round;
  label: string;
  live: boolean;
}

export interface DayChoices {
  day: string | null;
  label: string;
  choices: RaceChoice[];
}

/** "K1m - střední trať" for a best-run pair, "K1m - střední trať · Final" otherwise. */
export function roundTitle(round: Round, className: string, t: I18n['t']): string {
  return round.bestRun ? className : `${className} · ${t(`round.${round.races[0].raceType}`)}`;
}

export function raceChoices(rounds: readonly Round[], classNames: ReadonlyMap<string, string>, t: I18n['t'], locale: string): DayChoices[] {
  return groupByDay(rounds).map((d) => {
    const list = d.classes.flatMap((c) => c.rounds).sort((a, b) => a.order - b.order);
    const titles = list.map((r) => roundTitle(r, classNames.get(r.classId) ?? r.classId, t));
    return {
      day: d.day,
      label: d.day ? formatDay(d.day, locale) : '—',
      choices: list.map((round, i) => ({
        round,
        label: titles.indexOf(titles[i]) !== titles.lastIndexOf(titles[i]) ? `${titles[i]} · ${formatClock(round.startTime, locale)}` : titles[i],
        live: round.state === 'running',
      })),
    };
  });
}
