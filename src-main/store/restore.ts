// Replacing the library with a backup. The file is checked as every open checks a library, the current
// library is backed up first, and the copy is written INTO the library file through SQLite's backup API:
// one write transaction, so a restore that is cut short (a crash, a kill, a full disk) rolls back and
// leaves the old library whole — never a half-replaced one, and no file renamed under anyone's feet.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { backupLibrary } from './backups.ts';
import { hasParleyHeader, inspectLibraryFile, LibraryError, setAside, type OpenOptions } from './library.ts';

export interface RestoreResult {
  /** The backup of the library as it was, when there was one. */
  backup?: string;
  /** Where a damaged library was moved instead of being backed up. */
  setAside?: string;
  /** Schema version and number of cases of the restored library. */
  schema: number;
  cases: number;
}

export class LibraryBusyError extends LibraryError {
  override name = 'LibraryBusyError';
}

export async function restoreLibrary(libraryFile: string, sourceFile: string, options: OpenOptions = {}): Promise<RestoreResult> {
  const library = path.resolve(libraryFile);
  const source = path.resolve(sourceFile);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw new LibraryError(`${source}: no such file`);
  if (source === library) throw new LibraryError(`${source} is the library itself; name a backup of it`);
  // A read-only look at a WAL-mode file creates -wal/-shm files beside it; those are removed afterwards.
  const sidecars = ['-wal', '-shm'].map((suffix) => source + suffix).filter((f) => !fs.existsSync(f));
  let src: Database.Database | undefined;
  try {
    const info = inspectLibraryFile(source, options);
    if (!info.isLibrary) throw new LibraryError(`${source} is an empty SQLite database, not a Parley library. Choose another file.`);
    src = new Database(source, { readonly: true, fileMustExist: true, ...binding(options) });
    const cases = src.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    const result: RestoreResult = { schema: info.version, cases };
    const current = replaceableLibrary(library, options);
    if (current === 'damaged') result.setAside = setAside(library);
    else if (current === 'usable') result.backup = await backUpAlone(library, options);
    fs.mkdirSync(path.dirname(library), { recursive: true });
    await src.backup(library);
    return result;
  } finally {
    src?.close();
    for (const f of sidecars) fs.rmSync(f, { force: true });
  }
}

const binding = (options: OpenOptions) => (options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});

/** What stands at the library's path: nothing, a usable library, or a damaged one. Anything else is refused. */
function replaceableLibrary(library: string, options: OpenOptions): 'none' | 'usable' | 'damaged' {
  if (!fs.existsSync(library) || fs.statSync(library).size === 0) return 'none';
  try {
    return inspectLibraryFile(library, options).isLibrary ? 'usable' : 'none';
  } catch (err) {
    if (!(err instanceof LibraryError)) throw err;
    if (!hasParleyHeader(library)) throw new LibraryError(`${err.message} Restore writes only over a Parley library.`);
    return 'damaged';
  }
}

/**
 * Backs the library up while holding it exclusively: no other process can have it open, so nothing it
 * writes can slip in after the backup and be lost by the restore. The app or `parley serve` holding it is
 * a clear refusal, not a wait.
 */
async function backUpAlone(library: string, options: OpenOptions): Promise<string> {
  const db = new Database(library, { fileMustExist: true, ...binding(options) });
  try {
    db.pragma('busy_timeout = 1000');
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      db.exec('BEGIN IMMEDIATE; ROLLBACK');
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
        throw new LibraryBusyError(`${library} is open in another Parley program (the app or \`parley serve\`); close it, then restore again. Nothing was changed.`);
      }
      throw err;
    }
    return await backupLibrary(db, library, 'before-restore');
  } finally {
    db.close();
  }
}
