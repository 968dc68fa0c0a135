/**
 * One event for an official: the races with their official switches, and "Mark event official"
 * (after a confirmation) once the event is finished. Re-read every 3 s so marks made at the
 * station appear here too.
 */
import { useMemo, useState } from 'react';
import type { EventDetailResponse } from '@wire/api.ts';
import { apiGet, seg } from '../shared/api-client.ts';
import { useOperatorI18n } from '../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../shared/staff/error-text.ts';
import { type AdminClient } from '../shared/api-client.ts';
import { ConfirmOfficialDialog } from '../shared/staff/officials/confirm-official-dialog.tsx';
import { usePoll } from '../shared/staff/use-poll.ts';
import { RaceOfficialList } from '../shared/staff/officials/race-official-list.tsx';
import { statusLabel } from '../shared/staff/status-label.ts';

export function OfficialsEvent({ eventId, client }: { eventId: string; client: AdminClient }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const detail = usePoll(() => apiGet<EventDetailResponse>(`/events/${seg(eventId)}`), 3000, [eventId]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const official = useMemo(() => new Map((detail.data?.races ?? []).filter((r) => r.officialAt).map((r) => [r.raceId, r.officialAt!])), [detail.data]);

  if (!detail.data) {
    return (
      <section className="panel">
        <a href="#/">{t('officials.back')}</a>
        <p className={detail.error ? 'alert alert--error' : 'muted'}>{detail.error ? errorText(detail.error, i18n) : t('common.loading')}</p>
      </section>
    );
  }
  const { event, races, classes } = detail.data;

  const markOfficial = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.request('PATCH', `/admin/events/${seg(eventId)}/status`, { status: 'official' });
      setConfirming(false);
      detail.reload();
    } catch (err) {
      setError(errorText(err, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <section className="panel" data-testid="officials-event" data-status={event.status}>
        <a href="#/">{t('officials.back')}</a>
        <h1>{event.mainTitle}</h1>
        <p>
          <span className={`badge badge--st-${event.status}`} data-testid="officials-event-status">
            {statusLabel(event.status, i18n)}
          </span>
        </p>
        {event.status === 'finished' && (
          <button type="button" className="btn btn--primary" onClick={() => setConfirming(true)} data-testid="officials-mark-event">
            {t('officials.markEvent')}
          </button>
        )}
        {event.status === 'running' && <p className="muted">{t('officials.notYet')}</p>}
        {error && (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        )}
      </section>
      <section className="panel" aria-labelledby="officials-races">
        <h2 id="officials-races">{t('officials.races')}</h2>
        <RaceOfficialList
          races={races}
          classes={classes}
          official={official}
          disabled={event.status === 'official'}
          onToggle={async (raceId, next) => {
            await client.request('PUT', `/admin/events/${seg(eventId)}/races/${seg(raceId)}/official`, { official: next });
            detail.reload();
          }}
        />
      </section>
      <ConfirmOfficialDialog open={confirming} busy={busy} error={error} onConfirm={() => void markOfficial()} onCancel={() => setConfirming(false)}>
        {t('officials.confirmBody', { title: event.mainTitle })}
      </ConfirmOfficialDialog>
    </>
  );
}
