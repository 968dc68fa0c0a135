/**
 * The event lifecycle: draft → startlist → running → finished → official, with the reference's
 * two corrections (startlist → draft, finished → running). One table answers the HTTP PATCH, the
 * dashboard's buttons and the ingest guards. Every applied step is kept in the history with who
 * made it and when.
 *
 * Who may do what: the timing feeds (c123-server's ingest key, the direct Canoe123 source) may make
 * any valid step except to `official`, and a forward jump (draft → running) is applied as the
 * chain of valid steps, because c123-server's auto-status sends such jumps. The operator and officials make one valid step at a time,
 * `official` included.
 */
import type { EventStatus } from '../wire/api.ts';
import { reject, type Decision } from './decision.ts';
import type { Actor, EventState, StatusChange } from './model.ts';

export const transitions: Record<EventStatus, readonly EventStatus[]> = {
  draft: ['startlist'],
  startlist: ['running', 'draft'],
  running: ['finished'],
  finished: ['official', 'running'],
  official: [],
};

const forwardOrder: readonly EventStatus[] = ['draft', 'startlist', 'running', 'finished', 'official'];

export type IngestKind = 'xml' | 'results' | 'oncourse';

/** Which ingest each state accepts (c123-live-mini's rules). */
export const ingestAllowed: Record<EventStatus, Record<IngestKind, boolean>> = {
  draft: { xml: true, results: false, oncourse: false },
  startlist: { xml: true, results: false, oncourse: false },
  running: { xml: true, results: true, oncourse: true },
  finished: { xml: true, results: true, oncourse: false },
  official: { xml: false, results: false, oncourse: false },
};

/** c123-server's ingest key and the direct Canoe123 source: the timing, not a person. */
export function isTimingFeed(actor: Actor): boolean {
  return actor === 'ingest' || actor === 'canoe123';
}

export function validNextStates(status: EventStatus, actor: Actor): EventStatus[] {
  return transitions[status].filter((to) => !isTimingFeed(actor) || to !== 'official');
}

export function ingestRejection(status: EventStatus, kind: IngestKind): string | null {
  if (ingestAllowed[status][kind]) return null;
  const label = kind === 'xml' ? 'xml' : `json_${kind}`;
  return `Data type '${label}' not accepted in '${status}' state`;
}

export interface StatusChangeResult {
  previousStatus: EventStatus;
  status: EventStatus;
  statusChangedAt: string;
}

export function decideStatusChange(state: EventState, requested: EventStatus, actor: Actor, now: string): Decision<StatusChangeResult> {
  const from = state.status;
  const detail = { currentStatus: from, requestedStatus: requested, validTransitions: validNextStates(from, actor) };
  if (requested === from) {
    // Idempotent: c123-server re-sends its status after every reconnect.
    return { ok: true, state, changes: [], result: { previousStatus: from, status: from, statusChangedAt: state.statusChangedAt } };
  }
  if (requested === 'official' && isTimingFeed(actor)) {
    return reject('Forbidden', 'Only officials or the operator can make results official', detail);
  }
  const path = stepsTo(from, requested, actor);
  if (!path) {
    const valid = detail.validTransitions;
    return reject(
      'InvalidTransition',
      `Cannot transition from '${from}' to '${requested}'. Valid transitions: ${valid.length ? valid.join(', ') : 'none'}`,
      detail,
    );
  }
  const steps: StatusChange[] = [];
  let at = from;
  for (const to of path) {
    steps.push({ from: at, to, at: now, by: actor });
    at = to;
  }
  const next: EventState = { ...state, status: requested, statusChangedAt: now, history: [...state.history, ...steps] };
  return {
    ok: true,
    state: next,
    changes: [{ type: 'statusChanged', change: { from, to: requested, at: now, by: actor }, steps }],
    result: { previousStatus: from, status: requested, statusChangedAt: now },
  };
}

/** The steps from `from` to `to`: one valid step, or for the ingest key a forward chain. */
function stepsTo(from: EventStatus, to: EventStatus, actor: Actor): EventStatus[] | null {
  if (transitions[from].includes(to)) return [to];
  if (!isTimingFeed(actor)) return null;
  const i = forwardOrder.indexOf(from);
  const j = forwardOrder.indexOf(to);
  if (j <= i) return null;
  return forwardOrder.slice(i + 1, j + 1) as EventStatus[];
}
