// `parley backup` and `parley restore`, and when the library is backed up on its own: the CLI in-process
// on real library files, next to a real `parley serve` process where another program matters.
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsDir, listBackups } from '../../../src-main/store/backups.ts';
import { inspectLibraryFile, openLibrary } from '../../../src-main/store/library.ts';
import { LATEST_VERSION, MIGRATIONS } from '../../../src-main/store/migrations/index.ts';
import { apiCall, REPO_ROOT, startServe } from '../parley-process.ts';
import { makeDamagedLibrary } from '../store/damaged-library.ts';
import { cli, tmp, type Run } from './cli-harness.ts';

const SMALL = path.join(REPO_ROOT, 'tests/fixtures/cli-small-case.json');
const UKRAINE = 'ukraine-talks-2025-08';
/** The shipped cases a new library is seeded with. */
const SHIPPED = fs
  .readdirSync(path.join(REPO_ROOT, 'data', 'cases'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'cases', f), 'utf8')) as { id: string }).id)
  .sort();
const sorted = (ids: string[]) => [...ids].sort();

const parley = (...args: string[]) => cli(...args, '--db', tmp.db);
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function caseIds(library = tmp.db): Promise<string[]> {
  const r = await cli('cases', '--format', 'json', '--db', library);
  expect(r.code).toBe(0);
  return sorted((JSON.parse(r.stdout) as { id: string }[]).map((c) => c.id));
}

function expectOneCleanMessage(r: Run, pattern: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.match(/parley:/g)).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

describe('parley backup', () => {
  it('writes the whole library into one file that opens as a library', async () => {
    expect((await parley('import', SMALL)).code).toBe(0);
    const out = path.join(tmp.dir, 'copy.sqlite');
    const r = await parley('backup', '--out', out);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`backed up ${SHIPPED.length + 1} cases`);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.startsWith('copy'))).toEqual(['copy.sqlite']);
    expect(await caseIds(out)).toEqual(await caseIds());
    const exported = await cli('export', 'cli-small', '--out', '-', '--db', out);
    expect(exported.stdout).toBe((await parley('export', 'cli-small', '--out', '-')).stdout);
  });

  it('copies a library that `parley serve` is writing to, consistently', async () => {
    const server = await startServe(tmp.db);
    try {
      const writes = (async () => {
        for (let i = 0; i < 20; i++) {
          const r = await apiCall(server.url, 'saveScenario', { caseId: UKRAINE, scenario: { id: `s-${i}`, name: `Scenario ${i}`, terms: { donetsk: 'contact-line' } } });
          expect(r.status).toBe(200);
        }
      })();
      const out = path.join(tmp.dir, 'online.sqlite');
      const r = await parley('backup', '--out', out);
      await writes;
      expect(r.code).toBe(0);
      const copy = new Database(out, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      copy.close();
      expect(await caseIds(out)).toEqual(SHIPPED);
    } finally {
      await server.stop();
    }
  });

  it.each([
    [['backup'], 2, /--out FILE is required/],
    [['backup', '--out', 'no-such-folder/copy.sqlite'], 1, /the folder .*no-such-folder does not exist/],
  ])('refuses %j', async (args, code, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
  });

  it('refuses to write over the library itself', async () => {
    await parley('cases');
    const before = sha256(tmp.db);
    expectOneCleanMessage(await parley('backup', '--out', tmp.db), /is the library itself/);
    expect(sha256(tmp.db)).toBe(before);
  });
});

