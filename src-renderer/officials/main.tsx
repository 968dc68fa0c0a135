/**
 * Entry of the officials page (served by the station at `/officials`): chief judges mark races
 * and the event official from a tablet on the LAN, behind the officials PIN. Its own bundle; it
 * reuses the dashboard's race list and dialog, never the spectator app.
 */
import { createRoot } from 'react-dom/client';
import '../shared/ui/base.css';
import '../shared/staff/staff.css';
import './officials.css';
import { OfficialsApp } from './officials-app.tsx';

createRoot(document.getElementById('root')!).render(<OfficialsApp />);
