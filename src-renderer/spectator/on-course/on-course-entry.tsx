/**
 * One rider on the water: bib, name, club, running time with penalties, the gates passed, and the
 * time to beat. A finished rider is shown as finished (final total, rank, gap to the leader)
 * instead of lingering like a still-running one (as it did in c123-live-mini).
 */
import type { PublicOnCourseEntry } from '@wire/api.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { formatPen, formatTime } from '../../shared/ui/format.ts';
import { GateBadges } from '../../shared/ui/gate-badges.tsx';
import { StarButton } from '../../shared/ui/star-button.tsx';

interface Props {
  entry: PublicOnCourseEntry;
  raceName: string;
  favourite: boolean;
  onToggleFavourite(): void;
}

export function OnCourseEntry({ entry: e, raceName, favourite, onToggleFavourite }: Props) {
  const { t } = useI18n();
  const done = e.completed || e.dtFinish !== null;
  const pen = formatPen(e.pen);
  return (
    <li className={`oc${done ? ' oc--done' : ''}${favourite ? ' oc--fav' : ''}`} data-testid="oncourse-entry" data-bib={e.bib} data-finished={done ? 'true' : 'false'}>
      <div className="oc__head">
        <span className="oc__bib"><span className="sr-only">{t('startlist.bib')} </span>{e.bib}</span>
        <span className="oc__who">
          <strong>{e.name}</strong>
          <span className="oc__sub">{[e.club, raceName].filter(Boolean).join(' · ')}</span>
        </span>
        <StarButton on={favourite} name={e.name} onToggle={onToggleFavourite} />
      </div>
      <div className="oc__time">
        {done && <span className="badge badge--official" data-testid="oncourse-finished">{t('oncourse.finished')}</span>}
        <span className="oc__clock num" data-testid="oncourse-time">
          {formatTime(e.time)}
          {pen && <span className="oc__pen"> +{pen}</span>}
          {pen && e.total !== null && <> = <strong>{formatTime(e.total)}</strong></>}
        </span>
        {done && e.rank !== null && <strong className="oc__rank" data-testid="oncourse-rank">{t('oncourse.rank', { rank: e.rank })}</strong>}
      </div>
      {(e.ttbName || e.ttbDiff) && (
        <p className="oc__ttb" data-testid="oncourse-ttb">
          {done && e.ttbDiff && e.ttbName
            ? t('oncourse.behind', { diff: e.ttbDiff, name: e.ttbName })
            : e.ttbName
              ? t('oncourse.toBeat', { name: e.ttbName })
              : e.ttbDiff}
        </p>
      )}
      {e.gates.length > 0 && <GateBadges gates={e.gates} compact />}
    </li>
  );
}
