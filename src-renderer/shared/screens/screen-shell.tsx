/**
 * The frame every venue screen runs in (issue 15): it identifies the screen, keeps its control
 * link open (screen-link.ts), applies what the station says (language, theme) and hands the config
 * to the page. It never shows an error page: before the first config it shows a calm waiting
 * screen, a lost link is a small "reconnecting" mark in a corner while the last picture stays up,
 * and a rendering fault blanks the content for a moment and draws it again.
 */
import { Component, createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ScreenConfig, ScreenKind } from '@wire/screens.ts';
import { LangProvider } from '../i18n/lang-context.tsx';
import type { LinkStatus } from '../live-socket.ts';
import { screenIdentity, type ScreenIdentity } from './screen-identity.ts';
import { ScreenLink } from './screen-link.ts';
import { useScreenI18n } from './screen-i18n.ts';

export interface ScreenContextValue {
  identity: ScreenIdentity;
  config: ScreenConfig;
  control: LinkStatus | null;
}

const ScreenContext = createContext<ScreenContextValue | null>(null);

export function useScreen(): ScreenContextValue {
  const ctx = useContext(ScreenContext);
  if (!ctx) throw new Error('useScreen outside <ScreenShell>');
  return ctx;
}

function randomId(): string {
  try {
    return crypto.randomUUID();
  } catch {
    return `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  }
}

function storage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

export function ScreenShell({ kind, children }: { kind: ScreenKind; children: ReactNode }) {
  const identity = useMemo(() => screenIdentity(kind, location.search, storage(), randomId), [kind]);
  const [config, setConfig] = useState<ScreenConfig | null>(null);
  const [control, setControl] = useState<LinkStatus | null>(null);

  useEffect(() => {
    const link = new ScreenLink({
      identity,
      onConfig: (c, fromStation) => setConfig((old) => (fromStation || !old ? c : old)),
      onStatus: setControl,
      viewport: () => ({ w: window.innerWidth, h: window.innerHeight }),
    });
    link.start();
    let hiddenAt = 0;
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') hiddenAt = Date.now();
      else {
        link.wake(hiddenAt > 0 && Date.now() - hiddenAt > 30_000);
        hiddenAt = 0;
      }
    };
    const onOnline = () => link.wake(false);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('online', onOnline);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('online', onOnline);
      link.stop();
    };
  }, [identity]);

  const theme = config?.theme ?? 'dark';
  useEffect(() => {
    const html = document.documentElement;
    html.dataset.theme = theme;
    html.dataset.screen = kind;
  }, [theme, kind]);

  const fixed = config && config.lang !== 'auto' ? config.lang : null;
  const value = useMemo(() => (config ? { identity, config, control } : null), [identity, config, control]);
  return (
    <LangProvider fixed={fixed}>
      {value ? (
        <ScreenContext.Provider value={value}>
          <RenderGuard>{children}</RenderGuard>
        </ScreenContext.Provider>
      ) : (
        <>
          <WaitingScreen />
          <LinkMark links={[control]} />
        </>
      )}
    </LangProvider>
  );
}

/** A screen with nothing to show yet: the station's name, calmly. */
export function WaitingScreen({ text }: { text?: string }) {
  const { t } = useScreenI18n();
  return (
    <main className="scr-waiting" data-testid="screen-waiting">
      <p className="scr-waiting__brand">Raceside</p>
      <p className="scr-waiting__text">{text ?? t('screen.loading')}</p>
    </main>
  );
}

/**
 * The discreet "reconnecting" mark: shown only when one of the links has been down for more than
 * a second (a quick reconnect never flashes it); an official event's REST-only link counts as up.
 */
export function LinkMark({ links }: { links: readonly (LinkStatus | null)[] }) {
  const { t } = useScreenI18n();
  const down = links.some((l) => l !== null && (l.state === 'retrying' || (l.state === 'connecting' && l.failures > 0)));
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!down) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), 1000);
    return () => clearTimeout(timer);
  }, [down]);
  return (
    <div className="scr-link" role="status" data-testid="link-mark" data-down={shown ? 'true' : 'false'}>
      {shown && <span className="scr-link__mark">{t('screen.reconnecting')}</span>}
    </div>
  );
}

interface GuardState {
  failed: boolean;
}

/** A render fault on a screen nobody can touch: blank for a moment, then draw again. */
class RenderGuard extends Component<{ children: ReactNode }, GuardState> {
  state: GuardState = { failed: false };
  private timer: ReturnType<typeof setTimeout> | null = null;

  static getDerivedStateFromError(): GuardState {
    return { failed: true };
  }

  componentDidCatch(error: unknown): void {
    console.error('[screen] render fault, redrawing in 3 s', error);
    this.timer = setTimeout(() => this.setState({ failed: false }), 3000);
  }

  componentWillUnmount(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
