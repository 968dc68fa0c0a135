/**
 * The spectator app's first screen rendered on the station (wire/first-view.ts): built by Vite as a
 * server module (dist-renderer/ssr/first-view.js) and called by the page route, so a phone sees the
 * event page, its running round's results first, as soon as the page itself has arrived, before
 * any script has loaded. It is the app's own event page, rendered from the very data the page
 * carries for the app: when the app starts it draws the same screen over it.
 *
 * The station puts it in the page hidden, and shows it only when the address names this event's
 * page (src-main/http/first-view.ts), so a link to another page of the app (the events list,
 * another race) never flashes this one.
 */
import { renderToString } from 'react-dom/server';
import type { FirstView } from '@wire/first-view.ts';
import type { FirstViewRenderer } from '@wire/first-view.ts';
import { provideFirstView } from '../../shared/first-view.ts';
import { FixedLangProvider } from '../../shared/i18n/lang-context.tsx';
import { detectLanguage } from '../../shared/i18n/translate.ts';
import { localDay } from '../../shared/ui/format.ts';
import { hasResults } from '../../shared/ui/race-status.ts';
import { Screen } from '../app.tsx';
import { buildRounds, defaultRound } from '../../shared/races/race-groups.ts';
import type { Route } from '../lib/routes.ts';

/** Rows drawn by the station: a phone's first few screens of the list. */
const DRAWN_ROWS = 15;

export const renderFirstView: FirstViewRenderer['renderFirstView'] = ({ first, acceptLanguage, rowsOf }) => {
  // The round the event page opens when its link names none, as the page decides it.
  const round = defaultRound(buildRounds(first.races), localDay(new Date()));
  if (!round || !hasResults(round.state)) return null;
  const raceIds = round.races.map((r) => r.raceId);
  // The app asks for a round's list by its last race id (shared/results/results-list.ts, listRaceId).
  const rows = rowsOf(raceIds[raceIds.length - 1]);
  if (!rows) return null;
  const view: FirstView = { ...first, round: { key: round.key, raceIds, rows: [...rows] } };
  const languages = (acceptLanguage ?? '')
    .split(',')
    .map((l) => l.split(';')[0].trim())
    .filter(Boolean);
  const lang = detectLanguage(null, languages);
  // Drawn: the top of the list, a phone's first screens; the app draws the rest when it starts. A
  // whole field drawn (100 rows: 170 KB of markup) costs a slow phone more time to parse and lay
  // out than it takes to arrive.
  provideFirstView({ ...view, round: { ...view.round!, rows: view.round!.rows.slice(0, DRAWN_ROWS) } });
  const route: Route = { page: 'event', eventId: first.eventId, view: null, raceId: null, catId: null };
  const html = renderToString(
    <FixedLangProvider lang={lang} languages={languages}>
      <Screen route={route} navigate={() => {}} />
    </FixedLangProvider>,
  );
  return { html, lang, view };
};
