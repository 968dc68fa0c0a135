/**
 * The station's activity log: what it did (imports, status changes, settings) and what it
 * refused, newest first, polled every 2 s. On an event's page it shows only that event's lines.
 * The lines are the station's own words (English); their level badge is translated.
 */
import { useAdmin } from '../lib/admin-context.tsx';
import type { ActivityEntry } from '@wire/admin.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { clockTime } from '../../shared/staff/relative-time.ts';
import { usePoll } from '../../shared/staff/use-poll.ts';

export const ACTIVITY_POLL_MS = 2000;

export function ActivityPanel({ title, eventId, limit, compact }: { title: string; eventId?: string; limit: number; compact?: boolean }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client } = useAdmin();
  const log = usePoll(() => client.request<{ entries: ActivityEntry[] }>('GET', `/admin/activity?limit=${eventId ? 500 : limit}`), ACTIVITY_POLL_MS, [
    client,
    eventId,
    limit,
  ]);
  const entries = (log.data?.entries ?? []).filter((e) => !eventId || e.eventId === eventId).slice(0, limit);
  const Heading = compact ? 'h2' : 'h1';

  return (
    <section className={compact ? 'panel panel--wide' : 'panel'} aria-labelledby="activity-title" data-testid="activity-panel">
      <Heading id="activity-title">{title}</Heading>
      {log.error != null && (
        <p className="alert alert--error" role="alert">
          {errorText(log.error, i18n)}
        </p>
      )}
      {log.data && entries.length === 0 && <p className="muted">{t('common.nothingYet')}</p>}
      {/* Scrolls when long: focusable, so a keyboard can scroll it too. */}
      <ol className={compact ? 'activity activity--compact' : 'activity'} data-testid="activity-list" tabIndex={0} aria-labelledby="activity-title">
        {entries.map((e) => (
          <li key={e.id} className={`activity__item activity__item--${e.level}`}>
            <span className="num activity__at">{clockTime(e.at)}</span>
            {e.level !== 'info' && <span className={`badge badge--${e.level}`}>{t(`activity.level.${e.level}`)}</span>}
            {!eventId && e.eventId && <code className="activity__event">{e.eventId}</code>}
            <span className="activity__msg">{e.message}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
