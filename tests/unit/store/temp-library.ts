// Real SQLite files in throwaway folders for the store tests: every folder made here is removed after each test.
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { parseCaseText } from '../../../src-core/case-file.ts';
import type { Case } from '../../../src-core/model.ts';
import { ParleyService } from '../../../src-main/service.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CASES_DIR = path.join(REPO_ROOT, 'data', 'cases');

const dirs: string[] = [];
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the OS temp dir, removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-store-'));
  dirs.push(dir);
  return dir;
}

/** A path for a library file that does not exist yet. */
export function tempLibraryPath(name = 'library.sqlite'): string {
  return path.join(tempDir(), name);
}

/** Runs `fn` after the test (before the folders are removed), e.g. to close a connection. */
export function onCleanup(fn: () => void): void {
  cleanups.push(fn);
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every shipped case file, with its text and parsed case. */
export function shippedCases(): { file: string; text: string; parsed: Case }[] {
  return fs
    .readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = path.join(CASES_DIR, f);
      const text = fs.readFileSync(file, 'utf8');
      const r = parseCaseText(text);
      if (!r.ok) throw new Error(`shipped case ${file} is invalid: ${JSON.stringify(r.errors)}`);
      return { file, text, parsed: r.case };
    });
}

/** Row counts of every table: "nothing changed" means these are equal before and after. */
export function tableCounts(db: Database.Database): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

/** Opens a raw connection (for pragmas and constraint tests), closed after the test. */
export function rawDb(file: string, options: Database.Options = {}): Database.Database {
  const db = new Database(file, options);
  onCleanup(() => db.open && db.close());
  return db;
}

/** The error `fn` throws; fails the test when it throws none. */
export function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

/** Every case of a library as its exported case file: what "the same library" means to a user. */
export function exportAll(file: string): Record<string, string> {
  const s = ParleyService.open(file);
  try {
    return Object.fromEntries(s.listCases().map((c) => [c.id, s.exportCase({ caseId: c.id }).content]));
  } finally {
    s.close();
  }
}
