/**
 * Opens the station's SQLite database (Node's built-in `node:sqlite`, no native module) with the
 * settings that make an answered ingest survive a crash or a power cut: WAL journal,
 * `synchronous=FULL` (every commit is fsynced before the answer), foreign keys on.
 *
 * The connection also holds the data folder: `locking_mode=EXCLUSIVE`, taken with one exclusive
 * transaction before anything else, keeps SQLite's lock on the file until the database is closed.
 * A second station on the same folder is refused at once (one line naming the holder, from the
 * lock-info file); the operating system drops the lock when the holder dies, `kill -9` included,
 * so a crashed station never blocks its restart. (With that lock WAL keeps its index in memory:
 * no `-shm` file is used.)
 *
 * Nothing is written before the schema version is known: a database from a newer Raceside is
 * refused untouched. Then the migrations run.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate, newestSchemaVersion, schemaVersion } from './migrations.ts';
import { DATABASE_FILE, StartupError, describeHolder, ensurePrivateFile, readLockInfo, restrictFiles } from './data-folder.ts';

export type Database = DatabaseSync;

const SQLITE_BUSY = 5;
const SQLITE_NOTADB = 26;

/** Opens (creating if needed) and locks the database of `dataDir`, which must exist (data-folder.ts). */
export function openDatabase(dataDir: string): Database {
  const file = join(dataDir, DATABASE_FILE);
  ensurePrivateFile(file);
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    lockAndCheckVersion(db, dataDir);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    db.exec('PRAGMA foreign_keys = ON');
    db.exec('PRAGMA busy_timeout = 5000');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  restrictFiles(`${file}-wal`, `${file}-shm`);
  return db;
}

function lockAndCheckVersion(db: Database, dataDir: string): void {
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    if (sqliteCode(err) === SQLITE_BUSY) {
      const holder = readLockInfo(dataDir);
      throw new StartupError(
        holder
          ? `The data folder ${dataDir} is in use by another Raceside station (${describeHolder(holder)}). Stop that station first, or start this one with another data folder (--data <folder>).`
          : `The data folder ${dataDir} is in use by another program that holds its database open. Close it first, or start with another data folder (--data <folder>).`,
      );
    }
    if (sqliteCode(err) === SQLITE_NOTADB) throw notADatabase(dataDir);
    throw err;
  }
  let version: number;
  try {
    version = schemaVersion(db);
    db.exec('COMMIT');
  } catch (err) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // already rolled back by SQLite
    }
    if (sqliteCode(err) === SQLITE_NOTADB) throw notADatabase(dataDir);
    throw err;
  }
  if (version > newestSchemaVersion) {
    throw new StartupError(
      `The data folder ${dataDir} was written by a newer Raceside (database schema ${version}; this one knows up to ${newestSchemaVersion}). ` +
        'Start it with that newer Raceside, or choose another data folder (--data <folder>); nothing was changed.',
    );
  }
}

function notADatabase(dataDir: string): StartupError {
  return new StartupError(
    `The file ${join(dataDir, DATABASE_FILE)} is not a Raceside database, or it is damaged. Move it away, or choose another data folder (--data <folder>).`,
  );
}

function sqliteCode(err: unknown): number | undefined {
  return (err as { errcode?: number }).errcode;
}

/** Runs `work` in one transaction: all of it is committed, or none of it. */
export function transaction<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}
