/**
 * Persists the venue screens' settings (migration 6, `screen_settings`): one row per screen kind
 * (`kind:<kind>`) and one per screen the operator set apart or named (`screen:<id>`), so a
 * restarted station re-applies them to every screen as it reconnects. Each write is one statement
 * (its own transaction). The store never decides; the screen registry says what to write.
 */
import type { ScreenKind, ScreenSettingsPatch } from '../wire/screens.ts';
import type { Database } from './database.ts';

export interface StoredScreenLayer {
  kind: ScreenKind;
  label: string | null;
  settings: ScreenSettingsPatch;
  updatedAt: string;
}

export interface StoredScreenSettings {
  kinds: Map<ScreenKind, StoredScreenLayer>;
  screens: Map<string, StoredScreenLayer>;
}

const KIND = 'kind:';
const SCREEN = 'screen:';

export class ScreenStore {
  private readonly db: Database;
  private readonly stmts;

  constructor(db: Database) {
    this.db = db;
    this.stmts = {
      put: db.prepare(`INSERT INTO screen_settings (scope, kind, label, settings, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (scope) DO UPDATE SET kind = excluded.kind, label = excluded.label, settings = excluded.settings, updated_at = excluded.updated_at`),
      remove: db.prepare('DELETE FROM screen_settings WHERE scope = ?'),
    };
  }

  load(): StoredScreenSettings {
    const rows = this.db.prepare('SELECT scope, kind, label, settings, updated_at FROM screen_settings').all() as Record<string, string | null>[];
    const out: StoredScreenSettings = { kinds: new Map(), screens: new Map() };
    for (const r of rows) {
      const layer: StoredScreenLayer = {
        kind: r.kind as ScreenKind,
        label: r.label,
        settings: JSON.parse(r.settings as string) as ScreenSettingsPatch,
        updatedAt: r.updated_at as string,
      };
      const scope = r.scope as string;
      if (scope.startsWith(KIND)) out.kinds.set(layer.kind, layer);
      else if (scope.startsWith(SCREEN)) out.screens.set(scope.slice(SCREEN.length), layer);
    }
    return out;
  }

  putKind(kind: ScreenKind, settings: ScreenSettingsPatch, at: string): void {
    this.stmts.put.run(KIND + kind, kind, null, JSON.stringify(settings), at);
  }

  putScreen(screenId: string, layer: Omit<StoredScreenLayer, 'updatedAt'>, at: string): void {
    this.stmts.put.run(SCREEN + screenId, layer.kind, layer.label, JSON.stringify(layer.settings), at);
  }

  removeScreen(screenId: string): void {
    this.stmts.remove.run(SCREEN + screenId);
  }
}
