/**
 * How spectators reach the station: its URL on every network interface, each with a QR code to
 * show on a screen or print at the venue, and a button to open the spectator view.
 */
import { useRef } from 'react';
import { useOperatorI18n } from '../i18n/use-operator-i18n.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { CopyButton } from '../lib/copy-button.tsx';
import { OpenSpectatorButton } from './open-spectator-button.tsx';
import { QrImage } from './qr-image.tsx';

export function LanPage() {
  const { t, tn } = useOperatorI18n();
  const { station } = useAdmin();
  if (!station) return <section className="panel"><p className="muted">{t('common.loading')}</p></section>;
  const connected = Object.values(station.connections).reduce((a, b) => a + b, 0);
  return (
    <section className="panel" aria-labelledby="lan-title" data-testid="lan-page">
      <div className="event__head">
        <h1 id="lan-title">{t('lan.title')}</h1>
        <OpenSpectatorButton url={station.lanUrls[0]} />
      </div>
      <p className="muted">
        {t('lan.intro')} <span data-testid="lan-connected">{tn('lan.connected', connected)}</span>
      </p>
      {station.lanUrls.length === 0 && (
        <p className="alert alert--warn" role="alert">{t('lan.none')}</p>
      )}
      <ul className="lan" data-testid="lan-urls">
        {station.lanUrls.map((url) => <LanUrl key={url} url={url} />)}
      </ul>
    </section>
  );
}

function LanUrl({ url }: { url: string }) {
  const ref = useRef<HTMLElement>(null);
  return (
    <li className="lan__item" data-testid="lan-url">
      <QrImage url={url} />
      <code ref={ref} className="lan__url">{url}</code>
      <CopyButton text={url} target={ref} testId="copy-lan-url" />
    </li>
  );
}
