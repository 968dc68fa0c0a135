/**
 * The dashboard's frame: the top bar (station pages, sign out), the events sidebar with live
 * spectator counts, and the page the hash route names. Features are combined here only.
 */
import { useMemo } from 'react';
import { ActivityPanel } from './activity/activity-panel.tsx';
import { CreateEventForm } from './events/create-event-form.tsx';
import { EventPage } from './events/event-page.tsx';
import { EventsList } from './events/events-list.tsx';
import { LanPage } from './lan/lan-page.tsx';
import { SettingsPage } from './settings/settings-page.tsx';
import type { AdminClient } from './lib/admin-client.ts';
import { AdminProvider, type AdminContextValue } from './lib/admin-context.tsx';
import type { AdminEvent, StationInfo } from '@wire/admin.ts';
import { formatRoute, type Route } from './lib/route.ts';
import { usePoll } from './lib/use-poll.ts';
import { useRoute } from './lib/use-route.ts';

const NAV: { route: Route; label: string }[] = [
  { route: { page: 'events' }, label: 'Events' },
  { route: { page: 'lan' }, label: 'LAN & QR' },
  { route: { page: 'settings' }, label: 'Settings' },
  { route: { page: 'activity' }, label: 'Activity' },
];

export function Dashboard({ client, onSignOut }: { client: AdminClient; onSignOut(): void }) {
  const route = useRoute();
  const events = usePoll(() => client.request<{ events: AdminEvent[] }>('GET', '/admin/events'), 3000, [client]);
  const connections = usePoll(() => client.request<{ connections: Record<string, number> }>('GET', '/admin/connections'), 2000, [client]);
  const station = usePoll(() => client.request<StationInfo>('GET', '/admin/station'), 10_000, [client]);

  const ctx = useMemo<AdminContextValue>(
    () => ({ client, station: station.data, reloadStation: station.reload, reloadEvents: events.reload }),
    [client, station.data, station.reload, events.reload],
  );
  const current = route.page === 'event' ? 'events' : route.page;

  return (
    <AdminProvider value={ctx}>
      <header className="topbar">
        <a className="topbar__brand" href="#/">Raceside <span className="muted">operator</span></a>
        <nav aria-label="Station">
          <ul className="topnav">
            {NAV.map((n) => (
              <li key={n.route.page}>
                <a href={formatRoute(n.route)} aria-current={current === n.route.page ? 'page' : undefined} data-testid={`nav-${n.route.page}`}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="btn btn--small" onClick={onSignOut}>Sign out</button>
      </header>
      <div className="layout">
        <aside className="sidebar" aria-label="Events">
          <EventsList
            events={events.data?.events ?? null}
            connections={connections.data?.connections ?? {}}
            currentId={route.page === 'event' ? route.eventId : null}
            error={events.error}
          />
        </aside>
        <main className="content" id="main" tabIndex={-1}>
          {route.page === 'events' && <CreateEventForm />}
          {route.page === 'event' && <EventPage key={route.eventId} eventId={route.eventId} />}
          {route.page === 'lan' && <LanPage />}
          {route.page === 'settings' && <SettingsPage />}
          {route.page === 'activity' && <ActivityPanel title="Activity log" limit={200} />}
        </main>
      </div>
    </AdminProvider>
  );
}
