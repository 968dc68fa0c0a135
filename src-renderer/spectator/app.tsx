/**
 * The spectator app: language provider, the top bar (home link, language) and the page the hash
 * route names. Features are combined here and in event-page.tsx only; they never import each other.
 */
import { useI18n } from '../shared/i18n/i18n-context.tsx';
import { LangProvider } from '../shared/i18n/lang-context.tsx';
import { LangSwitch } from '../shared/ui/lang-switch.tsx';
import { EventPage } from './event-page.tsx';
import { EventsPage } from './events/events-page.tsx';
import { useHashRoute } from '../shared/use-hash-route.ts';
import { formatRoute, parseRoute, type Route } from './lib/routes.ts';

function Shell() {
  const [route, navigate] = useHashRoute(parseRoute, formatRoute);
  return <Screen route={route} navigate={navigate} />;
}

/** The top bar and the page a route names (the station also renders it: first-view/first-view-ssr.tsx). */
export function Screen({ route, navigate }: { route: Route; navigate(r: Route, replace?: boolean): void }) {
  const { t } = useI18n();
  return (
    <>
      <a
        className="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skip')}
      </a>
      <header className="topbar">
        <a className="topbar__home" href="#/" data-testid="home-link">
          {route.page === 'events' ? t('app.name') : `‹ ${t('nav.events')}`}
        </a>
        <LangSwitch label={t('lang.label')} />
      </header>
      {route.page === 'events' ? <EventsPage /> : <EventPage key={route.eventId} route={route} navigate={navigate} />}
    </>
  );
}

export function App() {
  return (
    <LangProvider>
      <Shell />
    </LangProvider>
  );
}
