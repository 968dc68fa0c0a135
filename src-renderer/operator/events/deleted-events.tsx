/**
 * Deleted events: a delete never destroys anything, it moves the event aside (hidden from
 * spectators, from c123-server and from the events list). Here the operator sees every kept copy
 * (when, by whom, in which status, how many result rows) and restores it. When c123-server has
 * created the same id again meanwhile, the copy is restored under another id the operator gives.
 */
import { useState } from 'react';
import type { AdminEvent, DeletedEvent } from '@wire/admin.ts';
import { ApiError } from '../../shared/api-client.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { clockTime } from '../../shared/staff/relative-time.ts';
import { formatRoute } from '../lib/route.ts';
import { usePoll } from '../../shared/staff/use-poll.ts';
import { isValidEventId } from './event-id.ts';
import { statusLabel } from '../../shared/staff/status-label.ts';

export const DELETED_POLL_MS = 5000;

export function DeletedEvents() {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client } = useAdmin();
  const list = usePoll(() => client.request<{ deletedEvents: DeletedEvent[] }>('GET', '/admin/deleted-events'), DELETED_POLL_MS, [client]);
  const kept = list.data?.deletedEvents ?? [];

  return (
    <section className="panel" aria-labelledby="deleted-title" data-testid="deleted-events">
      <h2 id="deleted-title">{t('deleted.title')}</h2>
      <p className="muted">{t('deleted.intro')}</p>
      {list.error != null && (
        <p className="alert alert--error" role="alert">
          {errorText(list.error, i18n)}
        </p>
      )}
      {list.data && kept.length === 0 && <p className="muted">{t('deleted.none')}</p>}
      {kept.length > 0 && (
        <ul className="races" data-testid="deleted-list">
          {kept.map((d) => (
            <DeletedRow key={d.deletedId} kept={d} onRestored={list.reload} />
          ))}
        </ul>
      )}
    </section>
  );
}

function DeletedRow({ kept, onRestored }: { kept: DeletedEvent; onRestored(): void }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client, reloadEvents } = useAdmin();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Set when the event's own id was taken again (409): restore under the id typed here.
  const [newId, setNewId] = useState<string | null>(null);

  const restore = async () => {
    if (newId !== null && !isValidEventId(newId)) return setError(t('create.badId'));
    setBusy(true);
    setError(null);
    try {
      const body = newId === null ? {} : { eventId: newId };
      const { event } = await client.request<{ event: AdminEvent }>('POST', `/admin/deleted-events/${kept.deletedId}/restore`, body);
      reloadEvents();
      onRestored();
      location.hash = formatRoute({ page: 'event', eventId: event.eventId });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setNewId((id) => id ?? `${kept.eventId}-restored`);
        setError(t('deleted.idTaken', { id: newId ?? kept.eventId }));
      } else setError(errorText(err, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="races__item" data-testid="deleted-event" data-event-id={kept.eventId}>
      <span className="races__name">
        <strong>{kept.mainTitle}</strong> <code>{kept.eventId}</code> <span className={`badge badge--st-${kept.status}`}>{statusLabel(kept.status, i18n)}</span>
        <br />
        <small className="muted">{t('deleted.when', { at: clockTime(kept.deletedAt), who: t(`actor.${kept.deletedBy}`), n: kept.resultRows })}</small>
        {error && (
          <span className="alert alert--error" role="alert">
            {error}
          </span>
        )}
      </span>
      <span className="actions">
        {newId !== null && (
          <label className="field">
            <span>{t('deleted.newId')}</span>
            <input value={newId} maxLength={100} onChange={(e) => setNewId(e.target.value)} data-testid="restore-id" />
          </label>
        )}
        <button type="button" className="btn" disabled={busy} onClick={() => void restore()} data-testid="restore-event">
          {t('deleted.restore')}
        </button>
      </span>
    </li>
  );
}
