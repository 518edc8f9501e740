// Opening the case library: refuse anything that is not a Parley database without touching it,
// migrate in transactions, and set the connection up (WAL, foreign keys, busy timeout).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

/** "PRLY": marks a SQLite file as a Parley library (PRAGMA application_id). */
export const APPLICATION_ID = 0x50524c59;
const SQLITE_HEADER = 'SQLite format 3\u0000';

export class LibraryError extends Error {
  override name = 'LibraryError';
}

export interface OpenOptions {
  /** Path of an Electron build of better-sqlite3's native addon (see README: native ABIs). */
  nativeBinding?: string;
  /**
   * What to do with a file that is not a usable Parley library. 'refuse' (default) throws and leaves it
   * untouched; 'set-aside' renames it to `<name>.unreadable-<timestamp>` and starts a new library —
   * for the per-user default library, so the app still starts and nothing is overwritten.
   */
  onUnusable?: 'refuse' | 'set-aside';
  /** The schema history to bring the file up to; the shipped MIGRATIONS unless a test exercises an upgrade. */
  migrations?: readonly Migration[];
}

export interface OpenedLibrary {
  db: Database.Database;
  path: string;
  /** True when this call created the library (first run): the caller seeds it. */
  created: boolean;
  /** Where an unusable file was moved to, when onUnusable was 'set-aside'. */
  setAside?: string;
}

export function openLibrary(file: string, options: OpenOptions = {}): OpenedLibrary {
  const resolved = path.resolve(file);
  try {
    return openChecked(resolved, options);
  } catch (err) {
    if (!(err instanceof LibraryError) || options.onUnusable !== 'set-aside' || !fs.existsSync(resolved)) throw err;
    const aside = setAside(resolved);
    return { ...openChecked(resolved, options), setAside: aside };
  }
}

/**
 * Renames an unusable library to `<name>.unreadable-<time>`, with its -wal and -shm files: left behind,
 * they would be taken for the journal of the new library that starts in its place.
 */
export function setAside(file: string): string {
  const aside = `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(file, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

function openChecked(file: string, options: OpenOptions): OpenedLibrary {
  const exists = fs.existsSync(file) && fs.statSync(file).size > 0;
  if (exists) inspectLibraryFile(file, options);
  else fs.mkdirSync(path.dirname(file), { recursive: true });

  const db = new Database(file, dbOptions(options));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const created = db.pragma('user_version', { simple: true }) === 0;
    migrate(db, options.migrations);
    return { db, path: file, created };
  } catch (err) {
    db.close();
    throw err;
  }
}

function dbOptions(options: OpenOptions, readonly = false): Database.Options {
  return { readonly, fileMustExist: readonly, ...(options.nativeBinding && { nativeBinding: options.nativeBinding }) };
}

/** The first 100 bytes of a file: SQLite's database header, zero-filled when the file is shorter. */
export function readHeader(file: string): Buffer {
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  return header;
}

/** Whether the header says "a Parley library": readable even when the rest of the file is damaged. */
export function hasParleyHeader(file: string): boolean {
  const header = readHeader(file);
  return header.toString('latin1', 0, 16) === SQLITE_HEADER && header.readUInt32BE(68) === APPLICATION_ID;
}

const latestVersion = (options: OpenOptions) => (options.migrations ?? MIGRATIONS).at(-1)!.version;

export interface LibraryFileInfo {
  /** PRAGMA user_version: the last migration applied; 0 for an empty SQLite file. */
  version: number;
  /** False for an empty SQLite file (no tables yet), which may become a library. */
  isLibrary: boolean;
}

/**
 * The checks every open makes, read-only, so that a file we refuse is never modified: an SQLite file,
 * a Parley library (or an empty database), a schema this version knows, and an intact structure.
 */
export function inspectLibraryFile(file: string, options: OpenOptions = {}): LibraryFileInfo {
  if (readHeader(file).toString('latin1', 0, 16) !== SQLITE_HEADER) {
    throw new LibraryError(`${file} is not a Parley library (it is not an SQLite database). Choose another file, or move this one away.`);
  }
  // A read-only look at a WAL database creates empty -wal/-shm files. Those of a refused file are removed;
  // those of a library stay, because another process may open it meanwhile and be using them.
  const sidecars = ['-wal', '-shm'].map((suffix) => file + suffix).filter((f) => !fs.existsSync(f));
  let db: Database.Database | undefined;
  try {
    db = new Database(file, dbOptions(options, true));
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
    if (appId !== APPLICATION_ID && !(appId === 0 && tables.n === 0)) {
      throw new LibraryError(`${file} is an SQLite database but not a Parley library. Choose another file.`);
    }
    if (version > latestVersion(options)) {
      throw new LibraryError(`${file} was written by a newer version of Parley (schema ${version}; this one knows up to ${latestVersion(options)}). Update Parley to open it.`);
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new LibraryError(`${file} is damaged (SQLite integrity check: ${String(check)}).`);
    return { version, isLibrary: appId === APPLICATION_ID };
  } catch (err) {
    db?.close();
    db = undefined;
    for (const f of sidecars) fs.rmSync(f, { force: true });
    if (err instanceof LibraryError) throw err;
    throw new LibraryError(`${file} cannot be read as a Parley library: ${(err as Error).message}`);
  } finally {
    db?.close();
  }
}

export function readMeta(db: Database.Database, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? undefined;
}

export function writeMeta(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/**
 * Applies the pending migrations, each in one IMMEDIATE transaction that re-reads the schema version,
 * so two processes opening an old library at once migrate it once, and a failing step changes nothing.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= version()) continue;
    db.transaction(() => {
      if (m.version <= version()) return;
      db.exec(m.sql);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
