/**
 * How a race is named on the dashboard and the officials page: the class's name, then which run
 * ("K1M · 2nd run" / "K1M · 2. jízda"), and the Canoe123 state in words. Races are listed in their
 * running order. Pure.
 */
import { raceTypes, type PublicClass, type PublicRace } from '@wire/api.ts';
import { raceState } from '../../ui/race-status.ts';
import type { OperatorText } from '../i18n/operator-text.ts';

export function raceLabel(race: PublicRace, classes: readonly PublicClass[], i18n: Pick<OperatorText, 't'>): string {
  const cls = classes.find((c) => c.classId === race.classId);
  return `${cls?.name ?? race.classId} · ${raceTypeLabel(race, i18n)}`;
}

/** Which run or round it is: "2nd run", "Final". */
export function raceTypeLabel(race: Pick<PublicRace, 'raceType'>, { t }: Pick<OperatorText, 't'>): string {
  // A race type this build does not know (the data may be newer than the wire union) shows as it came.
  return (raceTypes as readonly string[]).includes(race.raceType) ? t(`raceType.${race.raceType}`) : race.raceType;
}

/** Canoe123's own state of the race, ignoring the station's official mark. */
export function timingStateLabel(race: PublicRace, { t }: Pick<OperatorText, 't'>): string {
  return t(`timing.${raceState({ raceStatus: race.raceStatus })}`);
}

/** Races in running order (raceOrder, then start time, then id). */
export function sortRaces(races: readonly PublicRace[]): PublicRace[] {
  return [...races].sort(
    (a, b) =>
      (a.raceOrder ?? Number.MAX_SAFE_INTEGER) - (b.raceOrder ?? Number.MAX_SAFE_INTEGER) ||
      (a.startTime ?? '').localeCompare(b.startTime ?? '') ||
      a.raceId.localeCompare(b.raceId),
  );
}
