/**
 * The header's warning when an event's uplink is behind by more than 30 s (the oldest change not
 * yet on the public server): the operator sees it on every page, with a link to the event.
 */
import type { UplinkOverview } from '@wire/uplink.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { formatRoute } from '../lib/route.ts';
import { quietFor } from '../feeds/feed-words.ts';
import { behindUplinks } from './uplink-text.ts';

export function UplinkBehindWarning({ overview }: { overview: UplinkOverview | null }) {
  const i18n = useOperatorI18n();
  const behind = behindUplinks(overview);
  if (behind.length === 0) return null;
  return (
    <p className="topbar__warn" role="alert" data-testid="uplink-behind">
      {behind.map((b, i) => (
        <a key={b.eventId} href={formatRoute({ page: 'event', eventId: b.eventId })}>
          {i > 0 && ' '}
          {i18n.t('uplink.behind', { id: b.eventId, age: quietFor(b.behindMs, i18n) })}
        </a>
      ))}
    </p>
  );
}
