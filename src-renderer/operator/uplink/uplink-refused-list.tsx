/**
 * What the public server refused (a 4xx other than 401/403/404): each item with the server's
 * own message, and "send again" / "discard". Everything else keeps going up meanwhile.
 */
import { useState } from 'react';
import type { UplinkRefusedItem, UplinkStatus } from '@wire/uplink.ts';
import { seg } from '../../shared/api-client.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { uplinkErrorSentence } from './uplink-text.ts';

export function UplinkRefusedList({ eventId, refused, onChanged }: { eventId: string; refused: UplinkRefusedItem[]; onChanged(): void }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client } = useAdmin();
  const [error, setError] = useState<string | null>(null);
  if (refused.length === 0) return null;

  const act = async (item: UplinkRefusedItem, retry: boolean) => {
    setError(null);
    const base = `/admin/events/${seg(eventId)}/uplink/refused/${item.id}`;
    try {
      await client.request<UplinkStatus>(retry ? 'POST' : 'DELETE', retry ? `${base}/retry` : base);
      onChanged();
    } catch (err) {
      setError(errorText(err, i18n));
    }
  };

  return (
    <div data-testid="uplink-refused">
      <h3>{t('uplink.refused.title')}</h3>
      <p className="muted">{t('uplink.refused.intro')}</p>
      <ul className="races">
        {refused.map((item) => (
          <li key={item.id} className="races__item" data-testid="uplink-refused-item">
            <span className="races__name">
              <strong>{item.kind === 'xml' ? t('uplink.refused.xml') : t(`uplink.refused.${item.kind}`, { label: item.label })}</strong>
              <br />
              <span className="feed__err--now">{uplinkErrorSentence(item.error, i18n)}</span>
              {item.kind === 'status' && item.label.endsWith('official') && item.error.httpStatus === 403 && (
                <>
                  <br />
                  <span className="muted">{t('uplink.refused.official')}</span>
                </>
              )}
            </span>
            <span className="actions">
              <button type="button" className="btn btn--small" onClick={() => void act(item, true)}>
                {t('uplink.retry')}
              </button>
              <button type="button" className="btn btn--small" onClick={() => void act(item, false)}>
                {t('uplink.discard')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
