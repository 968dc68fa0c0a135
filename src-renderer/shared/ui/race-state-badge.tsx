/**
 * A race's state as a small badge ("In progress", "Unofficial", "Official 14:05"). Official races
 * show when they became official if the station marked them (officialAt).
 */
import { useI18n } from '../i18n/i18n-context.tsx';
import { formatStamp } from './format.ts';
import { raceState, type RaceStatusInput } from './race-status.ts';

export function RaceStateBadge({ race, prefix }: { race: RaceStatusInput; prefix?: string }) {
  const { t, locale } = useI18n();
  const state = raceState(race);
  const text = state === 'official' && race.officialAt ? t('race.officialAt', { time: formatStamp(race.officialAt, locale) }) : t(`race.${state}`);
  return (
    <span className={`badge badge--${state}`} data-testid="race-state" data-state={state}>
      {prefix ? `${prefix}: ${text}` : text}
    </span>
  );
}
