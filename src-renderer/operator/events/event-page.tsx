/**
 * One event's page: the live numbers and feed health (polled every 1.5 s while the tab is
 * visible), its timing source (c123-server, Canoe123 directly, XML only), the lifecycle, XML
 * import, c123-server connection, race official marks, the event's details and merge strategy,
 * its recent activity, and delete.
 */
import { seg } from '../../shared/api-client.ts';
import { formatDateRange } from '../../shared/ui/format.ts';
import { ActivityPanel } from '../activity/activity-panel.tsx';
import { FeedPanel } from '../feeds/feed-panel.tsx';
import { TimingSourcePanel } from '../sources/timing-source-panel.tsx';
import { XmlImport } from '../imports/xml-import.tsx';
import { OpenSpectatorButton } from '../lan/open-spectator-button.tsx';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import type { AdminEvent, AdminEventDetail } from '@wire/admin.ts';
import { usePoll } from '../../shared/staff/use-poll.ts';
import { useNow } from '../lib/use-now.ts';
import { RaceOfficialPanel } from '../officials/race-official-panel.tsx';
import { UplinkPanel } from '../uplink/uplink-panel.tsx';
import { DeleteEventButton } from './delete-event-button.tsx';
import { EventDetailsForm } from './event-details-form.tsx';
import { IngestKeyPanel } from './ingest-key-panel.tsx';
import { LifecyclePanel } from './lifecycle-panel.tsx';
import { statusLabel } from '../../shared/staff/status-label.ts';

export const EVENT_POLL_MS = 1500;

/** Re-mounts the details form when the station's copy changes (an XML import can fill them). */
const detailsKey = (e: AdminEvent) => [e.mainTitle, e.subTitle, e.location, e.facility, e.startDate, e.endDate, e.mergeStrategy].join('|');

export function EventPage({ eventId }: { eventId: string }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client, reloadEvents } = useAdmin();
  const now = useNow(1000);
  const detail = usePoll(() => client.request<AdminEventDetail>('GET', `/admin/events/${seg(eventId)}`), EVENT_POLL_MS, [client, eventId]);
  const changed = () => {
    detail.reload();
    reloadEvents();
  };

  if (!detail.data) {
    const notFound = (detail.error as { status?: number } | null)?.status === 404;
    return (
      <section className="panel">
        {detail.error ? (
          <p className="alert alert--error" role="alert">
            {notFound ? t('event.notFound', { id: eventId }) : errorText(detail.error, i18n)}
          </p>
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )}
      </section>
    );
  }

  const d = detail.data;
  const e = d.event;
  const structureKey = `${e.status}|${d.feeds.lastImport?.at ?? ''}|${e.hasXmlData}`;
  // Feed times are the station's clock; this browser's may differ (another machine on the LAN).
  const stationNow = now + (detail.at !== null ? d.serverNow - detail.at : 0);
  return (
    <div className="event" data-testid="event-page" data-event-id={e.eventId}>
      <header className="event__head">
        <div>
          <h1>{e.mainTitle}</h1>
          <p className="muted">
            {[...new Set([e.subTitle, e.location, e.facility].filter(Boolean))].concat(formatDateRange(e.startDate, e.endDate, i18n.locale) || []).join(' · ')}{' '}
            · {t('event.id')} <code>{e.eventId}</code> · <span className={`badge badge--st-${e.status}`}>{statusLabel(e.status, i18n)}</span>
          </p>
        </div>
        <OpenSpectatorButton eventId={e.eventId} disabled={e.status === 'draft'} />
      </header>
      {detail.error != null && (
        <p className="alert alert--warn" role="status">
          {t('event.notAnswering', { error: errorText(detail.error, i18n) })}
        </p>
      )}
      <div className="grid">
        <FeedPanel detail={d} now={stationNow} />
        <TimingSourcePanel eventId={e.eventId} now={stationNow} />
        <LifecyclePanel detail={d} onChanged={changed} />
        <XmlImport eventId={e.eventId} disabled={e.status === 'official'} lastImport={d.feeds.lastImport} onImported={changed} />
        <IngestKeyPanel event={e} />
        <UplinkPanel eventId={e.eventId} />
        <RaceOfficialPanel detail={d} structureKey={structureKey} onChanged={changed} />
        <EventDetailsForm key={detailsKey(e)} event={e} onSaved={changed} />
        <ActivityPanel title={t('event.recentActivity')} eventId={e.eventId} limit={100} compact />
        <section className="panel panel--danger" aria-labelledby="danger-title">
          <h2 id="danger-title">{t('delete.title')}</h2>
          <p className="muted">{t('delete.intro')}</p>
          <DeleteEventButton event={e} />
        </section>
      </div>
    </div>
  );
}
