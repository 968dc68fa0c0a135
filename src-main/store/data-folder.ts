/**
 * The station's data folder: the database, the log and the lock-info file live here, and nobody
 * but the user who runs the station may read them (the database holds the admin secret, the
 * ingest keys and the officials PIN). The folder is created 0700 and every file in it 0600; the
 * modes are set with chmod after creating, so a lax umask cannot widen them. On Windows the modes
 * mean little: there the folder's protection is the ACL of the user's profile (%APPDATA%).
 *
 * It also owns the lock-info file `raceside.lock` (who holds the folder: pid, start time, URL).
 * The lock itself is SQLite's exclusive lock on the database (store/database.ts): the operating
 * system releases it when the process dies, even by `kill -9`, so a crashed station never blocks
 * the next one. The file only names the holder in the message a second station prints.
 *
 * Every failure here is a StartupError: one sentence an operator can act on.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A reason the station cannot start, worded for the operator (the CLI prints it as one line). */
export class StartupError extends Error {}

export const DATABASE_FILE = 'raceside.sqlite';
export const LOCK_INFO_FILE = 'raceside.lock';

const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

/** Creates the data folder (0700) if needed and proves it can be written; throws StartupError. */
export function prepareDataFolder(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) {
      throw new StartupError(`The data folder ${dir} is a file, not a folder. Choose another data folder (--data <folder>).`);
    }
  } else {
    try {
      mkdirSync(dir, { recursive: true, mode: FOLDER_MODE });
      setMode(dir, FOLDER_MODE);
    } catch (err) {
      throw new StartupError(`Cannot create the data folder ${dir}: ${reason(err)}. Choose a folder you can write (--data <folder>).`);
    }
  }
  const probe = join(dir, `.raceside-write-test-${process.pid}`);
  try {
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (err) {
    rmSync(probe, { force: true });
    throw new StartupError(`Cannot write in the data folder ${dir}: ${reason(err)}. Choose a folder you can write (--data <folder>).`);
  }
}

/** Makes `file` exist with mode 0600 (created empty if missing); other files keep their content. */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', FILE_MODE));
  setMode(file, FILE_MODE);
}

/** Sets 0600 on the files that exist among `files` (SQLite's -wal and -shm beside the database). */
export function restrictFiles(...files: string[]): void {
  for (const file of files) if (existsSync(file)) setMode(file, FILE_MODE);
}

/** Who holds a data folder: written by the station that holds the lock, read by the one refused. */
export interface LockInfo {
  pid: number;
  startedAt: string;
  /** Where it listens, once it does. */
  url?: string;
}

export function readLockInfo(dir: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(join(dir, LOCK_INFO_FILE), 'utf8')) as LockInfo;
    return typeof info.pid === 'number' && typeof info.startedAt === 'string' ? info : null;
  } catch {
    return null;
  }
}

/** Written whole to a temporary file and renamed, so a reader never sees half of it. */
export function writeLockInfo(dir: string, info: LockInfo): void {
  const file = join(dir, LOCK_INFO_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(info)}\n`, { mode: FILE_MODE });
  setMode(temporary, FILE_MODE);
  renameSync(temporary, file);
}

export function removeLockInfo(dir: string, pid = process.pid): void {
  if (readLockInfo(dir)?.pid === pid) rmSync(join(dir, LOCK_INFO_FILE), { force: true });
}

/** "pid 4242, started 2026-12-03 09:15:02, http://0.0.0.0:4800" for the messages. */
export function describeHolder(info: LockInfo): string {
  const started = new Date(info.startedAt);
  const when = Number.isNaN(started.getTime()) ? info.startedAt : localTimestamp(started);
  return `pid ${info.pid}, started ${when}${info.url ? `, ${info.url}` : ''}`;
}

function localTimestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function setMode(path: string, mode: number): void {
  // Windows keeps only the read-only bit of a mode; the profile's ACL protects the folder there.
  if (process.platform !== 'win32') chmodSync(path, mode);
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the disk is read-only',
    ENOTDIR: 'a part of the path is a file, not a folder',
    ENOSPC: 'the disk is full',
    EEXIST: 'a file of that name is in the way',
  };
  return (e.code && known[e.code]) ?? e.message;
}
