/**
 * The published events an official can act on (the public list: drafts are not there), the
 * running and finished ones first.
 */
import type { EventListResponse, PublicEvent } from '@wire/api.ts';
import { apiGet } from '../shared/api-client.ts';
import { useOperatorI18n } from '../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../shared/staff/error-text.ts';
import { formatOfficialsRoute } from './officials-route.ts';
import { usePoll } from '../shared/staff/use-poll.ts';
import { statusLabel } from '../shared/staff/status-label.ts';

const ORDER: Record<PublicEvent['status'], number> = { finished: 0, running: 1, startlist: 2, official: 3 };

export function OfficialsEvents() {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const list = usePoll(() => apiGet<EventListResponse>('/events'), 5000, []);
  const events = list.data ? [...list.data.events].sort((a, b) => ORDER[a.status] - ORDER[b.status]) : null;
  return (
    <section className="panel" aria-labelledby="pick-title">
      <h1 id="pick-title">{t('officials.pick')}</h1>
      {list.error != null && (
        <p className="alert alert--error" role="alert">
          {errorText(list.error, i18n)}
        </p>
      )}
      {events === null && list.error == null && <p className="muted">{t('common.loading')}</p>}
      {events?.length === 0 && <p className="muted">{t('officials.noEvents')}</p>}
      <ul className="evpick" data-testid="officials-events">
        {events?.map((e) => (
          <li key={e.eventId}>
            <a href={formatOfficialsRoute({ page: 'event', eventId: e.eventId })} data-testid="officials-event-link" data-event-id={e.eventId}>
              <span>{e.mainTitle}</span>
              <span className={`badge badge--st-${e.status}`}>{statusLabel(e.status, i18n)}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
