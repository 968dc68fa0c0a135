/**
 * The officials PIN: lets chief judges mark races and the event official from a tablet on the
 * LAN (`/officials`). Without a PIN only the operator can do that. The PIN itself is never shown
 * back; the station only says whether one is set.
 */
import { useState, type FormEvent } from 'react';
import { fillNodes } from '../../shared/staff/i18n/fill-nodes.tsx';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { officialsUrls } from '../lan/station-urls.ts';
import { isValidPin } from './settings-fields.ts';

export function OfficialsPinForm({ pinSet, pinShort }: { pinSet: boolean; pinShort: boolean }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client, reloadStation, station } = useAdmin();
  const [pin, setPin] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const save = async (value: string | null) => {
    if (value !== null && !isValidPin(value)) return setNote({ ok: false, text: t('pin.invalid') });
    try {
      await client.request('PATCH', '/admin/settings', { officialsPin: value });
      setPin('');
      setNote({ ok: true, text: value === null ? t('pin.removed') : t('pin.saved') });
      reloadStation();
    } catch (err) {
      setNote({ ok: false, text: errorText(err, i18n) });
    }
  };

  return (
    <section className="panel" aria-labelledby="pin-title">
      <h2 id="pin-title">{t('pin.title')}</h2>
      <p data-testid="pin-state">
        {pinSet ? t('pin.isSet') : t('pin.notSet')}{' '}
        <span className="muted">
          {fillNodes(t('pin.where'), { url: <code data-testid="pin-officials-url">{officialsUrls(station?.lanUrls ?? [], location.origin)[0]}</code> })}
        </span>
      </p>
      {pinShort && (
        <p className="alert alert--warn" role="status" data-testid="pin-short">
          {t('pin.short')}
        </p>
      )}
      <form
        className="actions"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void save(pin.trim());
        }}
      >
        <label className="field">
          <span>{pinSet ? t('pin.newLabel') : t('pin.label')}</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={12}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            data-testid="pin-input"
          />
        </label>
        <button className="btn btn--primary" type="submit" data-testid="pin-save">
          {t('pin.save')}
        </button>
        {pinSet && (
          <button className="btn" type="button" onClick={() => void save(null)}>
            {t('pin.remove')}
          </button>
        )}
      </form>
      {note && (
        <p className={note.ok ? 'ok' : 'alert alert--error'} role="status">
          {note.text}
        </p>
      )}
    </section>
  );
}
