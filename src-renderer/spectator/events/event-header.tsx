/**
 * The event's title block, kept to two lines on a phone so the results stay on the first screen:
 * the organiser's image (from the export, small, loaded after the page) beside the title with the
 * event's status (official with the time it became official) and the state of the live link, so a
 * spectator can tell "live" from "showing what we had before the Wi-Fi dropped"; then one line with
 * the place (each name once) and the dates.
 *
 * The dates are the days the races are on when the schedule has them (a re-saved export can carry
 * another date in its event details), else the event's own dates, always in the phone's language.
 */
import type { PublicEventDetail } from '@wire/api.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import type { LinkStatus } from '../../shared/live-socket.ts';
import { formatDateRange, formatStamp, joinDistinct } from '../../shared/ui/format.ts';

function LinkPill({ link, official }: { link: LinkStatus | null; official: boolean }) {
  const { t } = useI18n();
  if (official || !link) return null;
  const kind = link.polling
    ? 'polling'
    : link.state === 'open'
      ? 'live'
      : link.state === 'stopped'
        ? 'stopped'
        : link.state === 'connecting' && link.failures === 0
          ? 'connecting'
          : 'retrying';
  const text = {
    polling: t('conn.polling'),
    live: t('conn.open'),
    stopped: t('conn.stopped'),
    connecting: t('conn.connecting'),
    retrying: t('conn.retrying'),
  }[kind];
  return (
    <span className={`badge badge--${kind}`} role="status" data-testid="link-state" data-state={kind}>
      {kind === 'live' && <span className="live-dot live-dot--light" aria-hidden="true" />}
      {text}
    </span>
  );
}

interface Props {
  event: PublicEventDetail;
  link: LinkStatus | null;
  /** First and last venue day of the races ("YYYY-MM-DD"), when the schedule has dated races. */
  raceDays: [string, string] | null;
}

export function EventHeader({ event, link, raceDays }: Props) {
  const { t, locale } = useI18n();
  const place = joinDistinct([event.subTitle, event.location, event.facility]);
  const dates = raceDays ? formatDateRange(raceDays[0], raceDays[1], locale) : formatDateRange(event.startDate, event.endDate, locale);
  const official = event.status === 'official';
  return (
    <div className={event.imageUrl ? 'event-head event-head--image' : 'event-head'} data-testid="event-header">
      {event.imageUrl && (
        // The organiser's logo: decorative beside the title, which names the event.
        <img className="event-head__img" src={event.imageUrl} alt="" width={44} height={44} decoding="async" data-testid="event-image" />
      )}
      <div className="event-head__top">
        <h1 data-testid="event-title">{event.mainTitle}</h1>
        {official ? (
          <span className="badge badge--official" data-testid="event-official">
            {event.statusChangedAt ? t('status.officialSince', { time: formatStamp(event.statusChangedAt, locale) }) : t('status.official')}
          </span>
        ) : event.status !== 'running' ? (
          <span className="badge" data-testid="event-status">
            {t(`status.${event.status}`)}
          </span>
        ) : null}
        <LinkPill link={link} official={official} />
      </div>
      <p className="event-head__meta" data-testid="event-meta">
        {place && <span data-testid="event-place">{place}</span>}
        {dates && <span data-testid="event-dates">{dates}</span>}
      </p>
    </div>
  );
}
