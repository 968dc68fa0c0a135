/**
 * What goes in the uplink's outbox, decided from what the store commits (pure: no I/O, no
 * clock). One committed decision gives its items, written in the same transaction:
 *
 * - an XML import that changed anything → the `xml` item (the latest raw export goes up);
 * - a status change → one `status` item per step, in order (the target refuses jumps);
 * - changed result rows → one `row` item each, while the event takes live results (running,
 *   finished) and only for rows the target needs from us: rows with a live value at the station,
 *   or rows the target holds a live value for from an earlier upload. A row that only the XML
 *   changed and that the target never got live travels inside the XML.
 *
 * Nothing else goes up: on-course riders are sent from memory (they are never stored, and a stale
 * list after a restart is worse than none); operator-set details, race official marks and the
 * merge strategy have no place in the target's ingest contract.
 */
import type { EventStatus } from '../../wire/api.ts';
import type { Change } from '../../domain/decision.ts';
import type { EventState } from '../../domain/model.ts';
import { rowKey, type NewItem } from './outbox.ts';

/** The states in which the target accepts live results (c123-live-mini's table, and ours). */
export function takesResults(status: EventStatus): boolean {
  return status === 'running' || status === 'finished';
}

export interface StatusStep {
  /** Null for the first sync, where the target's status is not known yet. */
  from: EventStatus | null;
  to: EventStatus;
}

export function itemsForCommit(state: EventState, changes: readonly Change[], opts: { xmlImported: boolean; liveRows: ReadonlySet<string> }): NewItem[] {
  const items: NewItem[] = [];
  if (opts.xmlImported && changes.length > 0) items.push({ kind: 'xml', key: '' });
  for (const c of changes) {
    if (c.type === 'statusChanged') {
      const first = state.history.length - c.steps.length;
      c.steps.forEach((step, i) => items.push(statusItem(`${first + i}`, { from: step.from, to: step.to })));
    } else if (c.type === 'rowsUpserted' && takesResults(state.status)) {
      for (const row of c.rows) {
        const key = rowKey(row.raceId, row.participantId);
        if (row.live !== null || opts.liveRows.has(key)) items.push({ kind: 'row', key });
      }
    }
  }
  return items;
}

/**
 * The first sync of a new target: the latest export, the status walked from wherever the target
 * is to the station's (results need running or finished, so an official event stops at finished
 * until its rows are up), every row with a live value, then `official`.
 */
export function initialItems(state: EventState): NewItem[] {
  const items: NewItem[] = [];
  if (state.hasXml) items.push({ kind: 'xml', key: '' });
  const official = state.status === 'official';
  items.push(statusItem('sync', { from: null, to: official ? 'finished' : state.status }));
  if (official || takesResults(state.status)) {
    for (const race of state.results.values()) {
      for (const row of race.values()) if (row.live !== null) items.push({ kind: 'row', key: rowKey(row.raceId, row.participantId) });
    }
  }
  if (official) items.push(statusItem('sync-official', { from: 'finished', to: 'official' }));
  return items;
}

/** A c123-live-mini target overwrites every row from each XML: the live rows go up again after it. */
export function liveRowItems(state: EventState): NewItem[] {
  const items: NewItem[] = [];
  for (const race of state.results.values()) {
    for (const row of race.values()) if (row.live !== null) items.push({ kind: 'row', key: rowKey(row.raceId, row.participantId) });
  }
  return items;
}

function statusItem(key: string, step: StatusStep): NewItem {
  return { kind: 'status', key, payload: JSON.stringify(step) };
}