describe('parley restore', () => {
  async function backedUp(): Promise<string> {
    const out = path.join(tmp.dir, 'saved.sqlite');
    expect((await parley('backup', '--out', out)).code).toBe(0);
    expect((await parley('import', SMALL)).code).toBe(0);
    return out;
  }

  it('puts the backup back and keeps the library it replaced in backups/', async () => {
    const saved = await backedUp();
    const before = await parley('export', 'cli-small', '--out', '-');
    const r = await parley('restore', saved);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`restored ${saved} (${SHIPPED.length} case${SHIPPED.length === 1 ? '' : 's'}, schema ${LATEST_VERSION})`);
    expect(await caseIds()).toEqual(SHIPPED);
    const kept = listBackups(tmp.db);
    expect(kept.map((b) => b.reason)).toEqual(['before-restore']);
    expect(r.stdout).toContain(kept[0]!.file);
    // The replaced library is whole in its backup, and can itself be restored.
    expect((await cli('export', 'cli-small', '--out', '-', '--db', kept[0]!.file)).stdout).toBe(before.stdout);
    expect((await parley('restore', kept[0]!.file)).code).toBe(0);
    expect(await caseIds()).toEqual(sorted([...SHIPPED, 'cli-small']));
  });

  const refusals: [string, (f: string) => void, RegExp][] = [
    ['a case file', (f) => fs.copyFileSync(SMALL, f), /not an SQLite database/],
    ['another program’s database', (f) => new Database(f).exec('CREATE TABLE notes (body TEXT)').close(), /not a Parley library/],
    [
      'a library of a newer Parley',
      (f) => {
        const d = new Database(f);
        d.pragma('application_id = 0x50524c59');
        d.pragma(`user_version = ${LATEST_VERSION + 1}`);
        d.exec('CREATE TABLE meta (key TEXT)');
        d.close();
      },
      /newer version of Parley/,
    ],
    ['a damaged library', (f) => makeDamagedLibrary(f), /is damaged/],
  ];

  it.each(refusals)('refuses %s with one clear message and changes nothing', async (_what, make, message) => {
    await backedUp();
    const candidate = path.join(tmp.dir, 'candidate.sqlite');
    make(candidate);
    const before = sha256(tmp.db);
    expectOneCleanMessage(await parley('restore', candidate), message);
    expect(sha256(tmp.db)).toBe(before);
    expect(fs.existsSync(backupsDir(tmp.db))).toBe(false);
  });

  it('refuses while `parley serve` has the library open, which keeps working', async () => {
    const saved = await backedUp();
    const server = await startServe(tmp.db);
    try {
      expectOneCleanMessage(await parley('restore', saved), /open in another Parley program \(the app or `parley serve`\); close it/);
      const r = await apiCall(server.url, 'listCases', {});
      expect(sorted((r.body!.value as { id: string }[]).map((c) => c.id))).toEqual(sorted([...SHIPPED, 'cli-small']));
    } finally {
      await server.stop();
    }
    expect(await caseIds()).toEqual(sorted([...SHIPPED, 'cli-small']));
    expect((await parley('restore', saved)).code).toBe(0);
    expect(await caseIds()).toEqual(SHIPPED);
  });
});

describe('automatic backups', () => {
  it('the CLI makes none on its own; `parley serve` makes one a day', async () => {
    for (let i = 0; i < 3; i++) expect((await parley('cases')).code).toBe(0);
    expect(fs.existsSync(backupsDir(tmp.db))).toBe(false);
    for (let i = 0; i < 2; i++) {
      const server = await startServe(tmp.db);
      await server.stop();
    }
    expect(listBackups(tmp.db).map((b) => [b.reason, b.schema])).toEqual([['daily', LATEST_VERSION]]);
  });

  it('a command that opens an older library backs it up before upgrading it; one given a case file leaves it alone', async () => {
    const old = openLibrary(tmp.db, { migrations: MIGRATIONS.slice(0, -1) });
    old.db.close();
    // Whatever else they are given: the backup would come before the command runs.
    for (const cmd of ['score', 'chart', 'report', 'export', 'timeline', 'sensitivity', 'search', 'frontier', 'nearest']) {
      await parley(cmd, SMALL, ...(['chart', 'report', 'export'].includes(cmd) ? ['--out', path.join(tmp.dir, `${cmd}.out`)] : []));
    }
    expect(fs.existsSync(backupsDir(tmp.db)), 'commands given a case file made a backup').toBe(false);
    expect(inspectLibraryFile(tmp.db).version).toBe(MIGRATIONS.at(-2)!.version);
    const r = await parley('cases');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/upgraded to a new schema; it was backed up first to .*before-migration\.sqlite/);
    expect(listBackups(tmp.db).map((b) => [b.reason, b.schema])).toEqual([['before-migration', MIGRATIONS.at(-2)!.version]]);
    expect(inspectLibraryFile(tmp.db).version).toBe(LATEST_VERSION);
  });
});
