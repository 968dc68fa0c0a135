/**
 * The event page before it has an event to show: not found (a wrong or old link), or loading
 * (and, while the network fails, saying so). It never shows stale data of another event.
 */
import type { LoadError } from '../../shared/live/live-event-state.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';

export function EventStatus({ error }: { error: LoadError }) {
  const { t } = useI18n();
  if (error === 'EventNotFound') {
    return (
      <main id="main" tabIndex={-1} className="page">
        <p role="alert" data-testid="event-error">
          {t('error.eventNotFound')}
        </p>
      </main>
    );
  }
  return (
    <main id="main" tabIndex={-1} className="page" aria-busy="true">
      <p data-testid="event-loading">{error ? t('error.network') : t('common.loading')}</p>
    </main>
  );
}
