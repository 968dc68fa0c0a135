/**
 * The uplink's settings: the server's address, the event id there, its ingest key (write-only:
 * the station never shows it back; left empty, the saved one is kept) and on/off. Saving again
 * lifts a pause. "Test connection" checks the values in the form without changing anything on
 * the server; "remove" stops the uplink and drops what waits.
 */
import { useState, type FormEvent } from 'react';
import type { UplinkSettingsInput, UplinkStatus, UplinkTestResult } from '@wire/uplink.ts';
import { seg } from '../../shared/api-client.ts';
import { statusLabel } from '../../shared/staff/status-label.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import type { OperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { uplinkErrorSentence } from './uplink-text.ts';

export function UplinkForm({ eventId, status, onChanged }: { eventId: string; status: UplinkStatus; onChanged(): void }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client } = useAdmin();
  const path = `/admin/events/${seg(eventId)}/uplink`;
  const [url, setUrl] = useState(status.url ?? '');
  const [remoteEventId, setRemoteEventId] = useState(status.remoteEventId ?? eventId);
  const [apiKey, setApiKey] = useState('');
  const [enabled, setEnabled] = useState(status.configured ? status.enabled : true);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const values = (): UplinkSettingsInput => ({
    url: url.trim(),
    remoteEventId: remoteEventId.trim(),
    enabled,
    ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
  });
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setNote(null);
    try {
      setNote({ ok: true, text: await work() });
    } catch (err) {
      setNote({ ok: false, text: errorText(err, i18n) });
    } finally {
      setBusy(false);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await client.request<UplinkStatus>('PUT', path, values());
      setApiKey('');
      onChanged();
      return t('common.saved');
    });
  };
  const test = () =>
    void run(async () => {
      const r = await client.request<UplinkTestResult>('POST', `${path}/test`, values());
      if (!r.ok) throw new Error(testSentence(r, i18n));
      return testSentence(r, i18n);
    });
  const remove = () =>
    void run(async () => {
      await client.request<UplinkStatus>('DELETE', path);
      onChanged();
      return t('uplink.removed');
    });

  return (
    <form className="form-grid" onSubmit={save} data-testid="uplink-form">
      <p className="muted field--wide">{t('uplink.intro')}</p>
      <label className="field field--wide">
        <span>{t('uplink.url')}</span>
        <input type="url" required maxLength={500} placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} data-testid="uplink-url" />
      </label>
      <label className="field">
        <span>{t('uplink.remoteEventId')}</span>
        <input required maxLength={200} value={remoteEventId} onChange={(e) => setRemoteEventId(e.target.value)} data-testid="uplink-remote-event" />
      </label>
      <label className="field">
        <span>{t('uplink.apiKey')}</span>
        <input
          type="password"
          autoComplete="off"
          required={!status.keySet}
          maxLength={500}
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          data-testid="uplink-key"
        />
        {status.keySet && <small className="muted">{t('uplink.apiKeySaved')}</small>}
      </label>
      <label className="switch field--wide">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="uplink-enabled" />
        {t('uplink.enabled')}
      </label>
      <div className="field--wide actions">
        <button className="btn btn--primary" type="submit" disabled={busy} data-testid="uplink-save">
          {t('uplink.save')}
        </button>
        <button className="btn" type="button" disabled={busy || !url.trim()} onClick={test} data-testid="uplink-test">
          {busy ? t('uplink.testing') : t('uplink.test')}
        </button>
        {status.configured && (
          <button className="btn" type="button" disabled={busy} onClick={remove} data-testid="uplink-remove">
            {t('uplink.remove')}
          </button>
        )}
      </div>
      {note && (
        <p className={`field--wide ${note.ok ? 'alert alert--ok' : 'alert alert--error'}`} role="status" data-testid="uplink-note">
          {note.text}
        </p>
      )}
    </form>
  );
}

function testSentence(r: UplinkTestResult, i18n: OperatorI18n): string {
  const { t } = i18n;
  const sentence = r.error ? uplinkErrorSentence(r.error, i18n) : '';
  if (!r.reachable) return t('uplink.test.unreachable', { sentence });
  if (r.ok)
    return t('uplink.test.ok', {
      ms: r.latencyMs ?? 0,
      status: r.remoteStatus && r.remoteStatus !== 'draft' ? statusLabel(r.remoteStatus, i18n) : t('uplink.test.draft'),
    });
  if (r.keyAccepted === false) return t('uplink.test.keyRefused', { ms: r.latencyMs ?? 0, sentence });
  return t('uplink.test.partly', { ms: r.latencyMs ?? 0, sentence: sentence || (r.error?.message ?? '') });
}
