/**
 * The event's title block: title, place and dates, the event's status (with the time it became
 * official) and the state of the live link, so a spectator can tell "live" from "showing what we
 * had before the Wi-Fi dropped".
 */
import type { PublicEventDetail } from '@wire/api.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import type { LinkStatus } from '../../shared/live-socket.ts';
import { formatDateRange, formatStamp } from '../../shared/ui/format.ts';

function LinkPill({ link, official }: { link: LinkStatus | null; official: boolean }) {
  const { t } = useI18n();
  if (official || !link) return null;
  const kind = link.polling ? 'polling' : link.state === 'open' ? 'live' : link.state === 'stopped' ? 'stopped' : link.state === 'connecting' && link.failures === 0 ? 'connecting' : 'retrying';
  const text = {
    polling: t('conn.polling'), live: t('conn.open'), stopped: t('conn.stopped'),
    connecting: t('conn.connecting'), retrying: t('conn.retrying'),
  }[kind];
  return (
    <span className={`badge badge--${kind}`} role="status" data-testid="link-state" data-state={kind}>
      {kind === 'live' && <span className="live-dot live-dot--light" aria-hidden="true" />}
      {text}
    </span>
  );
}

export function EventHeader({ event, link }: { event: PublicEventDetail; link: LinkStatus | null }) {
  const { t, locale } = useI18n();
  const place = [event.subTitle, event.location ?? event.facility].filter(Boolean).join(' · ');
  const official = event.status === 'official';
  return (
    <div className="event-head" data-testid="event-header">
      <h1 data-testid="event-title">{event.mainTitle}</h1>
      {place && <p className="event-head__meta">{place}</p>}
      <p className="event-head__meta">{formatDateRange(event.startDate, event.endDate, locale)}</p>
      <p className="event-head__badges">
        {official ? (
          <span className="badge badge--official" data-testid="event-official">
            {event.statusChangedAt
              ? t('status.officialSince', { time: formatStamp(event.statusChangedAt, locale) })
              : t('status.official')}
          </span>
        ) : event.status !== 'running' ? (
          <span className="badge" data-testid="event-status">{t(`status.${event.status}`)}</span>
        ) : null}
        <LinkPill link={link} official={official} />
      </p>
    </div>
  );
}
