/**
 * Words for event statuses and for the buttons that move between them, in one place for the
 * dashboard and the officials page. The buttons say what happens, not just the target state.
 */
import type { EventStatus } from '@wire/api.ts';
import type { OperatorText } from './i18n/operator-text.ts';

export function statusLabel(status: EventStatus, { t }: Pick<OperatorText, 't'>): string {
  return t(`status.${status}`);
}

/** The label of the button that moves an event from `from` to `to`. */
export function transitionLabel(from: EventStatus, to: EventStatus, { t }: Pick<OperatorText, 't'>): string {
  if (to === 'running' && from === 'finished') return t('move.backToRunning');
  return t(`move.${to}`);
}
