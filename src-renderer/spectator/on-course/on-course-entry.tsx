/**
 * One rider on the water as a compact row: bib, name, running time with penalties, and the time
 * to beat with the rider's gap to it (time-to-beat.ts); a finished rider shows the final result,
 * the rank and the gap Canoe123 measured instead of lingering like a still-running one (as it did in
 * c123-live-mini). A tap opens the rest: club and race, split times, the gates passed, the favourite
 * star.
 */
import type { PublicOnCourseEntry } from '@wire/api.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { formatPen, formatSignedGap, formatTime } from '../../shared/ui/format.ts';
import { GateBadges } from '../../shared/ui/gate-badges.tsx';
import { StarButton } from '../../shared/ui/star-button.tsx';
import { timeToBeat } from '../../shared/ui/time-to-beat.ts';

interface Props {
  entry: PublicOnCourseEntry;
  raceName: string;
  open: boolean;
  onToggleOpen(): void;
  favourite: boolean;
  onToggleFavourite(): void;
}

/** A running clock that ticks in whole seconds ("72   " from Canoe123) is shown as it ticks: "72". */
function clock(cs: number | null, running: boolean): string {
  if (cs === null) return '';
  return running && cs % 100 === 0 ? String(cs / 100) : formatTime(cs);
}

export function OnCourseEntry({ entry: e, raceName, open, onToggleOpen, favourite, onToggleFavourite }: Props) {
  const { t } = useI18n();
  const done = e.completed || e.dtFinish !== null;
  const pen = formatPen(e.pen);
  const ttb = timeToBeat(e);
  const detailId = `oc-${e.raceId}-${e.bib}`;
  const gap = ttb?.gap ?? null;
  const gapText = gap === null ? '' : formatSignedGap(gap, !ttb!.measured);
  const gapClass = gap === null ? '' : gap > 0 ? ' oc__gap--behind' : ' oc__gap--ahead';

  let ttbLine = '';
  if (done) {
    ttbLine = e.rank !== null ? t('oncourse.rank', { rank: e.rank }) : '';
  } else if (ttb && ttb.time !== null) {
    ttbLine = ttb.name ? t('oncourse.toBeatBy', { time: formatTime(ttb.time), name: ttb.name }) : t('oncourse.toBeat', { time: formatTime(ttb.time) });
  }
  const gapSentence =
    gap === null || !ttb?.name
      ? null
      : !ttb.measured
        ? t('oncourse.runningGap', { gap: gapText })
        : gap > 0
          ? t('oncourse.behind', { diff: formatTime(gap), name: ttb.name })
          : gap < 0
            ? t('oncourse.ahead', { diff: formatTime(-gap), name: ttb.name })
            : t('oncourse.level', { name: ttb.name });

  return (
    <li
      className={`oc${done ? ' oc--done' : ''}${favourite ? ' oc--fav' : ''}${open ? ' oc--open' : ''}`}
      data-testid="oncourse-entry"
      data-bib={e.bib}
      data-finished={done ? 'true' : 'false'}
    >
      <button
        type="button"
        className="oc__row"
        aria-expanded={open}
        aria-controls={open ? detailId : undefined}
        onClick={onToggleOpen}
        data-testid="oncourse-row"
      >
        <span className="oc__bib">
          <span className="sr-only">{t('startlist.bib')} </span>
          {e.bib}
        </span>
        <span className="oc__who">
          <span className="oc__name">{e.name}</span>
          <span className="oc__ttb" data-testid="oncourse-ttb">
            {done && (
              <span className="badge badge--official" data-testid="oncourse-finished">
                {t('oncourse.finished')}
              </span>
            )}
            {done && e.rank !== null ? <span data-testid="oncourse-rank">{ttbLine}</span> : ttbLine}
          </span>
        </span>
        <span className="oc__nums">
          <span className="oc__clock num" data-testid="oncourse-time">
            {done && e.total !== null ? (
              <strong>{formatTime(e.total)}</strong>
            ) : (
              <>
                {clock(e.time, !done)}
                {pen && <span className="oc__pen"> +{pen}</span>}
              </>
            )}
          </span>
          {gapText && (
            <span className={`oc__gap num${gapClass}`} data-testid="oncourse-gap">
              {gapSentence && <span className="sr-only">{gapSentence}</span>}
              <span aria-hidden={gapSentence ? 'true' : undefined}>{gapText}</span>
            </span>
          )}
        </span>
      </button>
      {open && (
        <div className="oc__more" id={detailId} data-testid="oncourse-detail">
          <p className="oc__sub">{[e.club, raceName].filter(Boolean).join(' · ')}</p>
          <p className="oc__line num" data-testid="oncourse-sum">
            {formatTime(e.time) || '–'}
            {pen && <> + {pen}</>}
            {pen && e.total !== null && (
              <>
                {' '}
                = <strong>{formatTime(e.total)}</strong>
              </>
            )}
          </p>
          {ttb && (ttb.time !== null || gapSentence) && (
            <p className="oc__line" data-testid="oncourse-ttb-detail">
              {[
                ttb.time !== null && !done
                  ? ttb.name
                    ? t('oncourse.toBeatBy', { time: formatTime(ttb.time), name: ttb.name })
                    : t('oncourse.toBeat', { time: formatTime(ttb.time) })
                  : null,
                gapSentence,
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
          )}
          {e.splits.length > 0 && (
            <ol className="oc__splits" aria-label={t('oncourse.splits')} data-testid="oncourse-splits">
              {e.splits.map((s) => (
                <li key={s.number} className="num">
                  {t('oncourse.split', { n: s.number })} <strong>{formatTime(s.time)}</strong>
                </li>
              ))}
            </ol>
          )}
          <div className="oc__tools">
            {e.gates.length > 0 && <GateBadges gates={e.gates} compact />}
            <StarButton on={favourite} name={e.name} onToggle={onToggleFavourite} />
          </div>
        </div>
      )}
    </li>
  );
}
