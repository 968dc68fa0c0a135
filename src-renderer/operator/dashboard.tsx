/**
 * The dashboard's frame: the top bar (station pages, language, sign out), the events sidebar
 * with live spectator counts, and the page the hash route names. Features are combined here only.
 */
import { useMemo } from 'react';
import { LangSwitch } from '../shared/ui/lang-switch.tsx';
import { ActivityPanel } from './activity/activity-panel.tsx';
import { CreateEventForm } from './events/create-event-form.tsx';
import { DemoReplayPanel } from './sources/demo-replay-panel.tsx';
import { DeletedEvents } from './events/deleted-events.tsx';
import { EventPage } from './events/event-page.tsx';
import { EventsList } from './events/events-list.tsx';
import type { OperatorKey } from '../shared/staff/i18n/messages-en.ts';
import { useOperatorI18n } from '../shared/staff/i18n/use-operator-i18n.ts';
import { LanPage } from './lan/lan-page.tsx';
import { ScreensPage } from './screens/screens-page.tsx';
import { SettingsPage } from './settings/settings-page.tsx';
import type { AdminClient } from '../shared/api-client.ts';
import { AdminProvider, type AdminContextValue } from './lib/admin-context.tsx';
import type { AdminEvent, ConnectionsInfo, StationInfo } from '@wire/admin.ts';
import type { UplinkOverview } from '@wire/uplink.ts';
import { UplinkBehindWarning } from './uplink/uplink-behind-warning.tsx';
import { formatRoute, parseRoute, type Route } from './lib/route.ts';
import { usePoll } from '../shared/staff/use-poll.ts';
import { useHashRoute } from '../shared/use-hash-route.ts';

const NAV: { route: Route; label: OperatorKey }[] = [
  { route: { page: 'events' }, label: 'nav.events' },
  { route: { page: 'lan' }, label: 'nav.lan' },
  { route: { page: 'screens' }, label: 'nav.screens' },
  { route: { page: 'settings' }, label: 'nav.settings' },
  { route: { page: 'activity' }, label: 'nav.activity' },
];

export function Dashboard({ client, onSignOut }: { client: AdminClient; onSignOut(): void }) {
  const { t } = useOperatorI18n();
  const [route] = useHashRoute(parseRoute, formatRoute);
  const events = usePoll(() => client.request<{ events: AdminEvent[] }>('GET', '/admin/events'), 3000, [client]);
  const connections = usePoll(() => client.request<ConnectionsInfo>('GET', '/admin/connections'), 2000, [client]);
  const station = usePoll(() => client.request<StationInfo>('GET', '/admin/station'), 10_000, [client]);
  const uplinks = usePoll(() => client.request<UplinkOverview>('GET', '/admin/uplinks'), 3000, [client]);

  const ctx = useMemo<AdminContextValue>(
    () => ({ client, station: station.data, reloadStation: station.reload, reloadEvents: events.reload }),
    [client, station.data, station.reload, events.reload],
  );
  const current = route.page === 'event' ? 'events' : route.page;

  return (
    <AdminProvider value={ctx}>
      <header className="topbar">
        <a className="topbar__brand" href="#/">
          Raceside <span className="muted">{t('app.brand')}</span>
        </a>
        <nav aria-label={t('nav.label')}>
          <ul className="topnav">
            {NAV.map((n) => (
              <li key={n.route.page}>
                <a href={formatRoute(n.route)} aria-current={current === n.route.page ? 'page' : undefined} data-testid={`nav-${n.route.page}`}>
                  {t(n.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <UplinkBehindWarning overview={uplinks.data} />
        <LangSwitch label={t('lang.label')} />
        <button type="button" className="btn btn--small" onClick={onSignOut} data-testid="sign-out">
          {t('auth.signOut')}
        </button>
      </header>
      <div className="layout">
        <aside className="sidebar" aria-label={t('events.title')}>
          <EventsList
            events={events.data?.events ?? null}
            connections={connections.data?.connections ?? {}}
            limit={connections.data?.maxConnectionsPerEvent ?? null}
            currentId={route.page === 'event' ? route.eventId : null}
            error={events.error}
          />
        </aside>
        <main className="content" id="main" tabIndex={-1}>
          {route.page === 'events' && (
            <div className="grid">
              <CreateEventForm />
              <DemoReplayPanel />
              <DeletedEvents />
            </div>
          )}
          {route.page === 'event' && <EventPage key={route.eventId} eventId={route.eventId} />}
          {route.page === 'lan' && <LanPage connections={connections.data} />}
          {route.page === 'screens' && <ScreensPage />}
          {route.page === 'settings' && <SettingsPage />}
          {route.page === 'activity' && <ActivityPanel title={t('activity.title')} limit={200} />}
        </main>
      </div>
    </AdminProvider>
  );
}
