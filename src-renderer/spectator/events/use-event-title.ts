/** The browser tab says which event it shows ("<event> · Raceside"), once the event is known. */
import { useEffect } from 'react';
import type { PublicEventDetail } from '@wire/api.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';

export function useEventTitle(event: PublicEventDetail | null): void {
  const { t } = useI18n();
  useEffect(() => {
    if (event) document.title = `${event.mainTitle} · ${t('app.name')}`;
  }, [event, t]);
}
