/**
 * The board between races: the latest results (final ones first), the next race with its first
 * starters, and what else is scheduled. Nothing to touch: it turns pages like the racing view.
 */
import { useMemo } from 'react';
import { useI18n } from '../shared/i18n/i18n-context.tsx';
import { useLang } from '../shared/i18n/lang-context.tsx';
import { lastRun, latestResultsRound, raceTitle, scheduleWindow, upcomingRaces } from '../shared/screens/focus.ts';
import { useScreen } from '../shared/screens/screen-shell.tsx';
import { useScreenI18n } from '../shared/screens/screen-i18n.ts';
import { useRoundResults, type ScreenEvent } from '../shared/screens/use-screen-data.ts';
import { useStartlist } from '../shared/startlist/use-startlist.ts';
import { formatClock, formatDay, localDay, venueDay } from '../shared/ui/format.ts';
import { raceState } from '../shared/ui/race-status.ts';
import { BoardHeader } from './board-page.tsx';
import { ResultsPanel } from './results-panel.tsx';

const STARTERS = 5;
const SCHEDULE = 4;

export function BetweenView({ ev }: { ev: ScreenEvent }) {
  const { config } = useScreen();
  const { t: ts } = useI18n();
  const { t } = useScreenI18n();
  const { locale } = useLang();
  const upcoming = useMemo(() => upcomingRaces(ev.state.races), [ev.state.races]);
  const next = upcoming[0] ?? null;
  const latest = latestResultsRound(ev.rounds, next);
  const results = useRoundResults(ev, latest, config.catId);
  const schedule = useMemo(() => scheduleWindow(ev.state.races, SCHEDULE), [ev.state.races]);
  const nextIds = useMemo(() => (next ? [next.raceId] : []), [next]);
  const starters = useStartlist(ev.state.eventId, nextIds, ev.state.synced, ev.state.reloadToken);
  const latestTitle = latest ? raceTitle(ev.className(latest.classId), lastRun(latest), ts) : '';
  const nextTitle = next ? raceTitle(ev.className(next.classId), next, ts) : '';
  const nextDay = next ? venueDay(next.startTime) : null;
  const when = (iso: string | null) => formatClock(iso, locale);

  return (
    <>
      <BoardHeader ev={ev}>
        <p className="board__race" data-box data-testid="board-race">
          {next ? `${t('board.next')}: ${nextTitle}` : t('board.noneToday')}
        </p>
      </BoardHeader>
      <div className="board__body">
        {latest ? (
          <ResultsPanel
            eventId={ev.state.eventId}
            title={`${t('board.latest')} · ${latestTitle}`}
            raceId={latest.key}
            rows={results.rows}
            bestRun={latest.bestRun}
            fixedCat={config.catId}
            categories={ev.state.categories}
            seconds={config.pageSeconds}
            highlight={null}
          />
        ) : (
          <section className="bpanel bres" data-box data-testid="board-results">
            <h2 className="bpanel__title" data-box>
              {t('board.latest')}
            </h2>
            <p className="bpanel__empty">{t('board.noResults')}</p>
          </section>
        )}
        <div className="bside" data-box>
          <section className="bpanel bnext" data-box data-testid="board-next" data-race-id={next?.raceId ?? ''}>
            <h2 className="bpanel__title" data-box>
              <span className="bpanel__name">{t('board.firstStarters')}</span>
              {nextDay && nextDay !== localDay(new Date()) && (
                <span className="bnext__day" data-box>
                  {formatDay(nextDay, locale)}
                </span>
              )}
              {next?.startTime && (
                <span className="bnext__at num" data-box data-key-number data-testid="board-next-time">
                  {when(next.startTime)}
                </span>
              )}
            </h2>
            {next ? (
              <ol className="bstart" aria-label={t('board.firstStarters')}>
                {starters.rows.slice(0, STARTERS).map((s) => (
                  <li key={s.participantId} className="bstart__row" data-box data-testid="board-starter">
                    <span className="bstart__bib num" data-box data-key-number>
                      {s.bib ?? ''}
                    </span>
                    <span className="bstart__who" data-box>
                      <span className="bstart__name">{s.name}</span>
                      {s.club && <span className="bstart__club">{s.club}</span>}
                    </span>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="bpanel__empty">{t('board.noneToday')}</p>
            )}
          </section>
          <section className="bpanel bsched" data-box data-testid="board-schedule">
            <h2 className="bpanel__title" data-box>
              {t('board.schedule')}
            </h2>
            <ol className="bsched__list">
              {schedule.map((r) => {
                const state = raceState(r);
                const isNext = r.raceId === next?.raceId;
                return (
                  <li
                    key={r.raceId}
                    className={`bsched__row${isNext ? ' bsched__row--next' : ''}`}
                    data-box
                    data-testid="board-schedule-row"
                    data-race-id={r.raceId}
                    data-state={state}
                    data-next={isNext ? 'true' : undefined}
                  >
                    <span className="bsched__time num" data-box data-key-number>
                      {when(r.startTime)}
                    </span>
                    <span className="bsched__what" data-box>
                      <span className="bsched__race">{raceTitle(ev.className(r.classId), r, ts)}</span>
                      <span className="bsched__state">{isNext ? t('board.next') : ts(`race.${state}`)}</span>
                    </span>
                  </li>
                );
              })}
            </ol>
          </section>
        </div>
      </div>
    </>
  );
}
