/**
 * Words for event statuses and for the buttons that move between them, in one place for the
 * dashboard and the officials page. The buttons say what happens, not just the target state.
 */
import type { EventStatus } from '@wire/api.ts';

export const statusLabel: Record<EventStatus, string> = {
  draft: 'Draft (hidden)',
  startlist: 'Startlist',
  running: 'Running',
  finished: 'Finished',
  official: 'Official',
};

/** The label of the button that moves an event from `from` to `to`. */
export function transitionLabel(from: EventStatus, to: EventStatus): string {
  if (to === 'startlist') return 'Publish startlist';
  if (to === 'draft') return 'Back to draft (hide)';
  if (to === 'running') return from === 'finished' ? 'Back to running' : 'Start: running';
  if (to === 'finished') return 'Finish';
  return 'Mark event official…';
}
