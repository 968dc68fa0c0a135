/**
 * What a domain function returns: the new state and the list of changes, or a rejection carrying
 * an error code. Changes are past-tense events; the store persists them in one transaction and the
 * spectator hub turns them into WebSocket messages. Nothing here performs I/O.
 *
 * A decision with no changes may still return a new state, but only for memory-only fields that
 * are neither stored nor shown (an on-course rider's `lastSeen`): the core keeps that state and
 * neither commits nor publishes anything.
 */
import type { ErrorCode } from '../wire/errors.ts';
import type { EventImage, EventMeta, EventState, ResultRow, StatusChange, Structure, RaceOfficialMark } from './model.ts';

export type Change =
  | { type: 'eventCreated' }
  | { type: 'eventDeleted' }
  | { type: 'metaChanged'; meta: EventMeta }
  | { type: 'imagesChanged'; images: EventImage[] }
  | { type: 'structureChanged'; structure: Structure; version: number }
  | { type: 'xmlReceived' }
  | { type: 'rowsUpserted'; rows: ResultRow[] }
  | { type: 'rowsRemoved'; keys: { raceId: string; participantId: string }[] }
  | { type: 'statusChanged'; change: StatusChange; steps: StatusChange[] }
  | { type: 'raceOfficialChanged'; raceId: string; mark: RaceOfficialMark | null }
  | { type: 'mergeStrategyChanged' }
  | { type: 'onCourseChanged' }
  /** Riders were seen again with nothing public changed: memory only, never stored or published. */
  | { type: 'onCourseSeen' };

export type Rejection = { ok: false; error: ErrorCode; message?: string; detail?: Record<string, unknown> };
export type Decision<R = undefined> = { ok: true; state: EventState; changes: Change[]; result: R } | Rejection;

export function reject(error: ErrorCode, message?: string, detail?: Record<string, unknown>): Rejection {
  return { ok: false, error, message, detail };
}
