/**
 * Entry of the live-stream overlay (served at `/overlay`): an OBS or vMix browser source at
 * 1920×1080 on a transparent page. The operator switches its elements from the dashboard.
 */
import { createRoot } from 'react-dom/client';
import '../shared/screens/screens.css';
import './overlay.css';
import { ScreenShell } from '../shared/screens/screen-shell.tsx';
import { OverlayPage } from './overlay-page.tsx';

createRoot(document.getElementById('root')!).render(
  <ScreenShell kind="overlay">
    <OverlayPage />
  </ScreenShell>,
);
