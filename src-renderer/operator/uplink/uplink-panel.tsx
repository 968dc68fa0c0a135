/**
 * One event's uplink to a public results server: its state (connected / retrying / paused /
 * refused…), the queue and the age of its oldest unsent change, the last success, the last
 * problem as a sentence, bytes sent, what the server refused (send again / discard), and the
 * settings with "test connection". Polls the station every 1.5 s while the tab is visible.
 */
import type { UplinkStatus } from '@wire/uplink.ts';
import { seg } from '../../shared/api-client.ts';
import { statusLabel } from '../../shared/staff/status-label.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { ago } from '../../shared/staff/relative-time.ts';
import { usePoll } from '../../shared/staff/use-poll.ts';
import { UplinkForm } from './uplink-form.tsx';
import { UplinkRefusedList } from './uplink-refused-list.tsx';
import { quietFor } from '../feeds/feed-words.ts';
import { bytesText, uplinkErrorSentence } from './uplink-text.ts';
import { Stat } from '../lib/stat.tsx';

export const UPLINK_POLL_MS = 1500;

const badgeOf: Record<UplinkStatus['state'], string> = {
  off: 'badge--st-draft',
  disabled: 'badge--st-draft',
  connecting: 'badge--st-startlist',
  connected: 'badge--st-official',
  retrying: 'badge--warn',
  paused: 'badge--error',
  refused: 'badge--warn',
};

export function UplinkPanel({ eventId }: { eventId: string }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client } = useAdmin();
  const path = `/admin/events/${seg(eventId)}/uplink`;
  const polled = usePoll(() => client.request<UplinkStatus>('GET', path), UPLINK_POLL_MS, [client, path]);
  const u = polled.data;

  return (
    <section className="panel" aria-labelledby="uplink-title" data-testid="uplink-panel">
      <h2 id="uplink-title">{t('uplink.title')}</h2>
      {!u ? (
        <p className={polled.error ? 'alert alert--error' : 'muted'}>{polled.error ? errorText(polled.error, i18n) : t('common.loading')}</p>
      ) : (
        <>
          <p>
            {t('uplink.state')}:{' '}
            <span className={`badge ${badgeOf[u.state]}`} data-testid="uplink-state" data-state={u.state}>
              {t(`uplink.state.${u.state}`)}
            </span>
          </p>
          {u.configured && (
            <>
              <div className="stats">
                <Stat value={u.queued} label={t('uplink.queued')} testId="uplink-queued" />
                <Stat
                  value={u.oldestUnsentMs === null ? t('uplink.none') : quietFor(u.oldestUnsentMs, i18n)}
                  label={t('uplink.oldest')}
                  testId="uplink-oldest"
                />
                <Stat value={bytesText(u.bytesSent)} label={t('uplink.bytes')} />
              </div>
              <p className="muted" data-testid="uplink-success">
                {t('uplink.lastSuccess')}: {ago(u.lastSuccessAt, u.serverNow, i18n)}
                {u.remoteStatus && <> · {t('uplink.remoteStatus', { status: statusLabel(u.remoteStatus, i18n) })}</>}
                {u.targetKind && <> · {t(`uplink.targetKind.${u.targetKind}`)}</>}
              </p>
              {u.pausedBy && (
                <p className="alert alert--error" role="alert" data-testid="uplink-paused">
                  {t('uplink.pausedAlert', { sentence: uplinkErrorSentence(u.pausedBy, i18n), n: u.queued })}
                </p>
              )}
              {u.waitingForXml && (
                <p className="alert alert--warn" role="status">
                  {t('uplink.waitingForXml')}
                </p>
              )}
              {u.lastError && !u.pausedBy && (
                <p className={u.state === 'retrying' ? 'alert alert--warn' : 'muted'} data-testid="uplink-last-error">
                  {t('uplink.lastError', { ago: ago(u.lastError.at, u.serverNow, i18n), sentence: uplinkErrorSentence(u.lastError, i18n) })}
                </p>
              )}
              <UplinkRefusedList eventId={eventId} refused={u.refused} onChanged={polled.reload} />
            </>
          )}
          <UplinkForm key={`${u.url}|${u.remoteEventId}|${u.enabled}`} eventId={eventId} status={u} onChanged={polled.reload} />
        </>
      )}
    </section>
  );
}
