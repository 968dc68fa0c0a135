/**
 * The operator's "official" marks per race. The race list comes from the public event detail
 * (the admin API has no race list), which is published from `startlist` on; a draft has none to
 * show yet. The marks themselves come from the polled admin detail, so they follow changes made
 * on the officials' tablet too.
 */
import { useEffect, useMemo, useState } from 'react';
import type { EventDetailResponse } from '@wire/api.ts';
import { apiGet, seg } from '../../shared/api-client.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import type { AdminEventDetail } from '@wire/admin.ts';
import { officialsUrls } from '../lan/station-urls.ts';
import { RaceOfficialList } from '../../shared/staff/officials/race-official-list.tsx';

export function RaceOfficialPanel({ detail, structureKey, onChanged }: { detail: AdminEventDetail; structureKey: string; onChanged(): void }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client, station } = useAdmin();
  const { eventId, status } = detail.event;
  const [pub, setPub] = useState<EventDetailResponse | null>(null);
  // The failure itself, put into words when shown (in the language chosen by then).
  const [error, setError] = useState<unknown>(null);
  const visible = status !== 'draft';

  useEffect(() => {
    if (!visible) return;
    let alive = true;
    apiGet<EventDetailResponse>(`/events/${seg(eventId)}`)
      .then((d) => alive && (setPub(d), setError(null)))
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [eventId, visible, structureKey]);

  const official = useMemo(() => new Map(detail.officialRaces.map((r) => [r.raceId, r.at])), [detail.officialRaces]);

  return (
    <section className="panel" aria-labelledby="races-title" data-testid="race-official-panel">
      <h2 id="races-title">{t('races.title')}</h2>
      <p className="muted" data-testid="races-officials-url">
        {t('races.officialsAt', { url: officialsUrls(station?.lanUrls ?? [], location.origin)[0] })}
      </p>
      {!visible && <p className="muted">{t('races.unpublished')}</p>}
      {visible && error !== null && (
        <p className="alert alert--error" role="alert">
          {errorText(error, i18n)}
        </p>
      )}
      {visible && pub && (
        <RaceOfficialList
          races={pub.races}
          classes={pub.classes}
          official={official}
          disabled={status === 'official'}
          onToggle={async (raceId, next) => {
            await client.request('PUT', `/admin/events/${seg(eventId)}/races/${seg(raceId)}/official`, { official: next });
            onChanged();
          }}
        />
      )}
    </section>
  );
}
