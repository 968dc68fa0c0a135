/**
 * The overlay's elements, each switched by the operator (wire/screens.ts): the lower-third for the
 * rider on course, the finish card for a few seconds after each finish (in the lower-third's
 * place), and the top-N card while the operator has it on. Everything stays inside the title-safe
 * area (5 % in from every edge) and the page itself is transparent: only the cards are drawn.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PublicOnCourseEntry } from '@wire/api.ts';
import { useI18n } from '../shared/i18n/i18n-context.tsx';
import { useLang } from '../shared/i18n/lang-context.tsx';
import type { Round } from '../shared/races/race-groups.ts';
import { resultTotal } from '../shared/results/runs.ts';
import { currentRace, focusRound, justFinished, lastRun, latestResultsRound, raceTitle, ridersOnCourse, upcomingRaces } from '../shared/screens/focus.ts';
import { PenaltyChips } from '../shared/screens/penalty-chips.tsx';
import { LinkMark, useScreen } from '../shared/screens/screen-shell.tsx';
import { moveText, useScreenI18n } from '../shared/screens/screen-i18n.ts';
import { finishView, leaderTotal, versusBest, type Finish, type FinishView } from '../shared/screens/standings.ts';
import { useFinishes, useRoundResults, useScreenEvent, type ScreenEvent } from '../shared/screens/use-screen-data.ts';
import { formatGap, formatPen, formatTime } from '../shared/ui/format.ts';

/** How long the finish card stays up. */
const FINISH_CARD_MS = 8000;

export function OverlayPage() {
  const { config, control } = useScreen();
  // Nothing to show is nothing drawn: an overlay never fills the picture with a waiting screen.
  if (!config.eventId) return <LinkMark links={[control]} />;
  return <OverlayEvent key={config.eventId} eventId={config.eventId} />;
}

function OverlayEvent({ eventId }: { eventId: string }) {
  const { config, control } = useScreen();
  const ev = useScreenEvent(eventId);
  const round = focusRound(ev.rounds, ev.state.oncourse, config.raceId);
  // Between races the top-N card (asked for after a race) shows the latest results.
  const latest = useMemo(() => (round ? null : latestResultsRound(ev.rounds, upcomingRaces(ev.state.races)[0] ?? null)), [round, ev.rounds, ev.state.races]);
  const shown = round ?? latest;
  return (
    <div className="ovl" data-testid="overlay" data-event-id={eventId}>
      {shown && <OverlayRound ev={ev} round={shown} racing={!!round} />}
      <LinkMark links={[control, ev.state.link]} />
    </div>
  );
}

function OverlayRound({ ev, round, racing }: { ev: ScreenEvent; round: Round; racing: boolean }) {
  const { config } = useScreen();
  const results = useRoundResults(ev, round, config.catId);
  const finishedEntries = useMemo(() => justFinished(ev.state.oncourse, round), [ev.state.oncourse, round]);
  const { finishes } = useFinishes(`${round.key}|${config.catId ?? ''}`, results.rows, results.stale, round.bestRun, finishedEntries);
  const toBeat = useMemo(() => leaderTotal(results.rows, round.bestRun), [results.rows, round.bestRun]);
  const rider = ridersOnCourse(ev.state.oncourse, round)[0] ?? null;
  const finished = [...finishedEntries].sort((a, b) => (b.dtFinish ?? '').localeCompare(a.dtFinish ?? ''))[0] ?? null;
  const card = useFinishCard(finishes[0] ?? null, finished);

  return (
    <>
      {racing && (config.finishCard && card ? <FinishCard card={card} /> : config.lowerThird && rider && <LowerThird entry={rider} toBeat={toBeat} />)}
      {config.topCard && <TopCard ev={ev} round={round} racing={racing} rows={results.rows} count={config.topCount} />}
    </>
  );
}

function LowerThird({ entry, toBeat }: { entry: PublicOnCourseEntry; toBeat: { total: number; name: string } | null }) {
  const { t } = useScreenI18n();
  const pen = formatPen(entry.pen);
  const vs = versusBest(entry, toBeat);
  const gap = vs.gap;
  return (
    <section className="ovl-lt" data-testid="overlay-lower-third" data-bib={entry.bib} aria-label={t('board.onCourse')}>
      <div className="ovl-lt__main">
        <span className="ovl-lt__bib num">{entry.bib}</span>
        <span className="ovl-lt__who">
          <span className="ovl-lt__name">{entry.name}</span>
          {entry.club && <span className="ovl-lt__club">{entry.club}</span>}
        </span>
        <span className="ovl-lt__time num" data-testid="overlay-time">
          {formatTime(entry.time) || '0.00'}
        </span>
        {pen && (
          <span className="ovl-lt__pen num" data-testid="overlay-pen">
            +{pen}
          </span>
        )}
        {gap !== null && (
          <span className={`ovl-lt__gap num ${gap > 0 ? 'is-behind' : 'is-ahead'}`} data-testid="overlay-gap">
            {`${gap > 0 ? '+' : '−'}${formatTime(Math.abs(gap))}`}
            {vs.name && <span className="ovl-lt__vs">{t('board.vs', { name: vs.name })}</span>}
          </span>
        )}
      </div>
      <PenaltyChips gates={entry.gates} className="ovl-lt__pens" />
    </section>
  );
}

