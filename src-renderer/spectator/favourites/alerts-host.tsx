/**
 * Where favourites' alerts appear: a polite live region pinned to the bottom of the screen, each
 * alert with a 44 px close button. A landmark of its own so screen-reader users can find it.
 */
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { formatTime } from '../../shared/ui/format.ts';
import type { FavouriteAlert } from './favourite-alerts.ts';

interface Props {
  alerts: FavouriteAlert[];
  raceName(raceId: string): string;
  onDismiss(id: string): void;
}

export function AlertsHost({ alerts, raceName, onDismiss }: Props) {
  const { t } = useI18n();
  const text = (a: FavouriteAlert) => {
    if (a.kind === 'start') return t('alert.started', { name: a.name, race: raceName(a.raceId) });
    if (a.kind === 'official') return t('alert.official', { race: raceName(a.raceId) });
    if (a.kind === 'vanish') return t('alert.vanished', { name: a.name, race: raceName(a.raceId) });
    const total = formatTime(a.total);
    return a.rank ? t('alert.finishedRank', { name: a.name, total, rank: a.rank }) : t('alert.finished', { name: a.name, total });
  };
  return (
    <aside className="alerts" aria-label={t('alert.region')}>
      <ul aria-live="polite" data-testid="alerts">
        {alerts.map((a) => (
          <li key={a.id} className={`alert alert--${a.kind}`} data-testid="alert" data-kind={a.kind}>
            <span>{text(a)}</span>
            <button type="button" className="alert__close" aria-label={t('common.close')} onClick={() => onDismiss(a.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
