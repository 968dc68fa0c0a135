/**
 * The warning shown wherever the dashboard hands out a LAN address (LAN page, QR codes, the
 * c123-server block, the officials address) when the station listens only on a loopback address:
 * those addresses then reach nothing, and nobody at the venue could tell why.
 */
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { useAdmin } from '../lib/admin-context.tsx';

export function LoopbackWarning() {
  const { t } = useOperatorI18n();
  const { station } = useAdmin();
  if (!station || station.listensOnLan || station.lanUrls.length === 0) return null;
  return (
    <p className="alert alert--error" role="alert" data-testid="loopback-warning">
      {t('lan.loopback', { host: station.settings.host, url: station.lanUrls[0] })}
    </p>
  );
}
