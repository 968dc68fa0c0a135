/**
 * Entry of the big screen (served at `/board`): a scoreboard for landscape TVs and LED walls,
 * 1920×1080 or 1280×720, nobody touching it. What it shows comes from the station (the live event,
 * or `?event=`) and from the operator's dashboard ("Screens").
 */
import { createRoot } from 'react-dom/client';
import '../shared/screens/screens.css';
import './board.css';
import { ScreenShell } from '../shared/screens/screen-shell.tsx';
import { BoardPage } from './board-page.tsx';

createRoot(document.getElementById('root')!).render(
  <ScreenShell kind="board">
    <BoardPage />
  </ScreenShell>,
);
