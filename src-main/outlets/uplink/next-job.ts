/**
 * Which request the uplink sends next (pure): the head of the outbox decides.
 *
 * - `xml` → the latest raw export (whichever export was imported last, not the one queued first);
 * - `row` → the run of row items from the head, up to `batchRows`, as one results request, each
 *   row with its value now; a row the station no longer has, or that the target does not need
 *   from us any more, is settled without being sent;
 * - `status` → one step toward the step's target status. The target refuses jumps, so when its
 *   status is known the step sent is the first of the shortest valid path (the lifecycle table
 *   is c123-live-mini's); a step the target already made is settled.
 *
 * A status step is a barrier: rows queued after it wait for it, and rows before it go first, so
 * the target is always in a state that takes what it is sent.
 */
import type { EventStatus } from '../../wire/api.ts';
import type { EventState } from '../../domain/model.ts';
import { transitions } from '../../domain/event-lifecycle.ts';
import { splitRowKey, type OutboxItem, type TargetDialect } from './outbox.ts';
import type { StatusStep } from './outbox-items.ts';
import { resultInput, type ResultInputBody } from './payloads.ts';

export type Job =
  | { kind: 'xml'; items: OutboxItem[]; xml: string }
  | { kind: 'results'; items: OutboxItem[]; rows: ResultInputBody[]; keys: string[] }
  | { kind: 'status'; items: OutboxItem[]; step: StatusStep; send: EventStatus }
  /** Nothing to send for these: settle them. */
  | { kind: 'settle'; items: OutboxItem[] }
  /** The head is the XML but the station holds no raw export to send (see uplink.ts). */
  | { kind: 'waitXml' };

export interface PlanContext {
  state: EventState;
  remoteStatus: EventStatus | null;
  dialect: TargetDialect | null;
  liveRows: ReadonlySet<string>;
  batchRows: number;
  xml(): string | null;
}

export function nextJob(items: readonly OutboxItem[], ctx: PlanContext): Job | null {
  const head = items[0];
  if (!head) return null;
  if (head.kind === 'xml') {
    const xml = ctx.xml();
    return xml ? { kind: 'xml', items: [head], xml } : { kind: 'waitXml' };
  }
  if (head.kind === 'status') {
    const step = JSON.parse(head.payload ?? '{}') as StatusStep;
    if (ctx.remoteStatus === step.to) return { kind: 'settle', items: [head] };
    const path = ctx.remoteStatus ? statusPath(ctx.remoteStatus, step.to) : null;
    return { kind: 'status', items: [head], step, send: path?.[0] ?? step.to };
  }
  const batch: OutboxItem[] = [];
  const rows: ResultInputBody[] = [];
  const keys: string[] = [];
  for (const item of items) {
    if (item.kind !== 'row' || rows.length >= ctx.batchRows) break;
    batch.push(item);
    const { raceId, participantId } = splitRowKey(item.key);
    const row = ctx.state.results.get(raceId)?.get(participantId);
    if (!row || (row.live === null && !ctx.liveRows.has(item.key))) continue;
    rows.push(resultInput(row, ctx.dialect));
    keys.push(item.key);
  }
  return rows.length ? { kind: 'results', items: batch, rows, keys } : { kind: 'settle', items: batch };
}

/** The shortest chain of valid single steps from `from` to `to`, or null when there is none. */
export function statusPath(from: EventStatus, to: EventStatus): EventStatus[] | null {
  if (from === to) return [];
  const previous = new Map<EventStatus, EventStatus>([[from, from]]);
  const queue: EventStatus[] = [from];
  while (queue.length) {
    const at = queue.shift()!;
    for (const next of transitions[at]) {
      if (previous.has(next)) continue;
      previous.set(next, at);
      if (next === to) {
        const path: EventStatus[] = [to];
        for (let s = at; s !== from; s = previous.get(s)!) path.unshift(s);
        return path;
      }
      queue.push(next);
    }
  }
  return null;
}
