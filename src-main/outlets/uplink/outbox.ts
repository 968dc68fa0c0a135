/**
 * The uplink's durable outbox in the station's SQLite file: per event, the target (URL, remote
 * event id, key, enabled, why it is paused, the target's status as last seen), the latest raw XML
 * export, the queue of changes still to go up, what the target refused, and which result rows
 * the target holds a live value for.
 *
 * Queue items are coalesced by key as they are written: one `xml` item per event, one `row` item
 * per result row, one `status` item per lifecycle step (never coalesced). A row or XML item that
 * changes again while it waits keeps its place and bumps its `rev`; the sender deletes an item
 * only if its `rev` is still the one it sent, so a change made while a request was in flight is
 * sent again. Items carry no values: the sender reads the station's state when it sends (only
 * the latest value of each row goes up).
 *
 * `record` is called inside the store's commit transaction (the change and its upload are one
 * commit); everything else runs its own short transaction. This file decides nothing.
 */
import type { EventStatus } from '../../wire/api.ts';
import type { UplinkError } from '../../wire/uplink.ts';
import { transaction, type Database } from '../../store/database.ts';

export type OutboxKind = 'xml' | 'row' | 'status';

export interface NewItem {
  kind: OutboxKind;
  /** `''` for xml, `raceId\tparticipantId` for a row, a unique step key for status. */
  key: string;
  /** Status steps: `{ from, to }` as JSON. */
  payload?: string | null;
}

export interface OutboxItem extends NewItem {
  seq: number;
  rev: number;
  createdAt: number;
}

export type TargetDialect = 'raceside' | 'c123-live-mini';

export interface StoredTarget {
  eventId: string;
  url: string;
  remoteEventId: string;
  apiKey: string;
  enabled: boolean;
  paused: UplinkError | null;
  remoteStatus: EventStatus | null;
  dialect: TargetDialect | null;
  updatedAt: string;
}

export interface StoredRefusal {
  id: number;
  kind: 'xml' | 'results' | 'status';
  items: OutboxItem[];
  error: UplinkError;
  at: number;
}

/** What a successful request settles, written in one transaction. */
export interface Settlement {
  done: readonly OutboxItem[];
  liveRows?: readonly string[];
  remoteStatus?: EventStatus | null;
  dialect?: TargetDialect;
  requeue?: readonly NewItem[];
}

export const rowKey = (raceId: string, participantId: string) => `${raceId}\t${participantId}`;
export function splitRowKey(key: string): { raceId: string; participantId: string } {
  const i = key.indexOf('\t');
  return { raceId: key.slice(0, i), participantId: key.slice(i + 1) };
}

export class UplinkOutbox {
  private readonly db: Database;
  private readonly s;

