/**
 * How people reach the station on the venue network: its URL on every network interface for
 * spectators and for officials (`/officials`), each with a QR code to show on a screen or print,
 * a button to open the spectator view, and a warning when the station listens only on this
 * computer so none of these addresses would work. Below, the device addresses holding the most
 * live connections: one address holding many means the Wi-Fi puts every phone behind one address
 * (NAT), and the per-address limit must go up.
 */
import { useRef } from 'react';
import type { ConnectionsInfo } from '@wire/admin.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { CopyButton } from '../lib/copy-button.tsx';
import { formatRoute } from '../lib/route.ts';
import { LoopbackWarning } from './loopback-warning.tsx';
import { OpenSpectatorButton } from './open-spectator-button.tsx';
import { QrImage } from './qr-image.tsx';
import { officialsUrls } from './station-urls.ts';

export function LanPage({ connections }: { connections: ConnectionsInfo | null }) {
  const { t, tn } = useOperatorI18n();
  const { station } = useAdmin();
  if (!station)
    return (
      <section className="panel">
        <p className="muted">{t('common.loading')}</p>
      </section>
    );
  const connected = Object.values(connections?.connections ?? station.connections).reduce((a, b) => a + b, 0);
  return (
    <div className="lanpage" data-testid="lan-page">
      <h1 className="lanpage__title">{t('lan.pageTitle')}</h1>
      <LoopbackWarning />
      <section className="panel" aria-labelledby="lan-title">
        <div className="event__head">
          <h2 id="lan-title">{t('lan.title')}</h2>
          <OpenSpectatorButton url={station.lanUrls[0]} />
        </div>
        <p className="muted">
          {t('lan.intro')} <span data-testid="lan-connected">{tn('lan.connected', connected)}</span>
        </p>
        {station.lanUrls.length === 0 && (
          <p className="alert alert--warn" role="alert">
            {t('lan.none')}
          </p>
        )}
        <ul className="lan" data-testid="lan-urls">
          {station.lanUrls.map((url) => (
            <LanUrl key={url} url={url} testId="lan-url" />
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="officials-lan-title" data-testid="officials-lan">
        <h2 id="officials-lan-title">{t('lan.officialsTitle')}</h2>
        <p className="muted">{t('lan.officialsIntro')}</p>
        {!station.officialsPinSet && (
          <p className="alert alert--warn" data-testid="officials-no-pin">
            {t('lan.noPin')} <a href={formatRoute({ page: 'settings' })}>{t('nav.settings')}</a>
          </p>
        )}
        <ul className="lan" data-testid="officials-urls">
          {officialsUrls(station.lanUrls, location.origin).map((url) => (
            <LanUrl key={url} url={url} testId="officials-url" />
          ))}
        </ul>
      </section>
      {connections && <AddressList info={connections} />}
    </div>
  );
}

/** Share of the per-address limit from which one address is called out as a NAT. */
const NAT_SHARE = 0.75;

function AddressList({ info }: { info: ConnectionsInfo }) {
  const { t } = useOperatorI18n();
  const max = info.maxConnectionsPerAddress;
  const crowded = info.topAddresses.some((a) => a.sockets >= Math.max(2, Math.floor(max * NAT_SHARE)));
  return (
    <section className="panel" aria-labelledby="addresses-title" data-testid="address-list">
      <h2 id="addresses-title">{t('addresses.title')}</h2>
      <p className="muted">{t('addresses.intro', { max })}</p>
      {crowded && (
        <p className="alert alert--warn" role="status" data-testid="nat-warning">
          {t('addresses.natWarning', { max })}
        </p>
      )}
      {info.topAddresses.length === 0 ? (
        <p className="muted">{t('addresses.none')}</p>
      ) : (
        <table className="feeds">
          <thead>
            <tr>
              <th scope="col">{t('addresses.address')}</th>
              <th scope="col">{t('addresses.sockets')}</th>
            </tr>
          </thead>
          <tbody>
            {info.topAddresses.map((a) => (
              <tr key={a.address} data-testid="address-row">
                <th scope="row">
                  <code>{a.address}</code>
                </th>
                <td className="num">
                  {a.sockets} / {max}
                  {a.sockets >= max && <span className="badge badge--warn">{t('addresses.atLimit')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function LanUrl({ url, testId }: { url: string; testId: string }) {
  const ref = useRef<HTMLElement>(null);
  return (
    <li className="lan__item" data-testid={testId}>
      <QrImage url={url} />
      <code ref={ref} className="lan__url">
        {url}
      </code>
      <CopyButton text={url} target={ref} testId={`copy-${testId}`} />
    </li>
  );
}
