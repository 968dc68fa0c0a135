/**
 * The sidebar: every event on the station, newest first, with its status and how many
 * spectators are connected to it right now.
 */
import type { AdminEvent } from '@wire/admin.ts';
import { errorText } from '../lib/admin-client.ts';
import { formatRoute } from '../lib/route.ts';
import { statusLabel } from './status-label.ts';

export function EventsList({ events, connections, currentId, error }: {
  events: AdminEvent[] | null;
  connections: Record<string, number>;
  currentId: string | null;
  error: unknown;
}) {
  const sorted = events ? [...events].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : null;
  return (
    <>
      <div className="sidebar__head">
        <h2>Events</h2>
        <a className="btn btn--small" href="#/" data-testid="new-event-link">New event</a>
      </div>
      {error != null && <p className="alert alert--error" role="alert">{errorText(error)}</p>}
      {sorted === null && !error && <p className="muted">Loading…</p>}
      {sorted?.length === 0 && <p className="muted">No events yet. Create one.</p>}
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
                <span className={`badge badge--st-${e.status}`}>{statusLabel[e.status]}</span>
                <span className="num" title="Connected spectators">{connections[e.eventId] ?? 0}<span className="sr-only"> spectators</span><span aria-hidden="true"> watching</span></span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
