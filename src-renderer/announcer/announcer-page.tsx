/**
 * The announcer's view: the rider on course against the leader (with their earlier run), the next
 * starters with their earlier run and place, the recent finishers with how the standings moved
 * ("moves into 1st, 0.42 s ahead of KREJČÍ"), and each category's leader. The race is the live one
 * (or the operator's); the speaker can tap another race of the day and tap back to the live one.
 * A tap on a rider opens their runs gate by gate.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { PublicOnCourseEntry } from '@wire/api.ts';
import { useI18n } from '../shared/i18n/i18n-context.tsx';
import { useLang } from '../shared/i18n/lang-context.tsx';
import { findRound, groupByDay, type Round } from '../shared/races/race-groups.ts';
import type { ResultRow } from '../shared/results/results-merge.ts';
import { splitRuns } from '../shared/results/runs.ts';
import { currentRace, focusRound, justFinished, latestResultsRound, raceTitle, ridersOnCourse, upcomingRaces } from '../shared/screens/focus.ts';
import { PenaltyChips } from '../shared/screens/penalty-chips.tsx';
import { LinkMark, ScreenEventOrWaiting, useScreen, WaitingScreen } from '../shared/screens/screen-shell.tsx';
import { moveText, useScreenI18n } from '../shared/screens/screen-i18n.ts';
import { categoryLeaders, leaderTotal, versusBest, type Finish } from '../shared/screens/standings.ts';
import { nextStarters, type NextStarter } from '../shared/screens/starters.ts';
import { useFinishes, useRoundResults, useScreenEvent, type ScreenEvent } from '../shared/screens/use-screen-data.ts';
import { useStartlist } from '../shared/startlist/use-startlist.ts';
import { formatGap, formatPen, formatTime } from '../shared/ui/format.ts';
import { GateBadges } from '../shared/ui/gate-badges.tsx';
import { RaceStateBadge } from '../shared/ui/race-state-badge.tsx';

const NEXT = 5;

export function AnnouncerPage() {
  return <ScreenEventOrWaiting>{(eventId) => <AnnouncerEvent key={eventId} eventId={eventId} />}</ScreenEventOrWaiting>;
}

function AnnouncerEvent({ eventId }: { eventId: string }) {
  const { config, control } = useScreen();
  const { t } = useScreenI18n();
  const { t: ts } = useI18n();
  const ev = useScreenEvent(eventId);
  const [picked, setPicked] = useState<string | null>(null);
  // Between races: the next race (its first starters), else the latest results.
  const live = useMemo(() => {
    const focus = focusRound(ev.rounds, ev.state.oncourse, config.raceId);
    if (focus) return focus;
    const next = upcomingRaces(ev.state.races)[0] ?? null;
    return (next ? findRound(ev.rounds, next.raceId) : undefined) ?? latestResultsRound(ev.rounds, next);
  }, [ev.rounds, ev.state.oncourse, ev.state.races, config.raceId]);
  const round = (picked ? findRound(ev.rounds, picked) : undefined) ?? live;
  const day = useMemo(() => {
    const days = groupByDay(ev.rounds);
    const mine = days.find((d) => d.classes.some((c) => c.rounds.some((r) => r.key === (round ?? live)?.key))) ?? days[0];
    return mine ? mine.classes.flatMap((c) => c.rounds).sort((a, b) => a.order - b.order) : [];
  }, [ev.rounds, round, live]);

  if (!ev.state.event) {
    return (
      <>
        <WaitingScreen text={t('screen.loading')} />
        <LinkMark links={[control, ev.state.link]} />
      </>
    );
  }
  return (
    <div className="ann" data-testid="announcer" data-event-id={eventId}>
      <header className="ann__head">
        <h1 className="ann__event">{ev.state.event.mainTitle}</h1>
        <nav className="ann__races" aria-label={t('ann.races')}>
          <button type="button" className="ann__pick ann__pick--live" aria-pressed={!picked} onClick={() => setPicked(null)} data-testid="ann-live">
            {t('ann.live')}
          </button>
          {day.map((r) => (
            <button
              key={r.key}
              type="button"
              className="ann__pick"
              aria-pressed={picked === r.key}
              onClick={() => setPicked(r.key)}
              data-testid="ann-race"
              data-race-id={r.key}
            >
              {raceTitle(ev.className(r.classId), currentRace(r, null), ts)}
            </button>
          ))}
        </nav>
      </header>
      {round ? (
        <AnnouncerRound ev={ev} round={round} />
      ) : (
        <main className="ann__main">
          <p className="ann__empty">{t('ann.nobody')}</p>
        </main>
      )}
      <LinkMark links={[control, ev.state.link]} />
    </div>
  );
}

function AnnouncerRound({ ev, round }: { ev: ScreenEvent; round: Round }) {
  const { t } = useScreenI18n();
  const { t: ts } = useI18n();
  const { lang } = useLang();
  const riders = ridersOnCourse(ev.state.oncourse, round);
  const race = currentRace(round, riders[0]?.raceId ?? null);
  const results = useRoundResults(ev, round, null);
  const finished = useMemo(() => justFinished(ev.state.oncourse, round), [ev.state.oncourse, round]);
  const { finishes } = useFinishes(round.key, results.rows, results.stale, round.bestRun, finished);
  const toBeat = useMemo(() => leaderTotal(results.rows, round.bestRun), [results.rows, round.bestRun]);
  const raceIds = useMemo(() => [race.raceId], [race.raceId]);
  const start = useStartlist(ev.state.eventId, raceIds, ev.state.synced, ev.state.reloadToken);
  const next = useMemo(
    () => nextStarters(start.rows, race, round, results.rows, ev.state.oncourse, NEXT),
    [start.rows, race, round, results.rows, ev.state.oncourse],
  );
  const leaders = useMemo(() => categoryLeaders(results.rows), [results.rows]);
  const catName = (catId: string | null) => (catId ? (ev.state.categories.find((c) => c.catId === catId)?.name ?? catId) : '');
  const byId = useMemo(() => new Map(results.rows.map((r) => [r.participantId, r])), [results.rows]);
  const byBib = useMemo(() => new Map(results.rows.map((r) => [r.bib, r])), [results.rows]);
  const [open, setOpen] = useState<string | null>(null);
  const openRow = open ? (byId.get(open) ?? null) : null;
  const toggle = (row: ResultRow | undefined) => {
    if (!row) return;
    setOpen((o) => (o === row.participantId ? null : row.participantId));
    results.loadDetails(row.catId);
  };

  return (
    <main className="ann__main" data-race-id={race.raceId}>
      <h2 className="ann__race">
        {raceTitle(ev.className(round.classId), race, ts)} <RaceStateBadge race={race} />
      </h2>
      <div className="ann__grid">
        <section className="ann__panel ann__panel--oc" aria-labelledby="ann-oc" data-testid="ann-oncourse">
          <h3 id="ann-oc" className="ann__title">
            {t('ann.onCourse')}
          </h3>
          {riders.length === 0 && <p className="ann__empty">{t('ann.nobody')}</p>}
          {riders.map((e) => (
            <OnCourse
              key={`${e.raceId}:${e.bib}`}
              entry={e}
              row={byBib.get(e.bib)}
              toBeat={toBeat}
              bestRun={round.bestRun}
              onOpen={() => toggle(byBib.get(e.bib))}
            />
          ))}
        </section>
        <ListPanel id="ann-next" title={t('ann.next')} empty={next.length === 0 ? t('ann.noNext') : null}>
          {next.map((s) => (
            <Starter key={s.participantId} s={s} cat={catName(s.catId)} onOpen={() => toggle(byId.get(s.participantId))} />
          ))}
        </ListPanel>
        <ListPanel id="ann-recent" title={t('ann.recent')} empty={finishes.length === 0 ? t('ann.noRecent') : null}>
          {finishes.map((f) => (
            <Finished key={f.participantId} f={f} text={moveText(f.move, t, lang)} onOpen={() => toggle(byId.get(f.participantId))} />
          ))}
        </ListPanel>
        <ListPanel id="ann-leaders" title={t('ann.leaders')} empty={leaders.length === 0 ? t('ann.noLeaders') : null}>
          {leaders.map((r) => (
            <li key={r.participantId}>
              <button type="button" className="ann__row" onClick={() => toggle(r)} data-testid="ann-leader" data-cat={r.catId ?? ''}>
                <span className="ann__cat">{catName(r.catId)}</span>
                <span className="ann__name">{r.name}</span>
                <span className="ann__num num">{formatTime(round.bestRun ? r.totalTotal : r.total)}</span>
              </button>
            </li>
          ))}
        </ListPanel>
      </div>
      {openRow && <RiderDetail row={openRow} bestRun={round.bestRun} onClose={() => setOpen(null)} />}
    </main>
  );
}

/** One of the announcer's lists (its id is also its test id): titled, or a line saying it is empty. */
function ListPanel({ id, title, empty, children }: { id: string; title: string; empty: string | null; children: ReactNode }) {
  return (
    <section className="ann__panel" aria-labelledby={id} data-testid={id}>
      <h3 id={id} className="ann__title">
        {title}
      </h3>
      {empty !== null ? <p className="ann__empty">{empty}</p> : <ol className="ann__list">{children}</ol>}
    </section>
  );
}

