/**
 * Day, class and round tabs of the event page. A best-run pair is one round ("Race"); a bar with a
 * single choice is not shown. Switching day keeps the class when it races that day too; switching
 * class opens that class's running round, else its latest round with results.
 */
import { useI18n, type I18n } from '../../shared/i18n/i18n-context.tsx';
import { formatClock, formatDay } from '../../shared/ui/format.ts';
import { TabBar, type TabItem } from '../../shared/ui/tab-bar.tsx';
import { groupByDay, preferredRound, type Round } from '../../shared/races/race-groups.ts';

export function roundLabel(round: Round, t: I18n['t']): string {
  return round.bestRun ? t('round.bestRun') : t(`round.${round.races[0].raceType}`);
}

interface Props {
  rounds: Round[];
  current: Round;
  classNames: Map<string, string>;
  href(round: Round): string;
}

export function RaceTabs({ rounds, current, classNames, href }: Props) {
  const { t, locale } = useI18n();
  const days = groupByDay(rounds);
  const day = days.find((d) => d.day === current.day) ?? days[0];
  const classGroup = day.classes.find((c) => c.classId === current.classId) ?? day.classes[0];

  const dayItems: TabItem[] = days.map((d) => {
    const same = d.classes.find((c) => c.classId === current.classId);
    const target = preferredRound(same ? same.rounds : d.classes.flatMap((c) => c.rounds).sort((a, b) => a.order - b.order))!;
    return {
      key: d.day ?? '-', href: href(target), current: d === day,
      label: d.day ? formatDay(d.day, locale) : '—',
      live: d.classes.some((c) => c.rounds.some((r) => r.state === 'running')),
    };
  });
  const classItems: TabItem[] = day.classes.map((c) => ({
    key: c.classId, href: href(preferredRound(c.rounds)!), current: c === classGroup,
    label: classNames.get(c.classId) ?? c.classId,
    live: c.rounds.some((r) => r.state === 'running'),
  }));
  const labels = classGroup.rounds.map((r) => roundLabel(r, t));
  const roundItems: TabItem[] = classGroup.rounds.map((r, i) => ({
    key: r.key, href: href(r), current: r.key === current.key,
    label: labels.indexOf(labels[i]) !== labels.lastIndexOf(labels[i]) ? `${labels[i]} ${formatClock(r.startTime, locale)}` : labels[i],
    live: r.state === 'running',
  }));

  return (
    <div className="race-tabs">
      {dayItems.length > 1 && <TabBar label={t('tabs.day')} items={dayItems} testId="day-tabs" />}
      <TabBar label={t('tabs.class')} items={classItems} testId="class-tabs" />
      {roundItems.length > 1 && <TabBar label={t('tabs.round')} items={roundItems} testId="round-tabs" />}
    </div>
  );
}
