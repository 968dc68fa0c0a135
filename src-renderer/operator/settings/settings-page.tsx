/**
 * Station settings: port (applies at the next start), connections per event and per client
 * address, heartbeat and its
 * timeout, the grace before an official event's sockets close, the default merge strategy for
 * new events, the officials PIN, and the sign-in attempts the station refused.
 */
import { useState, type FormEvent } from 'react';
import { mergeStrategies, type MergeStrategy } from '@wire/api.ts';
import type { StationInfo } from '@wire/admin.ts';
import type { OperatorKey } from '../../shared/staff/i18n/messages-en.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { LoopbackWarning } from '../lan/loopback-warning.tsx';
import { OfficialsPinForm } from './officials-pin-form.tsx';
import { SignInPanel } from './sign-in-panel.tsx';
import { settingsPatch, settingsValues, type SettingsErrors, type SettingsValues } from './settings-fields.ts';

const NUMBER_FIELDS: { key: Exclude<keyof SettingsValues, 'defaultMergeStrategy'>; label: OperatorKey; hint: OperatorKey }[] = [
  { key: 'port', label: 'settings.port', hint: 'settings.portHint' },
  { key: 'maxConnectionsPerEvent', label: 'settings.maxConnections', hint: 'settings.maxConnectionsHint' },
  { key: 'maxConnectionsPerAddress', label: 'settings.maxPerAddress', hint: 'settings.maxPerAddressHint' },
  { key: 'heartbeatS', label: 'settings.heartbeat', hint: 'settings.heartbeatHint' },
  { key: 'heartbeatTimeoutS', label: 'settings.heartbeatTimeout', hint: 'settings.heartbeatTimeoutHint' },
  { key: 'officialGraceS', label: 'settings.grace', hint: 'settings.graceHint' },
];

export function SettingsPage() {
  const { t } = useOperatorI18n();
  const { station } = useAdmin();
  if (!station)
    return (
      <section className="panel">
        <p className="muted">{t('common.loading')}</p>
      </section>
    );
  return (
    <div className="grid">
      <StationSettingsForm station={station} />
      <OfficialsPinForm pinSet={station.officialsPinSet} pinShort={station.officialsPinShort} />
      <SignInPanel status={station.signIn} />
    </div>
  );
}

function StationSettingsForm({ station }: { station: StationInfo }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client, reloadStation } = useAdmin();
  const [values, setValues] = useState(() => settingsValues(station.settings));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { patch, errors } = settingsPatch(values, station.settings);
    setErrors(errors);
    if (Object.keys(errors).length) return setNote({ ok: false, text: t('settings.fix') });
    if (!Object.keys(patch).length) return setNote({ ok: true, text: t('common.nothingChanged') });
    try {
      await client.request('PATCH', '/admin/settings', patch);
      setNote({ ok: true, text: patch.port !== undefined ? t('settings.savedPort') : t('common.saved') });
      reloadStation();
    } catch (err) {
      setNote({ ok: false, text: errorText(err, i18n) });
    }
  };

  const { host, port: configured } = station.settings;
  const port = location.port || String(configured);
  return (
    <section className="panel" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <p className="muted">
        {String(configured) !== port ? t('settings.listeningConfigured', { host, port, configured }) : t('settings.listening', { host, port })}
      </p>
      <LoopbackWarning />
      <form className="form-grid" onSubmit={submit} noValidate data-testid="settings-form">
        {NUMBER_FIELDS.map((f) => {
          const error = errors[f.key];
          return (
            <label key={f.key} className="field">
              <span>{t(f.label)}</span>
              <input
                name={f.key}
                inputMode="decimal"
                value={values[f.key]}
                aria-invalid={error ? true : undefined}
                aria-describedby={`${f.key}-hint`}
                onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
              />
              <small id={`${f.key}-hint`} className={error ? 'field__error' : 'muted'}>
                {t(error ?? f.hint)}
              </small>
            </label>
          );
        })}
        <label className="field field--wide">
          <span>{t('settings.mergeDefault')}</span>
          <select
            name="defaultMergeStrategy"
            value={values.defaultMergeStrategy}
            onChange={(e) => setValues({ ...values, defaultMergeStrategy: e.target.value as MergeStrategy })}
          >
            {mergeStrategies.map((s) => (
              <option key={s} value={s}>
                {t(`merge.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="field--wide actions">
          <button className="btn btn--primary" type="submit" data-testid="settings-save">
            {t('settings.save')}
          </button>
          {note && (
            <span className={note.ok ? 'ok' : 'alert alert--error'} role="status" data-testid="settings-note">
              {note.text}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
