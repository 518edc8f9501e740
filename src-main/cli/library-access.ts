// Opening the library for a CLI command: --db, $PARLEY_DB or the per-user file, seeded on first run.
import fs from 'node:fs';
import path from 'node:path';
import { parseCaseText } from '../../src-core/case-file.ts';
import type { Case } from '../../src-core/model.ts';
import { casesDir } from '../paths.ts';
import { ParleyService } from '../service.ts';
import { resolveLibraryPath } from '../store/library-path.ts';
import { backupBeforeMigration } from '../store/backups.ts';
import { LibraryError } from '../store/library.ts';
import { InputError } from './errors.ts';
import type { Io } from './command.ts';

/** The library a command works on: --db FILE (relative to the working folder), else $PARLEY_DB, else the per-user file. */
export function libraryFile(dbFlag: unknown, io: Io): { path: string; isDefault: boolean } {
  return resolveLibraryPath(typeof dbFlag === 'string' ? path.resolve(io.cwd, dbFlag) : undefined, io.env);
}

/** Before any command opens the library: a library that the open will migrate is backed up first. */
export async function backUpBeforeMigration(dbFlag: unknown, io: Io): Promise<void> {
  const { path: file } = libraryFile(dbFlag, io);
  try {
    const copy = await backupBeforeMigration(file);
    if (copy) io.stderr(`parley: the library ${file} is upgraded to a new schema; it was backed up first to ${copy}\n`);
  } catch (err) {
    if (err instanceof LibraryError) throw new InputError(err.message);
    throw err;
  }
}

export function openService(dbFlag: unknown, io: Io): ParleyService {
  const { path: file, isDefault } = libraryFile(dbFlag, io);
  try {
    const service = ParleyService.open(file, { casesDir: casesDir(), onUnusable: isDefault ? 'set-aside' : 'refuse' });
    if (service.setAside) io.stderr(`parley: the library ${file} could not be read; it was moved to ${service.setAside} and a new library was started\n`);
    return service;
  } catch (err) {
    if (err instanceof LibraryError) throw new InputError(err.message);
    throw err;
  }
}

export function withService<T>(dbFlag: unknown, io: Io, fn: (s: ParleyService) => T): T {
  const service = openService(dbFlag, io);
  try {
    return fn(service);
  } finally {
    service.close();
  }
}

export function readTextFile(file: string, io: Io): { path: string; text: string } {
  const full = path.resolve(io.cwd, file);
  try {
    return { path: full, text: fs.readFileSync(full, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${file}: no such file` : code === 'EISDIR' ? `${file}: is a folder, not a case file` : `${file}: ${(err as Error).message}`);
  }
}

/** A case file read and validated; every error is listed under the file's name. */
export function readCaseFile(file: string, io: Io): Case {
  const { text } = readTextFile(file, io);
  const r = parseCaseText(text);
  if (!r.ok) throw new InputError(invalidCaseMessage(file, r.errors));
  return r.case;
}

export function invalidCaseMessage(file: string, errors: { path: string; message: string }[]): string {
  const lines = errors.map((e) => `  ${e.path ? `${e.path}: ` : ''}${e.message}`);
  return `${file} is not a valid case file (${errors.length} error${errors.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}

/** CASE is a path to a case file when such a file exists (or it looks like a path), else a case id in the library. */
export function looksLikeFile(arg: string, io: Io): boolean {
  return arg.endsWith('.json') || arg.includes('/') || arg.includes(path.sep) || fs.existsSync(path.resolve(io.cwd, arg));
}

export function loadCase(arg: string, dbFlag: unknown, io: Io): Case {
  if (looksLikeFile(arg, io)) return readCaseFile(arg, io);
  return withService(dbFlag, io, (s) => {
    if (!s.repo.has(arg)) {
      const ids = s.repo.list().map((c) => c.id);
      throw new InputError(`no case "${arg}" in the library ${s.path}${ids.length ? ` (cases: ${ids.join(', ')})` : ' (it is empty)'}`);
    }
    return s.repo.get(arg);
  });
}
