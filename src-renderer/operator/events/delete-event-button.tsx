/** Delete an event, after a confirmation that names it; then back to the events page. */
import { useState } from 'react';
import { seg } from '../../shared/api-client.ts';
import { errorText } from '../lib/admin-client.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import type { AdminEvent } from '@wire/admin.ts';
import { ConfirmDialog } from '../lib/confirm-dialog.tsx';

export function DeleteEventButton({ event }: { event: AdminEvent }) {
  const { client, reloadEvents } = useAdmin();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.request('DELETE', `/admin/events/${seg(event.eventId)}`);
      setOpen(false);
      reloadEvents();
      location.hash = '#/';
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="btn btn--danger" onClick={() => setOpen(true)} data-testid="delete-event">Delete event…</button>
      <ConfirmDialog
        open={open}
        title={`Delete “${event.mainTitle}”?`}
        confirmLabel="Delete event"
        danger
        busy={busy}
        testId="confirm-delete"
        onConfirm={() => void remove()}
        onCancel={() => setOpen(false)}
      >
        <p>
          The event <code>{event.eventId}</code>, its results and its ingest key are removed from the station. Connected
          spectators are disconnected and c123-server’s pushes for it will be refused. This cannot be undone.
        </p>
        {error && <p className="alert alert--error" role="alert">{error}</p>}
      </ConfirmDialog>
    </>
  );
}
