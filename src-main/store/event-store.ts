/**
 * Persists event state: loads every event at start, and commits the changes of one decision in
 * one transaction (an ingest request is one decision). On-course riders are never stored (they live
 * in memory). The store never decides anything; it writes what the domain decided.
 *
 * Nothing is ever destroyed by a delete: the event's stored rows move, verbatim and in one
 * transaction, into `deleted_events`, from where a restore moves them back. Which tables hold an
 * event's rows is read from the schema (every table with a foreign key to `events`), so a table a
 * later migration adds is kept too.
 */
import type { EventStatus, MergeStrategy } from '../wire/api.ts';
import type { DeletedEvent } from '../wire/admin.ts';
import type { Change } from '../domain/decision.ts';
import {
  freshOnCourseFeed,
  type Actor,
  type EventImage,
  type EventMeta,
  type EventState,
  type RaceOfficialMark,
  type ResultRow,
  type StatusChange,
  type Structure,
} from '../domain/model.ts';
import { transaction, type Database } from './database.ts';

type StoredRow = Omit<ResultRow, 'raceId' | 'participantId'>;
type Row = Record<string, string | number | null>;

/**
 * A deleted event's stored rows, exactly as they were in the live tables: its `events` row and,
 * per table that references it (status history, results, official marks, feed health, images…),
 * its rows there.
 */
interface DeletedSnapshot {
  event: Row;
  children: Record<string, Row[]>;
}

const SELECT_DELETED = `SELECT deleted_id AS deletedId, event_id AS eventId, main_title AS mainTitle, status,
  result_rows AS resultRows, deleted_at AS deletedAt, deleted_by AS deletedBy FROM deleted_events`;

/** What a commit carries beyond its changes: the raw text of the XML export it imported. */
export interface CommitContext {
  xml?: string;
}

/**
 * Runs inside a commit's transaction, after its writes: an outlet recording what it must send
 * for these changes (the uplink's outbox), so the change and its upload are one commit. A hook
 * that throws rolls the commit back.
 */
export type CommitHook = (state: EventState, changes: readonly Change[], context: CommitContext) => void;

export class EventStore {
  readonly db: Database;
  private readonly stmts;
  private readonly hooks: CommitHook[] = [];

