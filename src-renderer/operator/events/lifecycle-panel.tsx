/**
 * The event's lifecycle: its status, one button per valid next state (the station's own table,
 * `validNextStates`), a confirmation before `official` (it closes every spectator socket and
 * stops live updates for good), and the history of transitions: when, from what, by whom.
 */
import { useState } from 'react';
import type { EventStatus } from '@wire/api.ts';
import type { AdminEventDetail } from '@wire/admin.ts';
import { seg } from '../../shared/api-client.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { ConfirmOfficialDialog } from '../../shared/staff/officials/confirm-official-dialog.tsx';
import { clockTime } from '../../shared/staff/relative-time.ts';
import { statusLabel, transitionLabel } from '../../shared/staff/status-label.ts';

export function LifecyclePanel({ detail, onChanged }: { detail: AdminEventDetail; onChanged(): void }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
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
      setError(errorText(err, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="lifecycle-title" data-testid="lifecycle-panel">
      <h2 id="lifecycle-title">{t('lifecycle.title')}</h2>
      <p>
        {t('lifecycle.now')}{' '}
        <span className={`badge badge--st-${event.status}`} data-testid="event-status">
          {statusLabel(event.status, i18n)}
        </span>{' '}
        <span className="muted">{t('lifecycle.since', { time: clockTime(event.statusChangedAt) })}</span>
      </p>
      <div className="actions">
        {validNextStates.length === 0 && <p className="muted">{t('lifecycle.final')}</p>}
        {validNextStates.map((to) => (
          <button
            key={to}
            type="button"
            className={to === 'official' ? 'btn btn--primary' : 'btn'}
            disabled={busy}
            data-testid={`status-to-${to}`}
            onClick={() => (to === 'official' ? setConfirming(true) : void move(to))}
          >
            {transitionLabel(event.status, to, i18n)}
          </button>
        ))}
      </div>
      {error && (
        <p className="alert alert--error" role="alert" data-testid="status-error">
          {error}
        </p>
      )}
      <h3>{t('lifecycle.history')}</h3>
      {history.length === 0 ? (
        <p className="muted">{t('lifecycle.noHistory')}</p>
      ) : (
        <ol className="history" data-testid="status-history" reversed>
          {[...history].reverse().map((h, i) => (
            <li key={`${h.at}-${i}`}>
              <span className="num">{clockTime(h.at)}</span> {statusLabel(h.from, i18n)} → <strong>{statusLabel(h.to, i18n)}</strong>{' '}
              <span className="muted">{t('lifecycle.by', { who: t(`actor.${h.by}`) })}</span>
            </li>
          ))}
        </ol>
      )}
      <ConfirmOfficialDialog open={confirming} busy={busy} error={error} onConfirm={() => void move('official')} onCancel={() => setConfirming(false)}>
        {t('official.body', { title: event.mainTitle })}
      </ConfirmOfficialDialog>
    </section>
  );
}
