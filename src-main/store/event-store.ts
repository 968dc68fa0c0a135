/**
 * Persists event state: loads every event at start, and commits the changes of one decision in
 * one transaction (an ingest request is one decision). On-course riders are never stored (they live
 * in memory). The store never decides anything; it writes what the domain decided.
 */
import type { EventStatus, MergeStrategy } from '../wire/api.ts';
import type { Change } from '../domain/decision.ts';
import type { Actor, EventImage, EventMeta, EventState, RaceOfficialMark, ResultRow, StatusChange, Structure } from '../domain/model.ts';
import { transaction, type Database } from './database.ts';

type StoredRow = Omit<ResultRow, 'raceId' | 'participantId'>;

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
      insertEvent: db.prepare(`INSERT INTO events (event_id, api_key, status, status_changed_at, meta, merge_strategy, created_at, has_xml, structure_version, structure)
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
    const events = this.db.prepare('SELECT * FROM events ORDER BY created_at').all() as Record<string, unknown>[];
    const history = this.db.prepare('SELECT * FROM status_history ORDER BY event_id, seq').all() as Record<string, string>[];
    const rows = this.db.prepare('SELECT * FROM results').all() as Record<string, string>[];
    const officials = this.db.prepare('SELECT * FROM race_official').all() as Record<string, string>[];
    const images = this.db.prepare("SELECT * FROM event_images ORDER BY event_id, CASE slot WHEN 'left' THEN 0 WHEN 'right' THEN 1 ELSE 2 END").all() as Record<string, string>[];
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
      state.meta.eventId, state.apiKey, state.status, state.statusChangedAt, JSON.stringify(state.meta),
      state.mergeStrategy, state.createdAt, state.hasXml ? 1 : 0, state.structureVersion, JSON.stringify(state.structure),
    );
  }

  deleteEvent(eventId: string): void {
    this.stmts.deleteEvent.run(eventId);
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

  log(at: string, eventId: string | null, level: 'info' | 'warn' | 'error', message: string): void {
    this.stmts.insertLog.run(at, eventId, level, message);
  }

  /** The newest `limit` log entries, newest first. */
  recentLog(limit: number): { id: number; at: string; eventId: string | null; level: 'info' | 'warn' | 'error'; message: string }[] {
    return (this.db.prepare('SELECT id, at, event_id AS eventId, level, message FROM activity_log ORDER BY id DESC LIMIT ?').all(limit) as never[]);
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