  constructor(db: Database) {
    this.db = db;
    this.s = {
      targets: db.prepare('SELECT * FROM uplink_target'),
      upsertTarget: db.prepare(`INSERT INTO uplink_target (event_id, url, remote_event_id, api_key, enabled, paused, remote_status, dialect, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (event_id) DO UPDATE SET url = excluded.url, remote_event_id = excluded.remote_event_id, api_key = excluded.api_key,
          enabled = excluded.enabled, paused = excluded.paused, remote_status = excluded.remote_status, dialect = excluded.dialect,
          updated_at = excluded.updated_at`),
      deleteTarget: db.prepare('DELETE FROM uplink_target WHERE event_id = ?'),
      setPaused: db.prepare('UPDATE uplink_target SET paused = ? WHERE event_id = ?'),
      setRemoteStatus: db.prepare('UPDATE uplink_target SET remote_status = ? WHERE event_id = ?'),
      setDialect: db.prepare('UPDATE uplink_target SET dialect = ? WHERE event_id = ?'),
      setXml: db.prepare('UPDATE uplink_target SET xml = ? WHERE event_id = ?'),
      getXml: db.prepare('SELECT xml FROM uplink_target WHERE event_id = ?'),
      record: db.prepare(`INSERT INTO uplink_outbox (event_id, kind, key, payload, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (event_id, kind, key) DO UPDATE SET rev = rev + 1, payload = excluded.payload`),
      pending: db.prepare('SELECT seq, kind, key, payload, rev, created_at FROM uplink_outbox WHERE event_id = ? ORDER BY seq LIMIT ?'),
      complete: db.prepare('DELETE FROM uplink_outbox WHERE seq = ? AND rev = ?'),
      remove: db.prepare('DELETE FROM uplink_outbox WHERE seq = ?'),
      clearQueue: db.prepare('DELETE FROM uplink_outbox WHERE event_id = ?'),
      queued: db.prepare('SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM uplink_outbox WHERE event_id = ?'),
      insertRefused: db.prepare('INSERT INTO uplink_refused (event_id, kind, items, error, at) VALUES (?, ?, ?, ?, ?)'),
      refused: db.prepare('SELECT id, kind, items, error, at FROM uplink_refused WHERE event_id = ? ORDER BY id'),
      refusedOne: db.prepare('SELECT id, kind, items, error, at FROM uplink_refused WHERE event_id = ? AND id = ?'),
      deleteRefused: db.prepare('DELETE FROM uplink_refused WHERE event_id = ? AND id = ?'),
      clearRefused: db.prepare('DELETE FROM uplink_refused WHERE event_id = ?'),
      liveRows: db.prepare('SELECT row_key FROM uplink_live_rows WHERE event_id = ?'),
      addLiveRow: db.prepare('INSERT OR IGNORE INTO uplink_live_rows (event_id, row_key) VALUES (?, ?)'),
      clearLiveRows: db.prepare('DELETE FROM uplink_live_rows WHERE event_id = ?'),
    };
  }

  // ---- targets ---------------------------------------------------------------------------------

  targets(): StoredTarget[] {
    return (this.s.targets.all() as Record<string, unknown>[]).map((r) => ({
      eventId: r.event_id as string,
      url: r.url as string,
      remoteEventId: r.remote_event_id as string,
      apiKey: r.api_key as string,
      enabled: r.enabled === 1,
      paused: r.paused ? (JSON.parse(r.paused as string) as UplinkError) : null,
      remoteStatus: (r.remote_status as EventStatus | null) ?? null,
      dialect: (r.dialect as TargetDialect | null) ?? null,
      updatedAt: r.updated_at as string,
    }));
  }

  /**
   * Saves a target. A new target (another URL or remote event) starts from a clean slate: the
   * queue, the refused list and what the old target held are dropped, and `initial` is queued in
   * the same transaction (the first sync).
   */
  saveTarget(t: StoredTarget, fresh: { initial: readonly NewItem[]; xml: string | null; now: number } | null): void {
    transaction(this.db, () => {
      this.s.upsertTarget.run(
        t.eventId,
        t.url,
        t.remoteEventId,
        t.apiKey,
        t.enabled ? 1 : 0,
        t.paused ? JSON.stringify(t.paused) : null,
        t.remoteStatus,
        t.dialect,
        t.updatedAt,
      );
      if (!fresh) return;
      this.s.clearQueue.run(t.eventId);
      this.s.clearRefused.run(t.eventId);
      this.s.clearLiveRows.run(t.eventId);
      this.s.setXml.run(fresh.xml, t.eventId);
      this.record(t.eventId, fresh.initial, fresh.now);
    });
  }

  deleteTarget(eventId: string): void {
    transaction(this.db, () => {
      this.s.deleteTarget.run(eventId);
      this.s.clearQueue.run(eventId);
      this.s.clearRefused.run(eventId);
      this.s.clearLiveRows.run(eventId);
    });
  }

  setPaused(eventId: string, error: UplinkError | null): void {
    this.s.setPaused.run(error ? JSON.stringify(error) : null, eventId);
  }

