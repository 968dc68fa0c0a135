/**
 * The event's races looked up by id, for the parts of the page that get only a race id (the
 * on-course strip, favourites' alerts): a race's title as the picker names its round, its class
 * (favourites are kept per class and bib), and whether it is official. Stable between renders
 * while the races and class names are.
 */
import { useMemo } from 'react';
import type { PublicRace } from '@wire/api.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { findRound, type Round } from '../../shared/races/race-groups.ts';
import { raceState } from '../../shared/ui/race-status.ts';
import { roundTitle } from './race-choices.ts';

export interface RaceNames {
  roundName(round: Round): string;
  /** The title of the race's round; the id itself for a race the event does not have. */
  raceName(raceId: string): string;
  classOfRace(raceId: string): string;
  isOfficial(raceId: string): boolean;
}

export function useRaceNames(races: readonly PublicRace[], rounds: readonly Round[], classNames: ReadonlyMap<string, string>): RaceNames {
  const { t } = useI18n();
  return useMemo(() => {
    const raceOf = (raceId: string) => races.find((r) => r.raceId === raceId);
    const roundName = (round: Round) => roundTitle(round, classNames.get(round.classId) ?? round.classId, t);
    return {
      roundName,
      raceName: (raceId) => {
        const round = findRound(rounds, raceId);
        return round ? roundName(round) : raceId;
      },
      classOfRace: (raceId) => raceOf(raceId)?.classId ?? '',
      isOfficial: (raceId) => {
        const race = raceOf(raceId);
        return !!race && raceState(race) === 'official';
      },
    };
  }, [races, rounds, classNames, t]);
}
