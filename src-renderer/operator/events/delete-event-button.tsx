/** Delete an event, after a confirmation that names it; then back to the events page. */
import { useState } from 'react';
import type { AdminEvent } from '@wire/admin.ts';
import { seg } from '../../shared/api-client.ts';
import { fillNodes } from '../../shared/staff/i18n/fill-nodes.tsx';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { ConfirmDialog } from '../../shared/staff/confirm-dialog.tsx';

export function DeleteEventButton({ event }: { event: AdminEvent }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
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
      setError(errorText(err, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="btn btn--danger" onClick={() => setOpen(true)} data-testid="delete-event">
        {t('delete.button')}
      </button>
      <ConfirmDialog
        open={open}
        title={t('delete.confirmTitle', { title: event.mainTitle })}
        confirmLabel={t('delete.confirm')}
        danger
        busy={busy}
        testId="confirm-delete"
        onConfirm={() => void remove()}
        onCancel={() => setOpen(false)}
      >
        <p>{fillNodes(t('delete.body'), { id: <code>{event.eventId}</code> })}</p>
        {error && (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