function OnCourse({
  entry,
  row,
  toBeat,
  bestRun,
  onOpen,
}: {
  entry: PublicOnCourseEntry;
  row: ResultRow | undefined;
  toBeat: { total: number; name: string } | null;
  bestRun: boolean;
  onOpen(): void;
}) {
  const { t } = useScreenI18n();
  const vs = versusBest(entry, toBeat);
  const gap = vs.gap;
  const pen = formatPen(entry.pen);
  const earlier = row && bestRun ? splitRuns(row) : null;
  const run1 = earlier && earlier[1] !== null ? earlier[0] : null;
  return (
    <div className="ann__ocwrap" data-testid="ann-oncourse-rider" data-bib={entry.bib}>
      <button type="button" className="ann__oc" onClick={onOpen}>
        <span className="ann__oc-head">
          <span className="ann__bib num">{entry.bib}</span>
          <span className="ann__who">
            <span className="ann__name">{entry.name}</span>
            <span className="ann__club">{entry.club}</span>
          </span>
        </span>
        <span className="ann__oc-time num">
          {t('ann.running', { time: formatTime(entry.time) || '0.00' })}
          {pen && <span className="ann__pen"> +{pen}</span>}
        </span>
        <span className={`ann__oc-gap num ${gap !== null && gap > 0 ? 'is-behind' : 'is-ahead'}`} data-testid="ann-vs-leader">
          {gap !== null && vs.name
            ? t('ann.vsLeader', { gap: `${gap > 0 ? '+' : '−'}${formatTime(Math.abs(gap))}`, name: vs.name, total: formatTime(vs.time) })
            : vs.time !== null
              ? ''
              : t('ann.firstRun')}
        </span>
        <span className="ann__oc-earlier" data-testid="ann-earlier">
          {run1 ? earlierText(t, run1.total, run1.status, row?.prevRnk ?? null) : t('ann.noEarlier')}
        </span>
      </button>
      <PenaltyChips gates={entry.gates} className="ann__pens" />
    </div>
  );
}

