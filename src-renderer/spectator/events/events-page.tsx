/**
 * The events list (`#/`): live, upcoming and finished events of this station. Read once over REST
 * and again when the phone comes back to the page; a station with one live event is one tap away.
 */
import { useEffect, useState } from 'react';
import type { PublicEvent } from '@wire/api.ts';
import { formatDateRange } from '../../shared/ui/format.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import type { MessageKey } from '../../shared/i18n/messages-en.ts';
import { getEvents } from './get-events.ts';
import { groupEvents } from './group-events.ts';

function EventCard({ event }: { event: PublicEvent }) {
  const { t, locale } = useI18n();
  const place = [event.subTitle, event.location].filter(Boolean).join(' · ');
  return (
    <li>
      <a className="event-card" href={`#/events/${encodeURIComponent(event.eventId)}`} data-testid="event-card" data-event-id={event.eventId}>
        <span className="event-card__title">{event.mainTitle}</span>
        {place && <span className="event-card__meta">{place}</span>}
        <span className="event-card__meta">{formatDateRange(event.startDate, event.endDate, locale)}</span>
        <span className={`badge badge--${event.status === 'running' ? 'live' : event.status}`}>{t(`status.${event.status}`)}</span>
      </a>
    </li>
  );
}

export function EventsPage() {
  const { t } = useI18n();
  const [events, setEvents] = useState<PublicEvent[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  useEffect(() => {
    let ctrl = new AbortController();
    const load = () => {
      ctrl.abort();
      ctrl = new AbortController();
      getEvents(ctrl.signal).then(
        (r) => {
          setEvents(r.events);
          setFailed(false);
        },
        (e) => {
          if ((e as Error).name !== 'AbortError') setFailed(true);
        },
      );
    };
    load();
    const onVisible = () => document.visibilityState === 'visible' && load();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      ctrl.abort();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);

  const sections = events ? groupEvents(events) : null;
  const parts: [MessageKey, PublicEvent[]][] = sections
    ? [
        ['events.live', sections.live],
        ['events.upcoming', sections.upcoming],
        ['events.finished', sections.finished],
      ]
    : [];

  return (
    <main id="main" tabIndex={-1} className="page" data-testid="events-page">
      <h1>{t('events.title')}</h1>
      {failed && !events && <p role="alert">{t('error.network')}</p>}
      {!events && !failed && <p>{t('common.loading')}</p>}
      {events && events.length === 0 && <p>{t('events.none')}</p>}
      {parts
        .filter(([, list]) => list.length)
        .map(([key, list]) => (
          <section key={key} aria-labelledby={`sec-${key.slice(7)}`}>
            <h2 id={`sec-${key.slice(7)}`}>{t(key)}</h2>
            <ul className="event-list">
              {list.map((e) => (
                <EventCard key={e.eventId} event={e} />
              ))}
            </ul>
          </section>
        ))}
    </main>
  );
}
