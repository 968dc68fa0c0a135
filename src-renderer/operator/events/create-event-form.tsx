/**
 * Create an event: title (the id is suggested from it until the operator edits the id), subtitle,
 * location, facility, dates. On success the dashboard opens the new event's page, where its
 * ingest key is waiting for c123-server.
 */
import { useState, type FormEvent } from 'react';
import { errorText } from '../lib/admin-client.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import type { CreateEventInput } from '@wire/admin.ts';
import { formatRoute } from '../lib/route.ts';
import { isValidEventId, suggestEventId } from './event-id.ts';

const OPTIONAL = ['subTitle', 'location', 'facility', 'startDate', 'endDate'] as const;
type Optional = (typeof OPTIONAL)[number];
const LABELS: Record<Optional, string> = {
  subTitle: 'Subtitle', location: 'Location', facility: 'Facility (course)', startDate: 'First day', endDate: 'Last day',
};

export function CreateEventForm() {
  const { client, reloadEvents } = useAdmin();
  const [title, setTitle] = useState('');
  const [eventId, setEventId] = useState('');
  const [idEdited, setIdEdited] = useState(false);
  const [extra, setExtra] = useState<Record<Optional, string>>({ subTitle: '', location: '', facility: '', startDate: '', endDate: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = idEdited ? eventId : suggestEventId(title);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!isValidEventId(id)) {
      setError('The event id must start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 100).');
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
      setError((err as { status?: number }).status === 409 ? `An event with the id “${id}” already exists.` : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="create-title">
      <h1 id="create-title">New event</h1>
      <form className="form-grid" onSubmit={submit} data-testid="create-event-form">
        <label className="field field--wide">
          <span>Title</span>
          <input name="mainTitle" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field">
          <span>Event id <small className="muted">(c123-server uses it)</small></span>
          <input
            name="eventId"
            required
            maxLength={100}
            pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,99}"
            value={id}
            onChange={(e) => {
              setIdEdited(true);
              setEventId(e.target.value);
            }}
          />
        </label>
        {OPTIONAL.map((k) => (
          <label key={k} className="field">
            <span>{LABELS[k]}</span>
            <input
              name={k}
              type={k.endsWith('Date') ? 'date' : 'text'}
              maxLength={200}
              value={extra[k]}
              onChange={(e) => setExtra({ ...extra, [k]: e.target.value })}
            />
          </label>
        ))}
        {error && <p className="alert alert--error field--wide" role="alert" data-testid="create-error">{error}</p>}
        <div className="field--wide">
          <button className="btn btn--primary" type="submit" disabled={busy || !title.trim()} data-testid="create-submit">
            {busy ? 'Creating…' : 'Create event'}
          </button>
        </div>
      </form>
    </section>
  );
}
