/**
 * Entry of the spectator app (served by the station at `/`): styles, then the app. No external
 * fonts, scripts or CDNs: everything the phone loads comes from the station on the LAN.
 */
import { createRoot } from 'react-dom/client';
import '../shared/ui/base.css';
import './app.css';
import { App } from './app.tsx';

createRoot(document.getElementById('root')!).render(<App />);
