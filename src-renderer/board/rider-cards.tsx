/**
 * The board's riders: the one on course (bib, name, club, running time, penalties gate by gate as
 * they happen, the running gap to the time to beat) and the one who last finished (time,
 * penalties, place, gap, and how the standings moved). Every number a spectator reads from afar
 * is a key number (≥ 6 % of the screen's height).
 */
import type { PublicOnCourseEntry } from '@wire/api.ts';
import { formatGap, formatPen, formatTime } from '../shared/ui/format.ts';
import { PenaltyChips } from '../shared/screens/penalty-chips.tsx';
import { moveText, useScreenI18n } from '../shared/screens/screen-i18n.ts';
import { versusBest, type FinishView } from '../shared/screens/standings.ts';
import { useLang } from '../shared/i18n/lang-context.tsx';

export function signed(cs: number): string {
  return `${cs > 0 ? '+' : cs < 0 ? '−' : '±'}${formatTime(Math.abs(cs))}`;
}

export function OnCourseCard({ entry, toBeat }: { entry: PublicOnCourseEntry; toBeat: { total: number; name: string } | null }) {
  const { t } = useScreenI18n();
  const pen = formatPen(entry.pen);
  const vs = versusBest(entry, toBeat);
  const gap = vs.gap;
  return (
    <article className="bcard bcard--oc" data-box data-testid="board-oncourse" data-bib={entry.bib}>
      <div className="bcard__who" data-box>
        <span className="bcard__bib num" data-box data-key-number>
          {entry.bib}
        </span>
        <span className="bcard__names">
          <span className="bcard__name">{entry.name}</span>
          {entry.club && <span className="bcard__club">{entry.club}</span>}
        </span>
      </div>
      <div className="bcard__line" data-box>
        <span className="bcard__time num" data-box data-key-number data-testid="board-oncourse-time">
          {formatTime(entry.time) || '0.00'}
        </span>
        {pen && (
          <span className="bcard__pen num" data-box data-key-number data-testid="board-oncourse-pen">
            +{pen}
          </span>
        )}
      </div>
      {gap !== null && (
        <div className="bcard__line" data-box>
          <span className={`bcard__gap num ${gap > 0 ? 'is-behind' : 'is-ahead'}`} data-box data-key-number data-testid="board-oncourse-gap">
            {signed(gap)}
          </span>
          {vs.name && (
            <span className="bcard__vs" data-box>
              {t('board.vs', { name: vs.name })}
            </span>
          )}
        </div>
      )}
      <PenaltyChips gates={entry.gates} className="bcard__pens" />
    </article>
  );
}

export function FinishCard({ view }: { view: FinishView }) {
  const { t } = useScreenI18n();
  const { lang } = useLang();
  const pen = formatPen(view.pen);
  return (
    <article className="bcard bcard--fin" data-box data-testid="board-finish" data-bib={view.bib ?? ''}>
      <p className="bcard__label" data-box>
        {t('board.lastFinish')}
      </p>
      <div className="bcard__who" data-box>
        <span className="bcard__bib num" data-box>
          {view.bib}
        </span>
        <span className="bcard__names">
          <span className="bcard__name">{view.name}</span>
          {view.club && <span className="bcard__club">{view.club}</span>}
        </span>
      </div>
      <div className="bcard__line" data-box>
        {view.rank != null && (
          <span className="bcard__rank num" data-box data-key-number data-testid="board-finish-rank">
            {view.rank}.
          </span>
        )}
        <span className="bcard__total num" data-box data-key-number data-testid="board-finish-total">
          {view.status && view.total == null ? view.status : formatTime(view.total)}
        </span>
        {pen && (
          <span className="bcard__pen num" data-box data-key-number>
            +{pen}
          </span>
        )}
        {formatGap(view.gap) && (
          <span className="bcard__gap num is-behind" data-box data-key-number data-testid="board-finish-gap">
            {formatGap(view.gap)}
          </span>
        )}
      </div>
      {view.finish && (
        <p className="bcard__move" data-box data-testid="board-finish-move">
          {moveText(view.finish.move, t, lang)}
        </p>
      )}
    </article>
  );
}
