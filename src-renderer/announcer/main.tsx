/**
 * Entry of the announcer's view (served at `/announcer`): for the speaker on a tablet or laptop.
 * Big touch targets, nothing to type; the event and the language come from the dashboard.
 */
import { createRoot } from 'react-dom/client';
import '../shared/ui/base.css';
import '../shared/screens/screens.css';
import './announcer.css';
import { ScreenShell } from '../shared/screens/screen-shell.tsx';
import { AnnouncerPage } from './announcer-page.tsx';

createRoot(document.getElementById('root')!).render(
  <ScreenShell kind="announcer">
    <AnnouncerPage />
  </ScreenShell>,
);
