/**
 * The sidebar: every event on the station, newest first, with its status and how many
 * spectators are connected to it right now, out of how many its room holds.
 */
import type { AdminEvent } from '@wire/admin.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { formatRoute } from '../lib/route.ts';
import { statusLabel } from '../../shared/staff/status-label.ts';

export function EventsList({
  events,
  connections,
  limit,
  currentId,
  error,
}: {
  events: AdminEvent[] | null;
  connections: Record<string, number>;
  /** The room size per event, shown beside each live count. */
  limit: number | null;
  currentId: string | null;
  error: unknown;
}) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const sorted = events ? [...events].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : null;
  return (
    <>
      <div className="sidebar__head">
        <h2>{t('events.title')}</h2>
        <a className="btn btn--small" href="#/" data-testid="new-event-link">
          {t('events.new')}
        </a>
      </div>
      {error != null && (
        <p className="alert alert--error" role="alert">
          {errorText(error, i18n)}
        </p>
      )}
      {sorted === null && !error && <p className="muted">{t('common.loading')}</p>}
      {sorted?.length === 0 && <p className="muted">{t('events.none')}</p>}
      <ul className="evlist" data-testid="events-list">
        {sorted?.map((e) => (
          <li key={e.eventId}>
            <a
              className="evlist__item"
              href={formatRoute({ page: 'event', eventId: e.eventId })}
              aria-current={e.eventId === currentId ? 'page' : undefined}
              data-testid="event-link"
              data-event-id={e.eventId}
            >
              <span className="evlist__title">{e.mainTitle}</span>
              <span className="evlist__meta">
                <span className={`badge badge--st-${e.status}`}>{statusLabel(e.status, i18n)}</span>
                <span className="num" title={t('events.spectators')} data-testid="event-watching">
                  {limit === null
                    ? t('events.watching', { n: connections[e.eventId] ?? 0 })
                    : t('events.watchingOf', { n: connections[e.eventId] ?? 0, max: limit })}
                </span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
