/**
 * Versioned schema migrations. The schema version is SQLite's `user_version`; each migration runs
 * once, in order, in its own transaction. Never edit a shipped migration: add the next one.
 */
import type { DatabaseSync } from 'node:sqlite';

interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'events, status history, result rows, official races, station settings, activity log',
    sql: `
      CREATE TABLE station_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        api_key TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL,
        status_changed_at TEXT NOT NULL,
        meta TEXT NOT NULL,
        merge_strategy TEXT NOT NULL,
        created_at TEXT NOT NULL,
        has_xml INTEGER NOT NULL DEFAULT 0,
        structure_version INTEGER NOT NULL DEFAULT 0,
        structure TEXT NOT NULL
      );
      CREATE TABLE status_history (
        event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        PRIMARY KEY (event_id, seq)
      );
      CREATE TABLE results (
        event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
        race_id TEXT NOT NULL,
        participant_id TEXT NOT NULL,
        row TEXT NOT NULL,
        PRIMARY KEY (event_id, race_id, participant_id)
      ) WITHOUT ROWID;
      CREATE TABLE race_official (
        event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
        race_id TEXT NOT NULL,
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        PRIMARY KEY (event_id, race_id)
      );
      CREATE TABLE activity_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        event_id TEXT,
        level TEXT NOT NULL,
        message TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'deleted events kept whole and restorable (issue 10)',
    // A deleted event leaves the live tables (so c123-server can create an event with the same id
    // again) and its stored rows move here, verbatim, in the same transaction. Restoring moves
    // them back. Several deleted copies of one event id can exist side by side.
    sql: `
      CREATE TABLE deleted_events (
        deleted_id INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL,
        main_title TEXT NOT NULL,
        status TEXT NOT NULL,
        result_rows INTEGER NOT NULL,
        deleted_at TEXT NOT NULL,
        deleted_by TEXT NOT NULL,
        snapshot TEXT NOT NULL
      );
      CREATE INDEX deleted_events_by_event ON deleted_events (event_id);
    `,
  },
  {
    version: 3,
    description: 'feed health per event (sources, channels, the timing they reported, the last XML import)',
    sql: `
      CREATE TABLE feed_health (
        event_id TEXT PRIMARY KEY REFERENCES events(event_id) ON DELETE CASCADE,
        record TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    description: "timing source per event (c123-server push, direct Canoe123, XML only) and its XML file's last import",
    sql: `
      CREATE TABLE event_sources (
        event_id TEXT PRIMARY KEY REFERENCES events(event_id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        config TEXT NOT NULL,
        replay INTEGER NOT NULL DEFAULT 0,
        xml_sha256 TEXT,
        xml_imported_at INTEGER,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    description: 'uplink to a public results server: target per event, durable outbox, refused items, rows the target holds live values for',
    sql: `
      CREATE TABLE uplink_target (
        event_id TEXT PRIMARY KEY REFERENCES events(event_id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        remote_event_id TEXT NOT NULL,
        api_key TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        paused TEXT,
        remote_status TEXT,
        dialect TEXT,
        xml TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE uplink_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        payload TEXT,
        rev INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        UNIQUE (event_id, kind, key)
      );
      CREATE TABLE uplink_refused (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        items TEXT NOT NULL,
        error TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE TABLE uplink_live_rows (
        event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
        row_key TEXT NOT NULL,
        PRIMARY KEY (event_id, row_key)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    description: 'venue screens: the settings of each screen kind and of each screen (issue 15)',
    sql: `
      CREATE TABLE screen_settings (
        scope TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        label TEXT,
        settings TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 8,
    description: "the organiser's images from the Canoe123 export, kept with their event",
    sql: `
      CREATE TABLE event_images (
        event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
        slot TEXT NOT NULL,
        content_type TEXT NOT NULL,
        tag TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (event_id, slot)
      );
    `,
  },
];

/** The schema version this Raceside writes; a database above it is from a newer Raceside. */
export const newestSchemaVersion = migrations[migrations.length - 1].version;

export function schemaVersion(db: DatabaseSync): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
}

export function migrate(db: DatabaseSync): void {
  const current = schemaVersion(db);
  if (current > newestSchemaVersion) {
    throw new Error(`The database was written by a newer Raceside (schema ${current}, this one knows ${newestSchemaVersion}).`);
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(m.sql);
      db.exec(`PRAGMA user_version = ${m.version}`);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }
}
