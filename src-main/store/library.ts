// Opening the case library: refuse anything that is not a Parley database without touching it,
// migrate in transactions, and set the connection up (WAL, foreign keys, busy timeout).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.ts';

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
    const aside = `${resolved}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(resolved, aside);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(resolved + suffix)) fs.renameSync(resolved + suffix, aside + suffix);
    }
    return { ...openChecked(resolved, options), setAside: aside };
  }
}

function openChecked(file: string, options: OpenOptions): OpenedLibrary {
  const exists = fs.existsSync(file) && fs.statSync(file).size > 0;
  if (exists) inspectExisting(file, options);
  else fs.mkdirSync(path.dirname(file), { recursive: true });

  const db = new Database(file, dbOptions(options));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const created = db.pragma('user_version', { simple: true }) === 0;
    migrate(db);
    return { db, path: file, created };
  } catch (err) {
    db.close();
    throw err;
  }
}

function dbOptions(options: OpenOptions, readonly = false): Database.Options {
  return { readonly, fileMustExist: readonly, ...(options.nativeBinding && { nativeBinding: options.nativeBinding }) };
}

/** Checks an existing file read-only, so that a file we refuse is never modified. */
function inspectExisting(file: string, options: OpenOptions): void {
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw new LibraryError(`${file} is not a Parley library (it is not an SQLite database). Choose another file, or move this one away.`);
  }
  // A read-only open of a WAL database creates empty -wal/-shm files; remove the ones we created.
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
    if (version > LATEST_VERSION) {
      throw new LibraryError(`${file} was written by a newer version of Parley (schema ${version}; this one knows up to ${LATEST_VERSION}). Update Parley to open it.`);
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new LibraryError(`${file} is damaged (SQLite integrity check: ${String(check)}).`);
  } catch (err) {
    if (err instanceof LibraryError) throw err;
    throw new LibraryError(`${file} cannot be read as a Parley library: ${(err as Error).message}`);
  } finally {
    db?.close();
    for (const f of sidecars) fs.rmSync(f, { force: true });
  }
}

export function readMeta(db: Database.Database, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? undefined;
}

export function writeMeta(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
