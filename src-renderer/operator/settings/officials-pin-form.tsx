/**
 * The officials PIN: lets chief judges mark races and the event official from a tablet on the
 * LAN (`/officials`). Without a PIN only the operator can do that. The PIN itself is never shown
 * back; the station only says whether one is set.
 */
import { useState, type FormEvent } from 'react';
import { errorText } from '../lib/admin-client.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { isValidPin } from './settings-fields.ts';

export function OfficialsPinForm({ pinSet }: { pinSet: boolean }) {
  const { client, reloadStation } = useAdmin();
  const [pin, setPin] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const save = async (value: string | null) => {
    if (value !== null && !isValidPin(value)) return setNote({ ok: false, text: 'The PIN is 4 to 12 digits.' });
    try {
      await client.request('PATCH', '/admin/settings', { officialsPin: value });
      setPin('');
      setNote({ ok: true, text: value === null ? 'PIN removed: only the operator can mark results official.' : 'PIN saved.' });
      reloadStation();
    } catch (err) {
      setNote({ ok: false, text: errorText(err) });
    }
  };

  return (
    <section className="panel" aria-labelledby="pin-title">
      <h2 id="pin-title">Officials PIN</h2>
      <p data-testid="pin-state">
        {pinSet ? 'A PIN is set.' : 'No PIN is set.'}{' '}
        <span className="muted">Officials sign in at <code>{location.origin}/officials</code>.</span>
      </p>
      <form
        className="actions"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void save(pin.trim());
        }}
      >
        <label className="field">
          <span>{pinSet ? 'New PIN' : 'PIN'} (4–12 digits)</span>
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
        <button className="btn btn--primary" type="submit" data-testid="pin-save">Save PIN</button>
        {pinSet && <button className="btn" type="button" onClick={() => void save(null)}>Remove PIN</button>}
      </form>
      {note && <p className={note.ok ? 'ok' : 'alert alert--error'} role="status">{note.text}</p>}
    </section>
  );
}
