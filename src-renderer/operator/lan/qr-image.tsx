/**
 * A QR code of a URL as an `<img>` with an SVG data URL: the page's CSP allows `data:` images
 * but no inline script, and nothing from outside the station. Built once per URL.
 */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';

export function QrImage({ url, size = 220 }: { url: string; size?: number }) {
  const { t } = useOperatorI18n();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
      .then((svg) => alive && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => alive && setSrc(null));
    return () => {
      alive = false;
    };
  }, [url]);
  if (!src) return <div className="qr qr--empty" style={{ width: size, height: size }} />;
  return <img className="qr" src={src} width={size} height={size} alt={t('lan.qrAlt', { url })} data-testid="qr-code" />;
}