  constructor(db: Database) {
    this.db = db;
    this.stmts = {
      insertEvent:
        db.prepare(`INSERT INTO events (event_id, api_key, status, status_changed_at, meta, merge_strategy, created_at, has_xml, structure_version, structure)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      deleteEvent: db.prepare('DELETE FROM events WHERE event_id = ?'),
      updateMeta: db.prepare('UPDATE events SET meta = ? WHERE event_id = ?'),
      updateStructure: db.prepare('UPDATE events SET structure = ?, structure_version = ? WHERE event_id = ?'),
      updateHasXml: db.prepare('UPDATE events SET has_xml = 1 WHERE event_id = ?'),
      updateStatus: db.prepare('UPDATE events SET status = ?, status_changed_at = ? WHERE event_id = ?'),
      updateStrategy: db.prepare('UPDATE events SET merge_strategy = ? WHERE event_id = ?'),
      insertHistory: db.prepare(`INSERT INTO status_history (event_id, seq, from_status, to_status, at, by)
        VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM status_history WHERE event_id = ?), ?, ?, ?, ?)`),
      upsertRow: db.prepare(`INSERT INTO results (event_id, race_id, participant_id, row) VALUES (?, ?, ?, ?)
        ON CONFLICT (event_id, race_id, participant_id) DO UPDATE SET row = excluded.row`),
      deleteRow: db.prepare('DELETE FROM results WHERE event_id = ? AND race_id = ? AND participant_id = ?'),
      upsertOfficial: db.prepare(`INSERT INTO race_official (event_id, race_id, at, by) VALUES (?, ?, ?, ?)
        ON CONFLICT (event_id, race_id) DO UPDATE SET at = excluded.at, by = excluded.by`),
      deleteOfficial: db.prepare('DELETE FROM race_official WHERE event_id = ? AND race_id = ?'),
      deleteImages: db.prepare('DELETE FROM event_images WHERE event_id = ?'),
      insertImage: db.prepare('INSERT INTO event_images (event_id, slot, content_type, tag, data) VALUES (?, ?, ?, ?, ?)'),
      getSetting: db.prepare('SELECT value FROM station_settings WHERE key = ?'),
      putSetting: db.prepare(`INSERT INTO station_settings (key, value) VALUES (?, ?)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
      insertLog: db.prepare('INSERT INTO activity_log (at, event_id, level, message) VALUES (?, ?, ?, ?)'),
      upsertFeed: db.prepare(`INSERT INTO feed_health (event_id, record) VALUES (?, ?)
        ON CONFLICT (event_id) DO UPDATE SET record = excluded.record`),
    };
  }

  loadAll(): EventState[] {
    return this.load(null);
  }

  /** One event as stored, or null. */
  loadOne(eventId: string): EventState | null {
    return this.load(eventId)[0] ?? null;
  }

  private load(eventId: string | null): EventState[] {
    const where = eventId === null ? '' : ' WHERE event_id = ?';
    const args = eventId === null ? [] : [eventId];
    const events = this.db.prepare(`SELECT * FROM events${where} ORDER BY created_at`).all(...args) as Record<string, unknown>[];
    const history = this.db.prepare(`SELECT * FROM status_history${where} ORDER BY event_id, seq`).all(...args) as Record<string, string>[];
    const rows = this.db.prepare(`SELECT * FROM results${where}`).all(...args) as Record<string, string>[];
    const officials = this.db.prepare(`SELECT * FROM race_official${where}`).all(...args) as Record<string, string>[];
    const images = this.db
      .prepare(`SELECT * FROM event_images${where} ORDER BY event_id, CASE slot WHEN 'left' THEN 0 WHEN 'right' THEN 1 ELSE 2 END`)
      .all(...args) as Record<string, string>[];
    const byId = new Map<string, EventState>();
    for (const e of events) {
      byId.set(e.event_id as string, {
        meta: JSON.parse(e.meta as string) as EventMeta,
        apiKey: e.api_key as string,
        status: e.status as EventStatus,
        statusChangedAt: e.status_changed_at as string,
        history: [],
        mergeStrategy: e.merge_strategy as MergeStrategy,
        createdAt: e.created_at as string,
        hasXml: e.has_xml === 1,
        images: [],
        structureVersion: e.structure_version as number,
        structure: JSON.parse(e.structure as string) as Structure,
        results: new Map(),
        officialRaces: new Map(),
        onCourse: new Map(),
        onCourseFeed: freshOnCourseFeed,
      });
    }
    for (const h of history) {
      byId.get(h.event_id)?.history.push({ from: h.from_status as EventStatus, to: h.to_status as EventStatus, at: h.at, by: h.by as Actor });
    }
    for (const r of rows) {
      const state = byId.get(r.event_id);
      if (!state) continue;
      let race = state.results.get(r.race_id);
      if (!race) state.results.set(r.race_id, (race = new Map()));
      race.set(r.participant_id, { raceId: r.race_id, participantId: r.participant_id, ...(JSON.parse(r.row) as StoredRow) });
    }
    for (const i of images) {
      byId.get(i.event_id)?.images.push({ slot: i.slot as EventImage['slot'], contentType: i.content_type, tag: i.tag, data: i.data });
    }
    for (const o of officials) {
      byId.get(o.event_id)?.officialRaces.set(o.race_id, { raceId: o.race_id, at: o.at, by: o.by as Actor });
    }
    return [...byId.values()];
  }

  createEvent(state: EventState): void {
    this.stmts.insertEvent.run(
      state.meta.eventId,
      state.apiKey,
      state.status,
      state.statusChangedAt,
      JSON.stringify(state.meta),
      state.mergeStrategy,
      state.createdAt,
      state.hasXml ? 1 : 0,
      state.structureVersion,
      JSON.stringify(state.structure),
    );
  }

  /**
   * Moves an event's stored rows into `deleted_events` and out of the live tables, in one
   * transaction: all of it moves, or nothing does. Returns the kept copy's id.
   */
  moveToDeleted(eventId: string, at: string, by: Actor): number {
    return transaction(this.db, () => {
      const event = this.db.prepare('SELECT * FROM events WHERE event_id = ?').get(eventId) as Row | undefined;
      if (!event) throw new Error(`No stored event ${eventId}`);
      const children: Record<string, Row[]> = {};
      for (const { table, column } of this.childTables()) {
        children[table] = this.db.prepare(`SELECT * FROM ${table} WHERE ${column} = ?`).all(eventId) as Row[];
      }
      const snapshot: DeletedSnapshot = { event, children };
      const meta = JSON.parse(event.meta as string) as EventMeta;
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO deleted_events (event_id, main_title, status, result_rows, deleted_at, deleted_by, snapshot)
        VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(eventId, meta.mainTitle, event.status, children.results?.length ?? 0, at, by, JSON.stringify(snapshot));
      this.stmts.deleteEvent.run(eventId);
      return Number(lastInsertRowid);
    });
  }

  /** Every table with a foreign key to `events`, and its column that holds the event id. */
  private childTables(): { table: string; column: string }[] {
    const tables = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    const out: { table: string; column: string }[] = [];
    for (const { name } of tables) {
      for (const fk of this.db.prepare(`PRAGMA foreign_key_list(${name})`).all() as { table: string; from: string }[]) {
        if (fk.table === 'events') out.push({ table: name, column: fk.from });
      }
    }
    return out;
  }

  /** The kept copies of deleted events, newest first. */
  listDeleted(): DeletedEvent[] {
    return this.db.prepare(`${SELECT_DELETED} ORDER BY deleted_id DESC`).all() as never[];
  }

  getDeleted(deletedId: number): DeletedEvent | null {
    return (this.db.prepare(`${SELECT_DELETED} WHERE deleted_id = ?`).get(deletedId) as DeletedEvent | undefined) ?? null;
  }

  /**
   * Moves a kept copy back into the live tables under `eventId` (its own id, or a new one when
   * that id was taken again meanwhile), in one transaction, and returns the restored state.
   */
  restoreDeleted(deletedId: number, eventId: string): EventState {
    return transaction(this.db, () => {
      const kept = this.db.prepare('SELECT snapshot FROM deleted_events WHERE deleted_id = ?').get(deletedId) as { snapshot: string } | undefined;
      if (!kept) throw new Error(`No deleted event ${deletedId}`);
      const snap = JSON.parse(kept.snapshot) as DeletedSnapshot;
      const meta = { ...(JSON.parse(snap.event.meta as string) as EventMeta), eventId };
      const insert = (table: string, row: Row, idColumn: string) => {
        const cols = Object.keys(row);
        this.db
          .prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
          .run(...cols.map((c) => (c === idColumn ? eventId : row[c])));
      };
      insert('events', { ...snap.event, meta: JSON.stringify(meta) }, 'event_id');
      const renamed = eventId !== snap.event.event_id;
      for (const { table, column } of this.childTables()) {
        // A copy restored under another id must not push to its original's public results server
        // (the event created anew under the old id may): it starts without an uplink. Nor read
        // the timing the event created anew may be reading: it starts with c123-server's pushes.
        if (renamed && (table.startsWith('uplink_') || table === 'event_sources')) continue;
        for (const row of snap.children[table] ?? []) insert(table, row, column);
      }
      this.db.prepare('DELETE FROM deleted_events WHERE deleted_id = ?').run(deletedId);
      return this.loadOne(eventId)!;
    });
  }

  onCommit(hook: CommitHook): void {
    this.hooks.push(hook);
  }

  /** Writes the changes of one decision in one transaction; `state` is the state after it. */
  commit(state: EventState, changes: readonly Change[], context: CommitContext = {}): void {
    const id = state.meta.eventId;
    const persistent = changes.filter((c) => c.type !== 'onCourseChanged' && c.type !== 'onCourseSeen');
    if (persistent.length === 0) return;
    transaction(this.db, () => {
      for (const c of persistent) this.write(id, state, c);
      for (const hook of this.hooks) hook(state, persistent, context);
    });
  }

  private write(id: string, state: EventState, c: Change): void {
    const s = this.stmts;
    switch (c.type) {
      case 'metaChanged':
        s.updateMeta.run(JSON.stringify(c.meta), id);
        break;
      case 'imagesChanged':
        s.deleteImages.run(id);
        for (const i of c.images) s.insertImage.run(id, i.slot, i.contentType, i.tag, i.data);
        break;
      case 'structureChanged':
        s.updateStructure.run(JSON.stringify(c.structure), c.version, id);
        break;
      case 'xmlReceived':
        s.updateHasXml.run(id);
        break;
      case 'rowsUpserted':
        for (const row of c.rows) s.upsertRow.run(id, row.raceId, row.participantId, JSON.stringify(storedRow(row)));
        break;
      case 'rowsRemoved':
        for (const k of c.keys) s.deleteRow.run(id, k.raceId, k.participantId);
        break;
      case 'statusChanged':
        s.updateStatus.run(c.change.to, c.change.at, id);
        for (const step of c.steps) s.insertHistory.run(id, id, step.from, step.to, step.at, step.by);
        break;
      case 'raceOfficialChanged':
        if (c.mark) s.upsertOfficial.run(id, c.raceId, c.mark.at, c.mark.by);
        else s.deleteOfficial.run(id, c.raceId);
        break;
      case 'mergeStrategyChanged':
        s.updateStrategy.run(state.mergeStrategy, id);
        break;
      case 'eventCreated':
      case 'eventDeleted':
      case 'onCourseChanged':
      case 'onCourseSeen':
        break;
    }
  }

  getSetting(key: string): string | null {
    const row = this.stmts.getSetting.get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  putSetting(key: string, value: string): void {
    this.stmts.putSetting.run(key, value);
  }

  deleteSetting(key: string): void {
    this.db.prepare('DELETE FROM station_settings WHERE key = ?').run(key);
  }

  log(at: string, eventId: string | null, level: 'info' | 'warn' | 'error', message: string): void {
    this.stmts.insertLog.run(at, eventId, level, message);
  }

  /** The newest `limit` log entries, newest first. */
  recentLog(limit: number): { id: number; at: string; eventId: string | null; level: 'info' | 'warn' | 'error'; message: string }[] {
    return this.db.prepare('SELECT id, at, event_id AS eventId, level, message FROM activity_log ORDER BY id DESC LIMIT ?').all(limit) as never[];
  }

  /** Feed health records (JSON, feed-monitor.ts) by event id. */
  loadFeedRecords(): Map<string, string> {
    const rows = this.db.prepare('SELECT event_id, record FROM feed_health').all() as { event_id: string; record: string }[];
    return new Map(rows.map((r) => [r.event_id, r.record]));
  }

  saveFeedRecord(eventId: string, json: string): void {
    this.stmts.upsertFeed.run(eventId, json);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

function storedRow(row: ResultRow): StoredRow {
  const { raceId: _r, participantId: _p, ...rest } = row;
  return rest;
}

export type { RaceOfficialMark, StatusChange };
