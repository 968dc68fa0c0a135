/**
 * Opens the spectator view: through the Electron shell when there is one (the window itself
 * refuses new windows), else in a new browser tab at this station's address, on the event's
 * page when one is given.
 */
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { bridge } from '../lib/bridge.ts';

export function spectatorUrl(base: string, eventId?: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return eventId ? `${root}#/events/${encodeURIComponent(eventId)}` : root;
}

export function OpenSpectatorButton({ eventId, url, disabled }: { eventId?: string; url?: string; disabled?: boolean }) {
  const { t } = useOperatorI18n();
  const open = () => {
    const b = bridge();
    if (b) return void b.openSpectatorView();
    window.open(spectatorUrl(url ?? location.origin, eventId), '_blank', 'noopener');
  };
  return (
    <button type="button" className="btn" onClick={open} disabled={disabled} data-testid="open-spectator">
      {t('lan.open')}
    </button>
  );
}
