/**
 * The board while a race runs: the results on the left, paging; on the right the rider(s) on
 * course and the last finisher. The round is the live one (or the operator's fixed race).
 */
import { useMemo } from 'react';
import type { Round } from '../shared/races/race-groups.ts';
import { useI18n } from '../shared/i18n/i18n-context.tsx';
import { currentRace, justFinished, raceTitle, ridersOnCourse } from '../shared/screens/focus.ts';
import { useScreen } from '../shared/screens/screen-shell.tsx';
import { useScreenI18n } from '../shared/screens/screen-i18n.ts';
import { familyName, leaderTotal } from '../shared/screens/standings.ts';
import { useFinishes, useRoundResults, type ScreenEvent } from '../shared/screens/use-screen-data.ts';
import { formatTime } from '../shared/ui/format.ts';
import { BoardHeader } from './board-page.tsx';
import { ResultsPanel } from './results-panel.tsx';
import { FinishCard, OnCourseCard } from './rider-cards.tsx';
import { finishView } from '../shared/screens/standings.ts';

export function RacingView({ ev, round }: { ev: ScreenEvent; round: Round }) {
  const { config } = useScreen();
  const { t: ts } = useI18n();
  const { t } = useScreenI18n();
  const riders = ridersOnCourse(ev.state.oncourse, round);
  const race = currentRace(round, riders[0]?.raceId ?? null);
  const title = raceTitle(ev.className(round.classId), race, ts);
  const results = useRoundResults(ev, round, config.catId);
  const key = `${round.key}|${config.catId ?? ''}`;
  const finished = useMemo(() => justFinished(ev.state.oncourse, round), [ev.state.oncourse, round]);
  const { finishes, at } = useFinishes(key, results.rows, results.stale, round.bestRun, finished);
  const toBeat = useMemo(() => leaderTotal(results.rows, round.bestRun), [results.rows, round.bestRun]);
  const latestEntry = [...finished].sort((a, b) => (b.dtFinish ?? '').localeCompare(a.dtFinish ?? ''))[0] ?? null;
  const last = finishView(finishes[0] ?? null, latestEntry);
  const highlight = useMemo(() => (finishes[0] ? { participantId: finishes[0].participantId, at } : null), [finishes, at]);
  // Two riders and the last finisher fill the side; a third on the water waits for a place.
  const shownRiders = riders.slice(0, 2);

  return (
    <>
      <BoardHeader ev={ev}>
        <p className="board__race" data-box data-testid="board-race" data-race-id={race.raceId}>
          {title}
        </p>
      </BoardHeader>
      <div className="board__body">
        <ResultsPanel
          eventId={ev.state.eventId}
          title={title}
          raceId={round.key}
          rows={results.rows}
          bestRun={round.bestRun}
          fixedCat={config.catId}
          categories={ev.state.categories}
          seconds={config.pageSeconds}
          highlight={highlight}
        />
        <section className="bside" data-box data-testid="board-side" aria-label={t('board.onCourse')}>
          {shownRiders.length === 0 && (
            <div className="bcard bcard--idle" data-box data-testid="board-idle">
              <p className="bcard__label" data-box>
                {t('board.nobody')}
              </p>
              {toBeat && (
                <p className="bcard__line" data-box>
                  <span className="bcard__ttb" data-box>
                    {t('board.timeToBeat', { name: familyName(toBeat.name) })}
                  </span>
                  <span className="bcard__total num" data-box data-key-number>
                    {formatTime(toBeat.total)}
                  </span>
                </p>
              )}
            </div>
          )}
          {shownRiders.map((e) => (
            <OnCourseCard key={`${e.raceId}:${e.bib}`} entry={e} toBeat={toBeat} />
          ))}
          {last && <FinishCard view={last} />}
        </section>
      </div>
    </>
  );
}