/** The finish card's content (the board's, shared/screens/standings.ts). */
type Card = FinishView;

/**
 * The finish card's content while it is up: the newest finish (the on-course entry first, the
 * results row as soon as it arrives), shown for FINISH_CARD_MS from the moment the rider finished.
 * A finish that happened before the overlay opened is not shown.
 */
function useFinishCard(finish: Finish | null, entry: PublicOnCourseEntry | null): Card | null {
  const card = finishView(finish, entry);
  // One finish, two sources: the on-course entry and then the results row are the same card.
  const identity = card ? `${card.bib}|${card.name}` : null;
  const seen = useRef<string | null | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [shownFor, setShownFor] = useState<string | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useEffect(() => {
    if (seen.current === undefined) {
      seen.current = identity;
      return;
    }
    if (!identity || identity === seen.current) return;
    seen.current = identity;
    setShownFor(identity);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setShownFor(null), FINISH_CARD_MS);
  }, [identity]);
  return card && shownFor === identity ? card : null;
}

function FinishCard({ card }: { card: Card }) {
  const { t } = useScreenI18n();
  const { lang } = useLang();
  const pen = formatPen(card.pen);
  return (
    <section className="ovl-lt ovl-fin" data-testid="overlay-finish" data-bib={card.bib ?? ''} aria-label={t('board.lastFinish')}>
      <div className="ovl-lt__main">
        {card.rank != null && (
          <span className="ovl-fin__rank num" data-testid="overlay-finish-rank">
            {card.rank}.
          </span>
        )}
        <span className="ovl-lt__who">
          <span className="ovl-lt__name">{card.name}</span>
          {card.club && <span className="ovl-lt__club">{card.club}</span>}
        </span>
        <span className="ovl-lt__time num" data-testid="overlay-finish-total">
          {card.status && card.total == null ? card.status : formatTime(card.total)}
        </span>
        {pen && <span className="ovl-lt__pen num">+{pen}</span>}
        {formatGap(card.gap) && <span className="ovl-lt__gap num is-behind">{formatGap(card.gap)}</span>}
      </div>
      {card.finish && (
        <p className="ovl-fin__move" data-testid="overlay-finish-move">
          {moveText(card.finish.move, t, lang)}
        </p>
      )}
    </section>
  );
}

function TopCard({
  ev,
  round,
  racing,
  rows,
  count,
}: {
  ev: ScreenEvent;
  round: Round;
  racing: boolean;
  rows: ReturnType<typeof useRoundResults>['rows'];
  count: number;
}) {
  const { t } = useScreenI18n();
  const { t: ts } = useI18n();
  const { config } = useScreen();
  const byCat = !!config.catId;
  const top = rows.filter((r) => (byCat ? r.catRnk : r.rnk) != null).slice(0, count);
  const catName = config.catId ? (ev.state.categories.find((c) => c.catId === config.catId)?.name ?? config.catId) : null;
  const title = raceTitle(ev.className(round.classId), racing ? currentRace(round, null) : lastRun(round), ts);
  return (
    <section className="ovl-top" data-testid="overlay-top" aria-label={t('overlay.top', { n: count })}>
      <h2 className="ovl-top__title">
        <span>{title}</span>
        <span className="ovl-top__sub">{catName ?? t('overlay.top', { n: count })}</span>
      </h2>
      <ol className="ovl-top__list">
        {top.map((r) => (
          <li key={r.participantId} className="ovl-top__row" data-testid="overlay-top-row">
            <span className="ovl-top__rank num">{byCat ? r.catRnk : r.rnk}.</span>
            <span className="ovl-top__name">{r.name}</span>
            <span className="ovl-top__total num">{formatTime(resultTotal(r, round.bestRun))}</span>
            <span className="ovl-top__gap num">{formatGap(byCat ? r.catTotalBehind : r.totalBehind)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
