/**
 * Station settings: port (applies at the next start), connections per event, heartbeat and its
 * timeout, the grace before an official event's sockets close, the default merge strategy for
 * new events, and the officials PIN.
 */
import { useState, type FormEvent } from 'react';
import { mergeStrategies, type MergeStrategy } from '@wire/api.ts';
import { errorText } from '../lib/admin-client.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import type { StationInfo } from '@wire/admin.ts';
import { mergeStrategyLabel } from './merge-strategy-label.ts';
import { OfficialsPinForm } from './officials-pin-form.tsx';
import { settingsPatch, settingsValues, type SettingsErrors, type SettingsValues } from './settings-fields.ts';

const NUMBER_FIELDS: { key: Exclude<keyof SettingsValues, 'defaultMergeStrategy'>; label: string; hint: string }[] = [
  { key: 'port', label: 'Port', hint: 'Applies at the next start of the station.' },
  { key: 'maxConnectionsPerEvent', label: 'Spectators per event', hint: 'More are refused (503) until someone leaves.' },
  { key: 'heartbeatS', label: 'Heartbeat (s)', hint: 'How often the station pings each phone.' },
  { key: 'heartbeatTimeoutS', label: 'Heartbeat timeout (s)', hint: 'A phone that does not answer a ping in time is dropped.' },
  { key: 'officialGraceS', label: 'Official grace (s)', hint: 'Time between “official” and closing the spectators’ connections.' },
];

export function SettingsPage() {
  const { station } = useAdmin();
  if (!station) return <section className="panel"><p className="muted">Loading…</p></section>;
  return (
    <div className="grid">
      <StationSettingsForm station={station} />
      <OfficialsPinForm pinSet={station.officialsPinSet} />
    </div>
  );
}

function StationSettingsForm({ station }: { station: StationInfo }) {
  const { client, reloadStation } = useAdmin();
  const [values, setValues] = useState(() => settingsValues(station.settings));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { patch, errors } = settingsPatch(values, station.settings);
    setErrors(errors);
    if (Object.keys(errors).length) return setNote({ ok: false, text: 'Fix the marked fields.' });
    if (!Object.keys(patch).length) return setNote({ ok: true, text: 'Nothing changed.' });
    try {
      await client.request('PATCH', '/admin/settings', patch);
      setNote({ ok: true, text: patch.port !== undefined ? 'Saved. The new port applies at the next start.' : 'Saved.' });
      reloadStation();
    } catch (err) {
      setNote({ ok: false, text: errorText(err) });
    }
  };

  return (
    <section className="panel" aria-labelledby="settings-title">
      <h1 id="settings-title">Station settings</h1>
      <p className="muted">
        Listening on {station.settings.host}, port {location.port || station.settings.port}
        {String(station.settings.port) !== (location.port || String(station.settings.port)) && ` (configured: ${station.settings.port})`}.
      </p>
      <form className="form-grid" onSubmit={submit} noValidate data-testid="settings-form">
        {NUMBER_FIELDS.map((f) => (
          <label key={f.key} className="field">
            <span>{f.label}</span>
            <input
              name={f.key}
              inputMode="decimal"
              value={values[f.key]}
              aria-invalid={errors[f.key] ? true : undefined}
              aria-describedby={`${f.key}-hint`}
              onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
            />
            <small id={`${f.key}-hint`} className={errors[f.key] ? 'field__error' : 'muted'}>{errors[f.key] ?? f.hint}</small>
          </label>
        ))}
        <label className="field field--wide">
          <span>Merge strategy for new events</span>
          <select
            name="defaultMergeStrategy"
            value={values.defaultMergeStrategy}
            onChange={(e) => setValues({ ...values, defaultMergeStrategy: e.target.value as MergeStrategy })}
          >
            {mergeStrategies.map((s) => <option key={s} value={s}>{mergeStrategyLabel[s]}</option>)}
          </select>
        </label>
        <div className="field--wide actions">
          <button className="btn btn--primary" type="submit" data-testid="settings-save">Save settings</button>
          {note && <span className={note.ok ? 'ok' : 'alert alert--error'} role="status" data-testid="settings-note">{note.text}</span>}
        </div>
      </form>
    </section>
  );
}