function earlierText(t: ReturnType<typeof useScreenI18n>['t'], total: number | null, status: string | null, rank: number | null): string {
  const result = status && total == null ? status : formatTime(total);
  return rank != null ? t('ann.run1Rank', { result, rank }) : t('ann.run1', { result });
}

function Starter({ s, cat, onOpen }: { s: NextStarter; cat: string; onOpen(): void }) {
  const { t } = useScreenI18n();
  return (
    <li>
      <button type="button" className="ann__row" onClick={onOpen} data-testid="ann-starter" data-bib={s.bib ?? ''}>
        <span className="ann__bib num">{s.bib}</span>
        <span className="ann__who">
          <span className="ann__name">{s.name}</span>
          <span className="ann__club">{[s.club, cat].filter(Boolean).join(' · ')}</span>
        </span>
        <span className="ann__earlier" data-testid="ann-starter-earlier">
          {s.earlier ? earlierText(t, s.earlier.total, s.earlier.status, s.earlier.rank) : t('ann.noEarlier')}
        </span>
      </button>
    </li>
  );
}

function Finished({ f, text, onOpen }: { f: Finish; text: string; onOpen(): void }) {
  const pen = formatPen(f.pen);
  return (
    <li>
      <button type="button" className="ann__row ann__row--fin" onClick={onOpen} data-testid="ann-finish" data-bib={f.bib ?? ''}>
        <span className="ann__bib num">{f.bib}</span>
        <span className="ann__who">
          <span className="ann__name">{f.name}</span>
          <span className="ann__move" data-testid="ann-move">
            {text}
          </span>
        </span>
        <span className="ann__num num">
          {f.status && f.total == null ? f.status : formatTime(f.total)}
          {pen && <span className="ann__pen"> +{pen}</span>}
          {f.rank != null && <span className="ann__rank"> · {f.rank}.</span>}
        </span>
      </button>
    </li>
  );
}

function RiderDetail({ row, bestRun, onClose }: { row: ResultRow; bestRun: boolean; onClose(): void }) {
  const { t } = useScreenI18n();
  const { t: ts } = useI18n();
  const runs = bestRun
    ? splitRuns(row).filter((r) => r !== null)
    : [{ nr: 1 as const, time: row.time, pen: row.pen, total: row.total, status: row.status, gates: row.gates, better: false }];
  return (
    <section className="ann__detail" role="dialog" aria-modal="false" aria-label={t('ann.gates', { name: row.name })} data-testid="ann-detail">
      <div className="ann__detail-head">
        <h3 className="ann__title">
          {row.bib} · {row.name}
        </h3>
        <button type="button" className="ann__close" onClick={onClose}>
          {t('ann.close')}
        </button>
      </div>
      {runs.map(
        (r) =>
          r && (
            <div key={r.nr} className="ann__run">
              <p className="ann__run-line num">
                {bestRun ? `${ts(r.nr === 1 ? 'results.run1' : 'results.run2')}: ` : ''}
                {r.status && r.total == null ? r.status : formatTime(r.total)}
                {formatPen(r.pen) && ` (+${formatPen(r.pen)})`}
                {formatGap(row.totalBehind) && r.better ? ` · ${formatGap(row.totalBehind)}` : ''}
              </p>
              {r.gates && r.gates.length > 0 && <GateBadges gates={r.gates} compact />}
            </div>
          ),
      )}
    </section>
  );
}
