/**
 * The one row that picks what the event page shows, one line even at 320 px: what (a native
 * select, so a phone opens its own list: the schedule of all races, then every race grouped by
 * day) and how (results or startlist of that race: links, so each is a deep link). It replaces the
 * rows of day, class, round and view tabs that used to push the results below a phone's first
 * screen.
 */
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { TabBar, type TabItem } from '../../shared/ui/tab-bar.tsx';
import type { Round } from '../../shared/races/race-groups.ts';
import { raceChoices, type RaceChoice } from './race-choices.ts';

/** The select's value for the schedule (no race id can be empty). */
const SCHEDULE = '';

interface Props {
  rounds: Round[];
  /** The race shown, or null on the schedule. */
  current: Round | null;
  classNames: ReadonlyMap<string, string>;
  /** Results and startlist of the current race (shown while a race is). */
  views: TabItem[];
  onRace(round: Round): void;
  onSchedule(): void;
}

export function RacePicker({ rounds, current, classNames, views, onRace, onSchedule }: Props) {
  const { t, locale } = useI18n();
  const days = raceChoices(rounds, classNames, t, locale);
  const byKey = new Map(days.flatMap((d) => d.choices.map((c) => [c.round.key, c.round] as const)));
  const option = (c: RaceChoice) => (
    <option key={c.round.key} value={c.round.key}>
      {c.live ? `${c.label} · ${t('race.running')}` : c.label}
    </option>
  );
  const pick = (value: string) => {
    if (value === SCHEDULE) onSchedule();
    else {
      const r = byKey.get(value);
      if (r) onRace(r);
    }
  };
  return (
    <div className="picker" data-testid="picker">
      <label className="picker__race">
        <span className="sr-only">{t('picker.race')}</span>
        <select value={current?.key ?? SCHEDULE} onChange={(e) => pick(e.target.value)} data-testid="race-select">
          <option value={SCHEDULE}>{t('picker.schedule')}</option>
          {days.length > 1
            ? days.map((d) => (
                <optgroup key={d.day ?? '-'} label={d.label}>
                  {d.choices.map(option)}
                </optgroup>
              ))
            : days[0]?.choices.map(option)}
        </select>
      </label>
      {current && <TabBar label={t('view.label')} items={views} testId="view-tabs" className="tabbar--views" />}
    </div>
  );
}
