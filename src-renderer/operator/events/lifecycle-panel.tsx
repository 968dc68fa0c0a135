/**
 * The event's lifecycle: its status, one button per valid next state (the station's own table,
 * `validNextStates`), a confirmation before `official` (it closes every spectator socket and
 * stops live updates for good), and the history of transitions: when, from what, by whom.
 */
import { useState } from 'react';
import type { EventStatus } from '@wire/api.ts';
import { errorText } from '../lib/admin-client.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import type { AdminEventDetail } from '@wire/admin.ts';
import { ConfirmDialog } from '../lib/confirm-dialog.tsx';
import { clockTime } from '../lib/relative-time.ts';
import { seg } from '../../shared/api-client.ts';
import { statusLabel, transitionLabel } from './status-label.ts';

export function LifecyclePanel({ detail, onChanged }: { detail: AdminEventDetail; onChanged(): void }) {
  const { client } = useAdmin();
  const { event, validNextStates, history } = detail;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const move = async (to: EventStatus) => {
    setBusy(true);
    setError(null);
    try {
      await client.request('PATCH', `/admin/events/${seg(event.eventId)}/status`, { status: to });
      setConfirming(false);
      onChanged();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="lifecycle-title" data-testid="lifecycle-panel">
      <h2 id="lifecycle-title">Status</h2>
      <p>
        Now: <span className={`badge badge--st-${event.status}`} data-testid="event-status">{statusLabel[event.status]}</span>{' '}
        <span className="muted">since {clockTime(event.statusChangedAt)}</span>
      </p>
      <div className="actions">
        {validNextStates.length === 0 && <p className="muted">Official: no further changes.</p>}
        {validNextStates.map((to) => (
          <button
            key={to}
            type="button"
            className={to === 'official' ? 'btn btn--primary' : 'btn'}
            disabled={busy}
            data-testid={`status-to-${to}`}
            onClick={() => (to === 'official' ? setConfirming(true) : void move(to))}
          >
            {transitionLabel(event.status, to)}
          </button>
        ))}
      </div>
      {error && <p className="alert alert--error" role="alert" data-testid="status-error">{error}</p>}
      <h3>History</h3>
      {history.length === 0 ? (
        <p className="muted">Created as a draft; no changes yet.</p>
      ) : (
        <ol className="history" data-testid="status-history" reversed>
          {[...history].reverse().map((h, i) => (
            <li key={`${h.at}-${i}`}>
              <span className="num">{clockTime(h.at)}</span> {statusLabel[h.from]} → <strong>{statusLabel[h.to]}</strong>{' '}
              <span className="muted">by {h.by === 'ingest' ? 'c123-server' : h.by}</span>
            </li>
          ))}
        </ol>
      )}
      <ConfirmDialog
        open={confirming}
        title="Mark the event official?"
        confirmLabel="Mark official"
        busy={busy}
        testId="confirm-official"
        onConfirm={() => void move('official')}
        onCancel={() => setConfirming(false)}
      >
        <p>
          “{event.mainTitle}” becomes official: its results are final, live updates stop, and every spectator connection is
          closed after a short grace. Results stay readable. This cannot be undone.
        </p>
        {error && <p className="alert alert--error" role="alert">{error}</p>}
      </ConfirmDialog>
    </section>
  );
}
