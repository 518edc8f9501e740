// `parley backup` and `parley restore`, and when the library is backed up on its own: the CLI in-process
// on real library files, next to a real `parley serve` process where another program matters.
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupsDir, listBackups } from '../../../src-main/store/backups.ts';
import { LATEST_VERSION } from '../../../src-main/store/migrations/index.ts';
import { apiCall, REPO_ROOT, startServe } from '../parley-process.ts';
import { makeDamagedLibrary } from '../store/damaged-library.ts';
import { captureCli, type Run } from './run-cli.ts';

const SMALL = path.join(REPO_ROOT, 'tests/fixtures/cli-small-case.json');
const UKRAINE = 'ukraine-talks-2025-08';

let dir: string;
let db: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-backup-'));
  db = path.join(dir, 'library.sqlite');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const runParley = (argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> => captureCli(argv, env, dir);
const parley = (...args: string[]) => runParley([...args, '--db', db]);
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function caseIds(library = db): Promise<string[]> {
  const r = await runParley(['cases', '--format', 'json', '--db', library]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { id: string }[]).map((c) => c.id);
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
    const out = path.join(dir, 'copy.sqlite');
    const r = await parley('backup', '--out', out);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('backed up 2 cases');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('copy'))).toEqual(['copy.sqlite']);
    expect(await caseIds(out)).toEqual(await caseIds());
    const exported = await runParley(['export', 'cli-small', '--out', '-', '--db', out]);
    expect(exported.stdout).toBe((await parley('export', 'cli-small', '--out', '-')).stdout);
  });

  it('copies a library that `parley serve` is writing to, consistently', async () => {
    const server = await startServe(db);
    try {
      const writes = (async () => {
        for (let i = 0; i < 20; i++) {
          const r = await apiCall(server.url, 'saveScenario', { caseId: UKRAINE, scenario: { id: `s-${i}`, name: `Scenario ${i}`, terms: { donetsk: 'contact-line' } } });
          expect(r.status).toBe(200);
        }
      })();
      const out = path.join(dir, 'online.sqlite');
      const r = await parley('backup', '--out', out);
      await writes;
      expect(r.code).toBe(0);
      const copy = new Database(out, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      copy.close();
      expect(await caseIds(out)).toEqual([UKRAINE]);
    } finally {
      await server.stop();
    }
  });

  it.each([
    [['backup'], 2, /--out FILE is required/],
    [['backup', '--out', 'no-such-folder/copy.sqlite'], 1, /the folder .*no-such-folder does not exist/],
  ])('refuses %j', async (args, code, message) => {
    const r = await runParley(args, { PARLEY_DB: db });
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
  });

  it('refuses to write over the library itself', async () => {
    await parley('cases');
    const before = sha256(db);
    expectOneCleanMessage(await parley('backup', '--out', db), /is the library itself/);
    expect(sha256(db)).toBe(before);
  });
});

describe('parley restore', () => {
  async function backedUp(): Promise<string> {
    const out = path.join(dir, 'saved.sqlite');
    expect((await parley('backup', '--out', out)).code).toBe(0);
    expect((await parley('import', SMALL)).code).toBe(0);
    return out;
  }

  it('puts the backup back and keeps the library it replaced in backups/', async () => {
    const saved = await backedUp();
    const before = await parley('export', 'cli-small', '--out', '-');
    const r = await parley('restore', saved);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`restored ${saved} (1 case, schema ${LATEST_VERSION})`);
    expect(await caseIds()).toEqual([UKRAINE]);
    const kept = listBackups(db);
    expect(kept.map((b) => b.reason)).toEqual(['before-restore']);
    expect(r.stdout).toContain(kept[0]!.file);
    // The replaced library is whole in its backup, and can itself be restored.
    expect((await runParley(['export', 'cli-small', '--out', '-', '--db', kept[0]!.file])).stdout).toBe(before.stdout);
    expect((await parley('restore', kept[0]!.file)).code).toBe(0);
    expect(await caseIds()).toEqual([UKRAINE, 'cli-small']);
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
    const candidate = path.join(dir, 'candidate.sqlite');
    make(candidate);
    const before = sha256(db);
    expectOneCleanMessage(await parley('restore', candidate), message);
    expect(sha256(db)).toBe(before);
    expect(fs.existsSync(backupsDir(db))).toBe(false);
  });

  it('refuses while `parley serve` has the library open, which keeps working', async () => {
    const saved = await backedUp();
    const server = await startServe(db);
    try {
      expectOneCleanMessage(await parley('restore', saved), /open in another Parley program \(the app or `parley serve`\); close it/);
      const r = await apiCall(server.url, 'listCases', {});
      expect((r.body!.value as { id: string }[]).map((c) => c.id)).toEqual([UKRAINE, 'cli-small']);
    } finally {
      await server.stop();
    }
    expect(await caseIds()).toEqual([UKRAINE, 'cli-small']);
    expect((await parley('restore', saved)).code).toBe(0);
    expect(await caseIds()).toEqual([UKRAINE]);
  });
});

describe('automatic backups', () => {
  it('the CLI makes none on its own; `parley serve` makes one a day', async () => {
    for (let i = 0; i < 3; i++) expect((await parley('cases')).code).toBe(0);
    expect(fs.existsSync(backupsDir(db))).toBe(false);
    for (let i = 0; i < 2; i++) {
      const server = await startServe(db);
      await server.stop();
    }
    expect(listBackups(db).map((b) => [b.reason, b.schema])).toEqual([['daily', LATEST_VERSION]]);
  });
});
