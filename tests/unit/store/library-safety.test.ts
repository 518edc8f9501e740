// A library that is damaged, being upgraded, backed up or restored: on real SQLite files. The damaged
// fixtures keep a valid SQLite header and the Parley application id, so they reach the integrity check.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeCase } from '../../../src-core/case-file.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { backupBeforeMigration, backupIfDue, backupLibrary, backupsDir, DAILY_MS, KEEP_BACKUPS, listBackups } from '../../../src-main/store/backups.ts';
import { APPLICATION_ID, inspectLibraryFile, LibraryError, openLibrary } from '../../../src-main/store/library.ts';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../../src-main/store/migrations/index.ts';
import { LibraryBusyError, restoreLibrary } from '../../../src-main/store/restore.ts';
import { generateCase } from '../../fixtures/generate-case.ts';
import { makeDamagedLibrary, makeDamagedLibraryWithWal, makeLibrary } from './damaged-library.ts';
import { caught, CASES_DIR, exportAll, onCleanup, sha256, tempDir } from './temp-library.ts';

async function rejected(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

function service(file: string): ParleyService {
  const s = ParleyService.open(file);
  onCleanup(() => s.close());
  return s;
}

function importSmall(file: string, id: string, seed = 1): void {
  const s = ParleyService.open(file);
  s.importCase({ content: serializeCase(generateCase({ parties: 3, issues: 4, options: 3, scenarios: 2, seed, id })) });
  s.close();
}

describe('a damaged library', () => {
  it('fixture: keeps a valid SQLite header and the Parley application id, and fails quick_check', () => {
    const file = path.join(tempDir(), 'library.sqlite');
    makeDamagedLibrary(file);
    const header = fs.readFileSync(file).subarray(0, 100);
    expect(header.toString('latin1', 0, 16)).toBe('SQLite format 3\u0000');
    expect(header.readUInt32BE(68)).toBe(APPLICATION_ID);
    const db = new Database(file, { readonly: true });
    onCleanup(() => db.close());
    expect(db.pragma('quick_check', { simple: true })).not.toBe('ok');
  });

  it('is refused as damaged, naming the integrity check, and left byte for byte untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'library.sqlite');
    makeDamagedLibrary(file);
    const before = sha256(file);
    const listing = fs.readdirSync(dir).sort();
    const err = caught(() => openLibrary(file));
    expect(err).toBeInstanceOf(LibraryError);
    expect((err as Error).message).toMatch(/is damaged \(SQLite integrity check: .*btreeInitPage|is damaged \(SQLite integrity check: /);
    expect((err as Error).message).toContain(file);
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(listing);
  });

  it("is set aside whole with 'set-aside', and a fresh library takes its place", () => {
    const dir = tempDir();
    const file = path.join(dir, 'library.sqlite');
    makeDamagedLibrary(file);
    const original = fs.readFileSync(file);
    const s = ParleyService.open(file, { casesDir: CASES_DIR, onUnusable: 'set-aside' });
    onCleanup(() => s.close());
    expect(s.setAside).toMatch(/library\.sqlite\.unreadable-/);
    expect(fs.readFileSync(s.setAside!).equals(original)).toBe(true);
    expect(s.db.pragma('quick_check', { simple: true })).toBe('ok');
    expect(s.repo.has('damaged-case')).toBe(false);
  });

  it('is set aside together with its -wal and -shm files, which the new library must not inherit', () => {
    const dir = tempDir();
    const file = path.join(dir, 'library.sqlite');
    makeDamagedLibraryWithWal(file, path.join(tempDir(), 'scratch.sqlite'));
    const wal = fs.readFileSync(`${file}-wal`);
    expect(wal.length).toBeGreaterThan(0);
    const s = ParleyService.open(file, { casesDir: CASES_DIR, onUnusable: 'set-aside' });
    onCleanup(() => s.close());
    expect(fs.readFileSync(`${s.setAside}-wal`).equals(wal)).toBe(true);
    expect(fs.existsSync(`${s.setAside}-shm`)).toBe(true);
    // The new library starts clean: none of the old WAL's pages were replayed into it.
    expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(s.repo.has('damaged-case')).toBe(false);
    expect(s.listCases().map((c) => c.title)).not.toContain('Title still in the WAL');
    if (fs.existsSync(`${file}-wal`)) expect(fs.readFileSync(`${file}-wal`).equals(wal)).toBe(false);
  });
});

describe('migrations', () => {
  const broken: Migration = { version: LATEST_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);' };
  const good: Migration = { version: LATEST_VERSION + 1, name: 'notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;' };

  it('a migration that fails half-way changes nothing: no table of it remains and the schema version stays', () => {
    const file = path.join(tempDir(), 'library.sqlite');
    makeLibrary(file);
    const cases = exportAll(file);
    const err = caught(() => openLibrary(file, { migrations: [...MIGRATIONS, broken] }));
    expect((err as Error).message).toMatch(/no such table: no_such_table/);
    const db = new Database(file);
    onCleanup(() => db.open && db.close());
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
    expect(exportAll(file)).toEqual(cases);
  });

  it('an old library is backed up before it is migrated, and not when it is up to date', async () => {
    const file = path.join(tempDir(), 'library.sqlite');
    makeLibrary(file);
    const cases = exportAll(file);
    expect(await backupBeforeMigration(file)).toBeUndefined();
    const migrations = [...MIGRATIONS, good];
    const copy = await backupBeforeMigration(file, { migrations });
    expect(path.basename(copy!)).toMatch(new RegExp(`^library-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d-\\d{3}Z-schema${LATEST_VERSION}-before-migration\\.sqlite$`));
    expect(path.dirname(copy!)).toBe(backupsDir(file));
    const opened = openLibrary(file, { migrations });
    expect(opened.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    opened.db.close();
    // The copy is the library as it was before the upgrade.
    expect(inspectLibraryFile(copy!)).toEqual({ version: LATEST_VERSION, isLibrary: true });
    expect(exportAll(copy!)).toEqual(cases);
  });
});

describe('backups', () => {
  it(`are named with time and schema version, each a whole library, and only the newest ${KEEP_BACKUPS} are kept`, async () => {
    const file = path.join(tempDir(), 'library.sqlite');
    makeLibrary(file);
    const s = service(file);
    const t0 = Date.UTC(2025, 7, 17, 10, 0, 0);
    const made: string[] = [];
    for (let i = 0; i < KEEP_BACKUPS + 2; i++) made.push(await backupLibrary(s.db, file, 'daily', new Date(t0 + i * DAILY_MS)));
    const kept = listBackups(file);
    expect(kept.map((b) => b.file)).toEqual(made.slice(2).reverse());
    expect(fs.readdirSync(backupsDir(file)).sort()).toEqual(made.slice(2).map((f) => path.basename(f)).sort());
    expect(path.basename(kept[0]!.file)).toBe(`library-2025-08-25T10-00-00-000Z-schema${LATEST_VERSION}-daily.sqlite`);
    expect(kept[0]).toMatchObject({ schema: LATEST_VERSION, reason: 'daily', time: new Date(t0 + 8 * DAILY_MS) });
    const cases = exportAll(file);
    for (const b of kept) expect(exportAll(b.file)).toEqual(cases);
  });

  it('are single files: a read-only look at one leaves nothing beside it', async () => {
    const file = path.join(tempDir(), 'library.sqlite');
    makeLibrary(file);
    const s = service(file);
    const copy = await backupLibrary(s.db, file, 'daily');
    const db = new Database(copy, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(fs.readdirSync(backupsDir(file))).toEqual([path.basename(copy)]);
  });

  it('are made daily: when the newest is more than a day old, or there is none', async () => {
    const file = path.join(tempDir(), 'library.sqlite');
    makeLibrary(file);
    const s = service(file);
    const t0 = Date.UTC(2025, 7, 17, 10, 0, 0);
    expect(await backupIfDue(s.db, file, new Date(t0))).toBeDefined();
    expect(await backupIfDue(s.db, file, new Date(t0 + DAILY_MS - 60_000))).toBeUndefined();
    expect(await backupIfDue(s.db, file, new Date(t0 + DAILY_MS + 60_000))).toBeDefined();
    expect(listBackups(file).map((b) => b.reason)).toEqual(['daily', 'daily']);
  });
});

describe('restore', () => {
  async function libraryAndBackup(): Promise<{ dir: string; file: string; backup: string; backedUp: Record<string, string> }> {
    const dir = tempDir();
    const file = path.join(dir, 'library.sqlite');
    importSmall(file, 'kept-case', 1);
    const backup = path.join(tempDir(), 'saved.sqlite');
    const s = ParleyService.open(file);
    await backupLibrary(s.db, file, 'daily');
    fs.renameSync(listBackups(file)[0]!.file, backup);
    s.close();
    const backedUp = exportAll(backup);
    importSmall(file, 'later-case', 2);
    return { dir, file, backup, backedUp };
  }

  it('replaces the library with the backup, after backing the current library up', async () => {
    const { file, backup, backedUp } = await libraryAndBackup();
    const current = exportAll(file);
    const r = await restoreLibrary(file, backup);
    expect(r).toMatchObject({ schema: LATEST_VERSION, cases: 1 });
    expect(exportAll(file)).toEqual(backedUp);
    expect(path.basename(r.backup!)).toMatch(new RegExp(`-schema${LATEST_VERSION}-before-restore\\.sqlite$`));
    expect(exportAll(r.backup!)).toEqual(current);
    const db = new Database(file);
    onCleanup(() => db.open && db.close());
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  const refused: [string, (f: string) => void, RegExp][] = [
    ['a text file', (f) => fs.writeFileSync(f, 'not a library\n'), /not an SQLite database/],
    ['an empty SQLite database', (f) => new Database(f).exec('CREATE TABLE t (x); DROP TABLE t;').close(), /empty SQLite database, not a Parley library/],
    [
      'another program’s SQLite database',
      (f) => {
        const db = new Database(f);
        db.exec('CREATE TABLE notes (body TEXT)');
        db.close();
      },
      /not a Parley library/,
    ],
    [
      'a library of a newer Parley',
      (f) => {
        makeLibrary(f);
        const db = new Database(f);
        db.pragma(`user_version = ${LATEST_VERSION + 1}`);
        db.close();
      },
      /newer version of Parley/,
    ],
    ['a damaged library', (f) => makeDamagedLibrary(f), /is damaged/],
  ];

  it.each(refused)('refuses %s and changes nothing', async (_what, make, message) => {
    const { dir, file } = await libraryAndBackup();
    const source = path.join(tempDir(), 'candidate.sqlite');
    make(source);
    const before = sha256(file);
    const listing = fs.readdirSync(dir).sort();
    const err = await rejected(restoreLibrary(file, source));
    expect(err).toBeInstanceOf(LibraryError);
    expect((err as Error).message).toMatch(message);
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(listing);
  });

  it('refuses while another connection has the library open, and changes nothing', async () => {
    const { dir, file, backup } = await libraryAndBackup();
    const current = exportAll(file);
    const listing = fs.readdirSync(dir).sort();
    const other = service(file);
    const err = await rejected(restoreLibrary(file, backup));
    expect(err).toBeInstanceOf(LibraryBusyError);
    expect((err as Error).message).toMatch(/open in another Parley program.*close it/);
    expect(other.listCases().map((c) => c.id).sort()).toEqual(['kept-case', 'later-case']);
    other.close();
    expect(exportAll(file)).toEqual(current);
    expect(fs.readdirSync(dir).sort()).toEqual(listing);
  });

  it('sets a damaged library aside (with its -wal and -shm) instead of backing it up', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'library.sqlite');
    makeDamagedLibraryWithWal(file, path.join(tempDir(), 'scratch.sqlite'));
    const wal = fs.readFileSync(`${file}-wal`);
    const { backup, backedUp } = await libraryAndBackup();
    const r = await restoreLibrary(file, backup);
    expect(r.backup).toBeUndefined();
    expect(fs.readFileSync(`${r.setAside!}-wal`).equals(wal)).toBe(true);
    expect(exportAll(file)).toEqual(backedUp);
  });

  it('an older backup is restored as it is, and backed up again before the next open migrates it', async () => {
    const { file, backup, backedUp } = await libraryAndBackup();
    const migrations = [...MIGRATIONS, { version: LATEST_VERSION + 1, name: 'notes', sql: 'CREATE TABLE notes (body TEXT) STRICT;' }];
    const upgraded = openLibrary(file, { migrations });
    upgraded.db.close();
    const r = await restoreLibrary(file, backup, { migrations });
    expect(r.schema).toBe(LATEST_VERSION);
    expect(inspectLibraryFile(file, { migrations }).version).toBe(LATEST_VERSION);
    const copy = await backupBeforeMigration(file, { migrations });
    expect(copy).toMatch(/before-migration\.sqlite$/);
    expect(listBackups(file).map((b) => b.reason)).toEqual(['before-migration', 'before-restore']);
    expect(exportAll(file)).toEqual(backedUp);
  });
});
