// Fixtures of libraries damaged the ways real ones are: a page overwritten (a bad disk, a copy cut short)
// in a file that still starts with a valid SQLite header and the Parley application id, so opening it
// gets as far as the integrity check instead of failing earlier as "not a database".
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { serializeCase } from '../../../src-core/case-file.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { generateCase } from '../../fixtures/generate-case.ts';

const PAGE_TYPE_INVALID = 0x55;

/** A library holding one small case, closed and checkpointed. */
export function makeLibrary(file: string): void {
  const s = ParleyService.open(file);
  s.importCase({ content: serializeCase(generateCase({ parties: 3, issues: 4, options: 3, scenarios: 2, seed: 11, id: 'damaged-case' })) });
  s.close();
}

/**
 * Where the b-tree page of `index` starts. Read with a read-write connection, which (the last to close)
 * leaves no -wal/-shm files behind.
 */
function pageOffset(file: string, index = 'sqlite_autoindex_cases_1'): number {
  const db = new Database(file, { fileMustExist: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const root = db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(index) as number;
  db.close();
  return (root - 1) * pageSize;
}

/** Overwrites the type byte of a b-tree page with garbage. */
function damagePage(file: string, offset: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.from([PAGE_TYPE_INVALID]), 0, 1, offset);
  } finally {
    fs.closeSync(fd);
  }
}

/** A damaged library that passes the header and application id checks but fails SQLite's quick_check. */
export function makeDamagedLibrary(file: string): void {
  makeLibrary(file);
  damagePage(file, pageOffset(file));
}

/**
 * A damaged library as a crash leaves it: a committed write still in its -wal file (with the -shm index
 * beside it), and a page of the main file (one the write did not touch) overwritten. Made by copying the
 * three files while the connection that wrote them is still open, as a power cut would find them.
 */
export function makeDamagedLibraryWithWal(file: string, scratch: string): void {
  makeLibrary(scratch);
  const offset = pageOffset(scratch);
  const live = new Database(scratch);
  live.pragma('wal_autocheckpoint = 0');
  live.prepare("UPDATE cases SET title = 'Title still in the WAL'").run();
  for (const suffix of ['', '-wal', '-shm']) fs.copyFileSync(scratch + suffix, file + suffix);
  live.close();
  damagePage(file, offset);
}