  setRemoteStatus(eventId: string, status: EventStatus | null): void {
    this.s.setRemoteStatus.run(status, eventId);
  }

  // ---- the raw export --------------------------------------------------------------------------

  /** Keeps the latest raw export; call inside the commit transaction of its import. */
  keepXml(eventId: string, xml: string): void {
    this.s.setXml.run(xml, eventId);
  }

  latestXml(eventId: string): string | null {
    return (this.s.getXml.get(eventId) as { xml: string | null } | undefined)?.xml ?? null;
  }

  // ---- the queue -------------------------------------------------------------------------------

  /** Queues items (coalescing by key); call inside the caller's transaction. */
  record(eventId: string, items: readonly NewItem[], now: number): void {
    for (const item of items) this.s.record.run(eventId, item.kind, item.key, item.payload ?? null, now);
  }

  pending(eventId: string, limit: number): OutboxItem[] {
    return (this.s.pending.all(eventId, limit) as Record<string, unknown>[]).map((r) => ({
      seq: r.seq as number,
      kind: r.kind as OutboxKind,
      key: r.key as string,
      payload: (r.payload as string | null) ?? null,
      rev: r.rev as number,
      createdAt: r.created_at as number,
    }));
  }

  queued(eventId: string): { count: number; oldest: number | null } {
    const r = this.s.queued.get(eventId) as { n: number; oldest: number | null };
    return { count: r.n, oldest: r.oldest ?? null };
  }

  /** What a successful request settled: items done (unless changed since), rows the target now holds, its status. */
  settle(eventId: string, s: Settlement, now: number): void {
    transaction(this.db, () => {
      for (const item of s.done) this.s.complete.run(item.seq, item.rev);
      for (const key of s.liveRows ?? []) this.s.addLiveRow.run(eventId, key);
      if (s.remoteStatus !== undefined) this.s.setRemoteStatus.run(s.remoteStatus, eventId);
      if (s.dialect) this.s.setDialect.run(s.dialect, eventId);
      if (s.requeue?.length) this.record(eventId, s.requeue, now);
    });
  }

  liveRows(eventId: string): Set<string> {
    return new Set((this.s.liveRows.all(eventId) as { row_key: string }[]).map((r) => r.row_key));
  }

  // ---- refused ---------------------------------------------------------------------------------

  /** Moves items the target refused out of the queue into the refused list. */
  park(eventId: string, kind: StoredRefusal['kind'], items: readonly OutboxItem[], error: UplinkError): void {
    transaction(this.db, () => {
      for (const item of items) this.s.remove.run(item.seq);
      this.s.insertRefused.run(eventId, kind, JSON.stringify(items), JSON.stringify(error), error.at);
    });
  }

  refused(eventId: string): StoredRefusal[] {
    return (this.s.refused.all(eventId) as Record<string, unknown>[]).map(refusalOf);
  }

  /** Puts a refused entry back in the queue (behind what waits now); false if there is no such entry. */
  retryRefused(eventId: string, id: number, now: number): boolean {
    const row = this.s.refusedOne.get(eventId, id) as Record<string, unknown> | undefined;
    if (!row) return false;
    const r = refusalOf(row);
    transaction(this.db, () => {
      this.record(
        eventId,
        r.items.map(({ kind, key, payload }) => ({ kind, key, payload })),
        now,
      );
      this.s.deleteRefused.run(eventId, id);
    });
    return true;
  }

  discardRefused(eventId: string, id: number): boolean {
    return Number(this.s.deleteRefused.run(eventId, id).changes) > 0;
  }
}

function refusalOf(r: Record<string, unknown>): StoredRefusal {
  return {
    id: r.id as number,
    kind: r.kind as StoredRefusal['kind'],
    items: JSON.parse(r.items as string) as OutboxItem[],
    error: JSON.parse(r.error as string) as UplinkError,
    at: r.at as number,
  };
}
