/**
 * The store's durability and ownership settings, read back from SQLite itself: WAL journal,
 * synchronous=FULL (2: every commit fsynced before the answer), the exclusive lock that holds the
 * data folder, and a database from a newer Raceside refused without a byte changed.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/store/database.ts';
import { StartupError, prepareDataFolder } from '../../../src-main/store/data-folder.ts';
import { newestSchemaVersion } from '../../../src-main/store/migrations.ts';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'raceside-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const pragma = (db: DatabaseSync, name: string) => Object.values(db.prepare(`PRAGMA ${name}`).get() as Record<string, unknown>)[0];

describe('openDatabase', () => {
  it('opens the store in WAL mode with synchronous=FULL, foreign keys on, holding the exclusive lock', () => {
    const db = openDatabase(dataDir());
    try {
      expect(pragma(db, 'journal_mode')).toBe('wal');
      expect(pragma(db, 'synchronous')).toBe(2);
      expect(pragma(db, 'foreign_keys')).toBe(1);
      expect(pragma(db, 'locking_mode')).toBe('exclusive');
      expect(pragma(db, 'user_version')).toBe(newestSchemaVersion);
    } finally {
      db.close();
    }
  });

  it('a second opener of the same folder is refused while the first holds it, and gets it once it is closed', () => {
    const dir = dataDir();
    const first = openDatabase(dir);
    expect(() => openDatabase(dir)).toThrow(StartupError);
    expect(() => openDatabase(dir)).toThrow(/is in use by another program/);
    first.close();
    openDatabase(dir).close();
  });

  it('refuses a database written by a newer Raceside and leaves it byte for byte as it was', () => {
    const dir = dataDir();
    const file = join(dir, 'raceside.sqlite');
    const newer = new DatabaseSync(file);
    newer.exec(`CREATE TABLE future (x); INSERT INTO future VALUES ('keep me'); PRAGMA user_version = ${newestSchemaVersion + 1}`);
    newer.close();
    const hash = () => createHash('sha256').update(readFileSync(file)).digest('hex');
    const before = hash();
    expect(() => openDatabase(dir)).toThrow(
      new RegExp(`written by a newer Raceside \\(database schema ${newestSchemaVersion + 1}; this one knows up to ${newestSchemaVersion}\\)`),
    );
    expect(hash()).toBe(before);
  });

  it('refuses a file that is not a database with a sentence, not a SQLite code', () => {
    const dir = dataDir();
    prepareDataFolder(dir);
    const file = join(dir, 'raceside.sqlite');
    rmSync(file, { force: true });
    writeFileSync(file, 'this is not a database, it is a shopping list'.repeat(200));
    expect(() => openDatabase(dir)).toThrow(/is not a Raceside database, or it is damaged/);
  });
});
