// Copies of the library made with SQLite's online backup API, which copies a consistent snapshot while
// other connections keep reading and writing. Made before every migration, once a day when the app or
// `parley serve` opens the library (not on every CLI call: a script running the CLI a hundred times
// would push every older copy out), and before a restore replaces it. The newest 7 are kept in
// `backups/` beside the library, named `<library>-<UTC time>-schema<N>-<reason>.sqlite`.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { inspectLibraryFile, LibraryError, type OpenOptions } from './library.ts';
import { MIGRATIONS } from './migrations/index.ts';

export const KEEP_BACKUPS = 7;
export const DAILY_MS = 24 * 60 * 60 * 1000;

export type BackupReason = 'daily' | 'before-migration' | 'before-restore';

export interface BackupEntry {
  file: string;
  time: Date;
  schema: number;
  reason: string;
}

export function backupsDir(libraryFile: string): string {
  return path.join(path.dirname(path.resolve(libraryFile)), 'backups');
}

const base = (libraryFile: string) => path.basename(libraryFile).replace(/\.sqlite$/, '');
// 2025-08-17T10-15-30-123Z: sorts by time as text, and is a valid file name everywhere.
const stamp = (t: Date) => t.toISOString().replace(/[:.]/g, '-');
const STAMP = /^(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/;

/** The backups of this library, newest first. */
export function listBackups(libraryFile: string): BackupEntry[] {
  const dir = backupsDir(libraryFile);
  if (!fs.existsSync(dir)) return [];
  const prefix = `${base(libraryFile)}-`;
  const entries: BackupEntry[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.sqlite')) continue;
    const m = /^(.+)-schema(\d+)-([a-z-]+)$/.exec(name.slice(prefix.length, -'.sqlite'.length));
    const t = m && STAMP.exec(m[1]!);
    if (!m || !t) continue;
    entries.push({ file: path.join(dir, name), time: new Date(`${t[1]}T${t[2]}:${t[3]}:${t[4]}.${t[5]}Z`), schema: Number(m[2]), reason: m[3]! });
  }
  return entries.sort((a, b) => b.time.getTime() - a.time.getTime() || b.file.localeCompare(a.file));
}

/**
 * Copies a database through `source` (a read-write connection) into `dest` with the online backup API.
 * The copy is switched to a rollback journal, so it is one self-contained file that a read-only look
 * leaves alone, and it is written beside `dest` and renamed into place: a copy cut short never passes
 * for a finished one.
 */
export async function copyDatabase(source: Database.Database, dest: string): Promise<void> {
  const partial = `${dest}.${process.pid}.partial`;
  try {
    await source.backup(partial);
    // Through the source's own connection, so the copy is opened by the same native build of SQLite.
    source.prepare('ATTACH DATABASE ? AS copy').run(partial);
    try {
      source.pragma('copy.journal_mode = DELETE');
    } finally {
      source.exec('DETACH DATABASE copy');
    }
    fs.renameSync(partial, dest);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

/** Backs the library up into backups/ and drops all but the newest KEEP_BACKUPS. Returns the copy's path. */
export async function backupLibrary(db: Database.Database, libraryFile: string, reason: BackupReason, now = new Date()): Promise<string> {
  const dir = backupsDir(libraryFile);
  fs.mkdirSync(dir, { recursive: true });
  const schema = db.pragma('user_version', { simple: true }) as number;
  // Two backups in the same millisecond (a restore right after a migration) must not overwrite each other.
  let at = now.getTime();
  const name = () => path.join(dir, `${base(libraryFile)}-${stamp(new Date(at))}-schema${schema}-${reason}.sqlite`);
  while (fs.existsSync(name())) at++;
  const file = name();
  await copyDatabase(db, file);
  pruneBackups(libraryFile);
  return file;
}

/** Keeps the newest KEEP_BACKUPS, and removes the partial copies of processes that died while copying. */
function pruneBackups(libraryFile: string): void {
  for (const old of listBackups(libraryFile).slice(KEEP_BACKUPS)) fs.rmSync(old.file, { force: true });
  const dir = backupsDir(libraryFile);
  for (const name of fs.readdirSync(dir)) {
    const pid = /\.(\d+)\.partial$/.exec(name)?.[1];
    if (pid !== undefined && !isAlive(Number(pid))) fs.rmSync(path.join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The daily backup, when the newest backup of this library is more than a day old (or there is none). */
export async function backupIfDue(db: Database.Database, libraryFile: string, now = new Date()): Promise<string | undefined> {
  const newest = listBackups(libraryFile)[0];
  if (newest && now.getTime() - newest.time.getTime() < DAILY_MS) return undefined;
  return backupLibrary(db, libraryFile, 'daily', now);
}

/**
 * Before an open that will migrate an existing library: copies it as it is. A file that cannot be
 * opened is left to the open, which refuses it or sets it aside; a failed copy stops the migration.
 */
export async function backupBeforeMigration(libraryFile: string, options: OpenOptions = {}): Promise<string | undefined> {
  const file = path.resolve(libraryFile);
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return undefined;
  let info;
  try {
    info = inspectLibraryFile(file, options);
  } catch (err) {
    if (err instanceof LibraryError) return undefined;
    throw err;
  }
  const latest = (options.migrations ?? MIGRATIONS).at(-1)!.version;
  if (!info.isLibrary || info.version >= latest) return undefined;
  // A normal connection, not a read-only one: when it is the last to close, SQLite itself tidies the -wal.
  const db = new Database(file, { fileMustExist: true, ...(options.nativeBinding && { nativeBinding: options.nativeBinding }) });
  try {
    db.pragma('busy_timeout = 5000');
    return await backupLibrary(db, file, 'before-migration');
  } catch (err) {
    throw new LibraryError(`${file} needs an upgrade to schema ${latest}, but the backup made before upgrading failed (${(err as Error).message}); nothing was changed.`);
  } finally {
    db.close();
  }
}
