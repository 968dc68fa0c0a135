/**
 * The board's page: the event the station chose (or nothing to show yet), its header, and either
 * the race in progress (racing-view.tsx) or what comes between races (between-view.tsx). The race
 * in focus is the live one unless the operator fixed one (shared/screens/focus.ts).
 */
import type { ReactNode } from 'react';
import { useLang } from '../shared/i18n/lang-context.tsx';
import { useScreen, LinkMark, ScreenEventOrWaiting, WaitingScreen } from '../shared/screens/screen-shell.tsx';
import { useScreenI18n } from '../shared/screens/screen-i18n.ts';
import { focusRound } from '../shared/screens/focus.ts';
import { useMinuteClock, useScreenEvent, type ScreenEvent } from '../shared/screens/use-screen-data.ts';
import { BetweenView } from './between-view.tsx';
import { RacingView } from './racing-view.tsx';

export function BoardPage() {
  return <ScreenEventOrWaiting>{(eventId) => <BoardEvent key={eventId} eventId={eventId} />}</ScreenEventOrWaiting>;
}

function BoardEvent({ eventId }: { eventId: string }) {
  const { config, control } = useScreen();
  const ev = useScreenEvent(eventId);
  const { t } = useScreenI18n();
  const round = focusRound(ev.rounds, ev.state.oncourse, config.raceId);
  if (!ev.state.event) {
    return (
      <>
        <WaitingScreen text={t('screen.loading')} />
        <LinkMark links={[control, ev.state.link]} />
      </>
    );
  }
  return (
    <main className="board" data-testid="board" data-view={round ? 'racing' : 'between'} data-event-id={eventId}>
      {round ? <RacingView ev={ev} round={round} /> : <BetweenView ev={ev} />}
      <LinkMark links={[control, ev.state.link]} />
    </main>
  );
}

/** The board's top bar: the event, what is on, the venue clock. */
export function BoardHeader({ ev, children }: { ev: ScreenEvent; children?: ReactNode }) {
  const { locale } = useLang();
  const now = useMinuteClock();
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(now);
  return (
    <header className="board__head" data-box>
      <h1 className="board__event" data-box>
        {ev.state.event?.mainTitle}
      </h1>
      {children}
      <time className="board__clock num" data-box data-testid="board-clock">
        {clock}
      </time>
    </header>
  );
}
