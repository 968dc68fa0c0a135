/**
 * Entry of the operator dashboard (served by the station at `/operator/`, and loaded by the
 * Electron window). Its own bundle: the spectator app never carries this code.
 */
import { createRoot } from 'react-dom/client';
import '../shared/ui/base.css';
import '../shared/staff/staff.css';
import { App } from './app.tsx';

createRoot(document.getElementById('root')!).render(<App />);
