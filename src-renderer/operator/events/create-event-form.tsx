/**
 * Create an event: title (the id is suggested from it until the operator edits the id), subtitle,
 * location, facility, dates. On success the dashboard opens the new event's page, where its
 * ingest key is waiting for c123-server.
 */
import { useState, type FormEvent } from 'react';
import type { CreateEventInput } from '@wire/admin.ts';
import type { OperatorKey } from '../../shared/staff/i18n/messages-en.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { formatRoute } from '../lib/route.ts';
import { EVENT_ID_PATTERN } from '@wire/params.ts';
import { isValidEventId, suggestEventId } from './event-id.ts';

const OPTIONAL = ['subTitle', 'location', 'facility', 'startDate', 'endDate'] as const;
type Optional = (typeof OPTIONAL)[number];
type Failure = { key: OperatorKey; id?: string } | { text: string };

export function CreateEventForm() {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client, reloadEvents } = useAdmin();
  const [title, setTitle] = useState('');
  const [eventId, setEventId] = useState('');
  const [idEdited, setIdEdited] = useState(false);
  const [extra, setExtra] = useState<Record<Optional, string>>({ subTitle: '', location: '', facility: '', startDate: '', endDate: '' });
  const [error, setError] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const id = idEdited ? eventId : suggestEventId(title);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!isValidEventId(id)) {
      setError({ key: 'create.badId' });
      return;
    }
    const body: CreateEventInput = { eventId: id, mainTitle: title.trim() };
    for (const k of OPTIONAL) if (extra[k].trim()) body[k] = extra[k].trim();
    setBusy(true);
    setError(null);
    try {
      await client.request('POST', '/admin/events', body);
      reloadEvents();
      location.hash = formatRoute({ page: 'event', eventId: id });
    } catch (err) {
      setError((err as { status?: number }).status === 409 ? { key: 'create.exists', id } : { text: errorText(err, i18n) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="create-title">
      <h1 id="create-title">{t('create.title')}</h1>
      <form className="form-grid" onSubmit={submit} data-testid="create-event-form">
        <label className="field field--wide">
          <span>{t('field.mainTitle')}</span>
          <input name="mainTitle" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field">
          <span>
            {t('create.eventId')} <small className="muted">{t('create.eventIdHint')}</small>
          </span>
          <input
            name="eventId"
            required
            maxLength={100}
            pattern={EVENT_ID_PATTERN}
            value={id}
            onChange={(e) => {
              setIdEdited(true);
              setEventId(e.target.value);
            }}
          />
        </label>
        {OPTIONAL.map((k) => (
          <label key={k} className="field">
            <span>{t(`field.${k}`)}</span>
            <input
              name={k}
              type={k.endsWith('Date') ? 'date' : 'text'}
              maxLength={200}
              value={extra[k]}
              onChange={(e) => setExtra({ ...extra, [k]: e.target.value })}
            />
          </label>
        ))}
        {error && (
          <p className="alert alert--error field--wide" role="alert" data-testid="create-error">
            {'text' in error ? error.text : t(error.key, { id: error.id })}
          </p>
        )}
        <div className="field--wide">
          <button className="btn btn--primary" type="submit" disabled={busy || !title.trim()} data-testid="create-submit">
            {busy ? t('create.creating') : t('create.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
