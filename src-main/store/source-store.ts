/**
 * Persists each event's timing source (migration 4): the operator's choice and its settings, and
 * the SHA-256 and time of the last import of its watched XML file, so a restart neither forgets
 * the choice nor imports an unchanged file again. A row goes with its event (ON DELETE CASCADE).
 * It writes what it is given and decides nothing.
 */
import type { SourceConfig, SourceKind } from '../wire/sources.ts';
import type { Database } from './database.ts';

export interface StoredSource {
  eventId: string;
  config: SourceConfig;
  /** Set by a replay: its fake Canoe123 is gone after a restart, so it is not reconnected. */
  replay: boolean;
  xmlSha256: string | null;
  xmlImportedAt: number | null;
}

export class SourceStore {
  private readonly db: Database;
  private readonly stmts;

  constructor(db: Database) {
    this.db = db;
    this.stmts = {
      all: db.prepare('SELECT * FROM event_sources'),
      put: db.prepare(`INSERT INTO event_sources (event_id, kind, config, replay, xml_sha256, xml_imported_at, updated_at) VALUES (?, ?, ?, ?, NULL, NULL, ?)
        ON CONFLICT (event_id) DO UPDATE SET kind = excluded.kind, config = excluded.config, replay = excluded.replay,
          xml_sha256 = CASE WHEN json_extract(event_sources.config, '$.xmlPath') IS json_extract(excluded.config, '$.xmlPath') THEN event_sources.xml_sha256 END,
          xml_imported_at = CASE WHEN json_extract(event_sources.config, '$.xmlPath') IS json_extract(excluded.config, '$.xmlPath') THEN event_sources.xml_imported_at END,
          updated_at = excluded.updated_at`),
      xml: db.prepare('UPDATE event_sources SET xml_sha256 = ?, xml_imported_at = ? WHERE event_id = ?'),
    };
  }

  loadAll(): StoredSource[] {
    return (this.stmts.all.all() as Record<string, unknown>[]).map((r) => ({
      eventId: r.event_id as string,
      config: { ...(JSON.parse(r.config as string) as SourceConfig), kind: r.kind as SourceKind },
      replay: r.replay === 1,
      xmlSha256: (r.xml_sha256 as string | null) ?? null,
      xmlImportedAt: (r.xml_imported_at as number | null) ?? null,
    }));
  }

  /** Saves the choice; the XML file's last import is kept while the path stays the same. */
  put(eventId: string, config: SourceConfig, replay: boolean, at: string): void {
    this.stmts.put.run(eventId, config.kind, JSON.stringify(config), replay ? 1 : 0, at);
  }

  xmlImported(eventId: string, sha256: string, at: number): void {
    this.stmts.xml.run(sha256, at, eventId);
  }
}
