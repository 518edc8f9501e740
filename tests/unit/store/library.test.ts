// The case library on real SQLite files: creation, migrations, seeding, round trips, all-or-nothing
// writes, refusing foreign files, and where the library lives.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-core/api.ts';
import { parseCaseText, serializeCase } from '../../../src-core/case-file.ts';
import type { Case } from '../../../src-core/model.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { CaseRepository, ConflictError } from '../../../src-main/store/case-repository.ts';
import { LIBRARY_FILE, resolveLibraryPath, userDataDir } from '../../../src-main/store/library-path.ts';
import { APPLICATION_ID, LibraryError, openLibrary } from '../../../src-main/store/library.ts';
import { LATEST_VERSION, MIGRATIONS } from '../../../src-main/store/migrations/index.ts';
import { generateCase } from '../../fixtures/generate-case.ts';
import { caught, CASES_DIR, onCleanup, rawDb, sha256, shippedCases, tableCounts, tempDir, tempLibraryPath } from './temp-library.ts';

/** A service on a new library file, closed after the test. */
function openService(file = tempLibraryPath(), options: Parameters<typeof ParleyService.open>[1] = {}): ParleyService {
  const s = ParleyService.open(file, options);
  onCleanup(() => s.close());
  return s;
}

function exportOf(s: ParleyService, caseId: string): string {
  return s.exportCase({ caseId }).content;
}

function small(id: string, seed = 1): Case {
  return generateCase({ parties: 3, issues: 4, options: 3, scenarios: 2, seed, id });
}

describe('a new library', () => {
  it('is created with the latest schema, the Parley application id, WAL and foreign keys on', () => {
    const file = path.join(tempDir(), 'nested', 'folder', 'library.sqlite');
    const opened = openLibrary(file);
    onCleanup(() => opened.db.close());
    expect(opened.created).toBe(true);
    expect(opened.path).toBe(file);
    const { db } = opened;
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(0x50524c59);
    expect(APPLICATION_ID).toBe(0x50524c59);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
  });

  it('numbers its migrations 1, 2, … and the last one is the latest version', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(versions[versions.length - 1]);
  });

  it('is not "created" again when reopened, and keeps WAL mode in the file', () => {
    const file = tempLibraryPath();
    openLibrary(file).db.close();
    const again = openLibrary(file);
    onCleanup(() => again.db.close());
    expect(again.created).toBe(false);
    const raw = rawDb(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  });
});

describe('seeding', () => {
  const shippedIds = () => shippedCases().map((c) => c.parsed.id);

  it('imports every shipped case on first run', () => {
    expect(shippedIds().length).toBeGreaterThan(0);
    const s = openService(tempLibraryPath(), { casesDir: CASES_DIR });
    expect(s.listCases().map((c) => c.id).sort()).toEqual([...shippedIds()].sort());
  });

  it('runs on first run only: a deleted default case stays deleted', () => {
    const file = tempLibraryPath();
    const first = ParleyService.open(file, { casesDir: CASES_DIR });
    const ids = first.listCases().map((c) => c.id);
    for (const id of ids) first.repo.delete(id);
    first.close();
    const second = openService(file, { casesDir: CASES_DIR });
    expect(second.listCases()).toEqual([]);
  });

  it('does not duplicate anything when an existing library is reopened', () => {
    const file = tempLibraryPath();
    ParleyService.open(file, { casesDir: CASES_DIR }).close();
    const s = openService(file, { casesDir: CASES_DIR });
    expect(s.listCases()).toHaveLength(shippedIds().length);
  });

  it('names the shipped file that is broken', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"format": "parley-case", "version": 1}');
    const err = caught(() => ParleyService.open(path.join(tempDir(), 'lib.sqlite'), { casesDir: dir }));
    expect((err as Error).message).toContain(path.join(dir, 'broken.json'));
    expect((err as Error).message).toContain('parties');
  });
});

describe('round trip', () => {
  it.each(shippedCases().map((c) => [path.basename(c.file), c] as const))('%s: import → export → import → export gives identical text', (_name, shipped) => {
    const a = openService();
    a.importCase({ content: shipped.text });
    const first = exportOf(a, shipped.parsed.id);
    expect(first).toBe(serializeCase(shipped.parsed));
    expect(a.getCase({ caseId: shipped.parsed.id })).toEqual(shipped.parsed);

    const b = openService();
    b.importCase({ content: first });
    expect(exportOf(b, shipped.parsed.id)).toBe(first);
  });

  it('keeps a generated case exactly, overrides, dated positions and status quo included', () => {
    const c = generateCase({ parties: 6, issues: 10, options: 5, scenarios: 8, seed: 42 });
    expect(c.positions.some((p) => p.utilities)).toBe(true);
    expect(c.positions.some((p) => p.date)).toBe(true);
    expect(c.issues.some((i) => i.statusQuo)).toBe(true);
    const s = openService();
    s.importCase({ content: serializeCase(c) });
    expect(s.getCase({ caseId: c.id })).toEqual(c);
    expect(exportOf(s, c.id)).toBe(serializeCase(c));
  });

  it('keeps stances, overrides and terms in the order the file lists them', () => {
    const c = small('unordered');
    c.positions = c.positions.map((p) => ({
      ...p,
      stances: Object.fromEntries(Object.entries(p.stances).reverse()),
      ...(p.utilities && { utilities: Object.fromEntries(Object.entries(p.utilities).reverse()) }),
    }));
    c.scenarios = c.scenarios.map((sc) => ({ ...sc, terms: Object.fromEntries(Object.entries(sc.terms).reverse()) }));
    const text = serializeCase(c);
    const s = openService();
    s.importCase({ content: text });
    expect(exportOf(s, c.id)).toBe(text);
  });
});

describe('import is all or nothing', () => {
  it('an invalid case file changes nothing and the error names the JSON path', () => {
    const file = tempLibraryPath();
    ParleyService.open(file, { casesDir: CASES_DIR }).close();
    const before = sha256(file);
    const [shipped] = shippedCases();
    const bad = JSON.parse(shipped!.text);
    bad.id = 'a-new-case';
    bad.positions[3].stances['cede-all'] = 'demand';
    bad.positions[5].salience = 9;

    const s = ParleyService.open(file, { casesDir: CASES_DIR });
    const list = s.listCases();
    const counts = tableCounts(s.db);
    const err = caught(() => s.importCase({ content: JSON.stringify(bad) }));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('invalid_case');
    expect((err as ApiError).message).toContain('positions[3].stances.cede-all');
    expect((err as ApiError).details?.map((d) => d.path)).toEqual(expect.arrayContaining(['positions[3].stances.cede-all', 'positions[5].salience']));
    expect(s.listCases()).toEqual(list);
    expect(tableCounts(s.db)).toEqual(counts);
    s.close();
    expect(sha256(file)).toBe(before);
  });

  it('text that is not JSON is refused with its line and column', () => {
    const s = openService();
    const err = caught(() => s.importCase({ content: '{\n  "format": "parley-case",\n  oops\n}' })) as ApiError;
    expect(err.code).toBe('invalid_case');
    expect(err.message).toMatch(/line 3/);
    expect(s.listCases()).toEqual([]);
  });

  it('a duplicate id without replace is a conflict and the existing case is intact', () => {
    const s = openService();
    s.importCase({ content: serializeCase(small('dup', 1)) });
    const before = exportOf(s, 'dup');
    const counts = tableCounts(s.db);
    expect(() => s.repo.insert(small('dup', 2))).toThrow(ConflictError);
    const err = caught(() => s.importCase({ content: serializeCase(small('dup', 2)) })) as ApiError;
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('--replace');
    expect(exportOf(s, 'dup')).toBe(before);
    expect(tableCounts(s.db)).toEqual(counts);
  });

  // Cases that slip past validation and fail inside the transaction: nothing of them may remain.
  const brokenAtDbLevel: [string, (c: Case) => void, RegExp][] = [
    ['a CHECK constraint (salience 9) on the last position', (c) => void (c.positions.at(-1)!.salience = 9), /CHECK constraint failed/],
    ['a foreign key (position of a missing party)', (c) => void (c.positions.at(-1)!.party = 'nobody'), /FOREIGN KEY constraint failed/],
    ['a foreign key (scenario term with a missing option)', (c) => void (c.scenarios.at(-1)!.terms[c.issues[0]!.id] = 'no-such-option'), /FOREIGN KEY constraint failed/],
    ['an unknown stance', (c) => void ((c.positions.at(-1)!.stances as Record<string, string>)[c.issues[0]!.options[0]!.id] = 'maybe'), /unknown stance/],
  ];

  it.each(brokenAtDbLevel)('a failure mid-write leaves nothing behind: %s', (_what, breakIt, error) => {
    const s = openService();
    s.importCase({ content: serializeCase(small('keep')) });
    const counts = tableCounts(s.db);
    const list = s.listCases();
    const broken = small('broken', 7);
    breakIt(broken);
    expect(() => s.repo.insert(broken)).toThrow(error);
    expect(s.repo.has('broken')).toBe(false);
    expect(tableCounts(s.db)).toEqual(counts);
    expect(s.listCases()).toEqual(list);
  });

  it.each(brokenAtDbLevel)('a failed replace keeps the old case whole and in place: %s', (_what, breakIt, error) => {
    const s = openService();
    for (const id of ['first', 'target', 'last']) s.importCase({ content: serializeCase(small(id)) });
    const before = exportOf(s, 'target');
    const counts = tableCounts(s.db);
    const broken = small('target', 9);
    breakIt(broken);
    expect(() => s.repo.insert(broken, { replace: true })).toThrow(error);
    expect(exportOf(s, 'target')).toBe(before);
    expect(tableCounts(s.db)).toEqual(counts);
    expect(s.listCases().map((c) => c.id)).toEqual(['first', 'target', 'last']);
  });
});

describe('replace', () => {
  it("keeps the case's place in the list and its creation time", () => {
    const s = openService();
    for (const id of ['alpha', 'beta', 'gamma']) s.importCase({ content: serializeCase(small(id)) });
    const createdAt = () => s.db.prepare("SELECT created_at FROM cases WHERE id = 'beta'").pluck().get();
    const created = createdAt();
    const replacement = { ...small('beta', 5), title: 'Beta, revised' };
    const summary = s.importCase({ content: serializeCase(replacement), replace: true });
    expect(summary.title).toBe('Beta, revised');
    expect(s.listCases().map((c) => c.id)).toEqual(['alpha', 'beta', 'gamma']);
    expect(exportOf(s, 'beta')).toBe(serializeCase(replacement));
    expect(createdAt()).toBe(created);
    // The old case's rows are gone: only the replacement's positions remain.
    expect(s.db.prepare("SELECT count(*) FROM positions WHERE case_id = 'beta'").pluck().get()).toBe(replacement.positions.length);
  });
});

describe('a file that is not a Parley library', () => {
  const kinds: [string, (file: string) => void, RegExp][] = [
    ['a text file', (f) => fs.writeFileSync(f, 'Dear diary,\nthese are my notes.\n'), /not an SQLite database/],
    [
      'an SQLite database of another program',
      (f) => {
        const db = new Database(f);
        db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me');");
        db.close();
      },
      /SQLite database but not a Parley library/,
    ],
    [
      'a library of a newer Parley',
      (f) => {
        openLibrary(f).db.close();
        const db = new Database(f);
        db.pragma(`user_version = ${LATEST_VERSION + 1}`);
        db.close();
      },
      /newer version of Parley/,
    ],
    [
      'a damaged SQLite file',
      (f) => {
        const bytes = Buffer.alloc(8192, 0xab);
        bytes.write('SQLite format 3\u0000', 0, 'latin1');
        fs.writeFileSync(f, bytes);
      },
      /cannot be read as a Parley library|damaged/,
    ],
  ];

  it.each(kinds)('%s is refused with a clear message and left byte for byte untouched', (_kind, make, message) => {
    const dir = tempDir();
    const file = path.join(dir, 'library.sqlite');
    make(file);
    const before = sha256(file);
    const listing = fs.readdirSync(dir).sort();
    const err = caught(() => openLibrary(file));
    expect(err).toBeInstanceOf(LibraryError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toContain(file);
    expect(() => ParleyService.open(file, { casesDir: CASES_DIR })).toThrow(LibraryError);
    expect(sha256(file)).toBe(before);
    // Nothing new beside it either: the -wal/-shm files a read-only look creates are removed again.
    expect(fs.readdirSync(dir).sort()).toEqual(listing);
  });

  it.each(kinds)("%s is set aside with 'set-aside' and a fresh library takes its place", (_kind, make) => {
    const dir = tempDir();
    const file = path.join(dir, 'library.sqlite');
    make(file);
    const original = fs.readFileSync(file);
    const s = openService(file, { casesDir: CASES_DIR, onUnusable: 'set-aside' });
    expect(s.setAside).toBeDefined();
    expect(path.dirname(s.setAside!)).toBe(dir);
    expect(path.basename(s.setAside!)).toMatch(/^library\.sqlite\.unreadable-/);
    expect(fs.readFileSync(s.setAside!).equals(original)).toBe(true);
    expect(s.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(s.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(s.listCases().length).toBe(shippedCases().length);
  });

  it('an empty file is taken as a new library', () => {
    const file = tempLibraryPath();
    fs.writeFileSync(file, '');
    const opened = openLibrary(file);
    onCleanup(() => opened.db.close());
    expect(opened.created).toBe(true);
    expect(opened.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
  });
});

describe('scenarios through ParleyService', () => {
  const CASE = 'scenario-case';
  function withCase(): { s: ParleyService; c: Case } {
    const s = openService();
    const c = small(CASE, 3);
    s.importCase({ content: serializeCase(c) });
    return { s, c };
  }

  it('saves a new scenario at the end and an existing one in place', () => {
    const { s, c } = withCase();
    const issue = c.issues[0]!;
    const added = s.saveScenario({ caseId: CASE, scenario: { id: 'new-one', name: 'New one', terms: { [issue.id]: issue.options[1]!.id } } });
    expect(added.scenarios.map((x) => x.id)).toEqual([...c.scenarios.map((x) => x.id), 'new-one']);
    const updated = s.saveScenario({ caseId: CASE, scenario: { ...c.scenarios[0]!, name: 'Changed', terms: {} } });
    expect(updated.scenarios.map((x) => x.id)).toEqual([...c.scenarios.map((x) => x.id), 'new-one']);
    expect(updated.scenarios[0]).toEqual({ id: c.scenarios[0]!.id, name: 'Changed', terms: {}, saved: true });
    expect(s.getCase({ caseId: CASE })).toEqual(updated);
  });

  it('renames (trimmed) and deletes', () => {
    const { s, c } = withCase();
    const id = c.scenarios[0]!.id;
    expect(s.renameScenario({ caseId: CASE, scenarioId: id, name: '  Renamed  ' }).scenarios[0]!.name).toBe('Renamed');
    const after = s.deleteScenario({ caseId: CASE, scenarioId: id });
    expect(after.scenarios.map((x) => x.id)).toEqual(c.scenarios.slice(1).map((x) => x.id));
  });

  const badScenarios: [string, (c: Case) => { id: string; name: string; terms: Record<string, string>; source?: string }, string][] = [
    ['an unknown issue', () => ({ id: 'bad', name: 'Bad', terms: { 'no-such-issue': 'x' } }), 'scenario.terms.no-such-issue'],
    ['an unknown option', (c) => ({ id: 'bad', name: 'Bad', terms: { [c.issues[1]!.id]: 'no-such-option' } }), `scenario.terms.${'issue-2'}`],
    ['an unknown source', () => ({ id: 'bad', name: 'Bad', terms: {}, source: 'no-such-source' }), 'scenario.source'],
  ];

  it.each(badScenarios)('a scenario with %s is invalid_input naming the path, and changes nothing', (_what, make, errPath) => {
    const { s, c } = withCase();
    const before = exportOf(s, CASE);
    const counts = tableCounts(s.db);
    for (const scenario of [make(c), { ...make(c), id: c.scenarios[0]!.id }]) {
      const err = caught(() => s.saveScenario({ caseId: CASE, scenario })) as ApiError;
      expect(err).toBeInstanceOf(ApiError);
      expect(err.code).toBe('invalid_input');
      expect(err.message).toContain(errPath);
      expect(err.details?.map((d) => d.path)).toContain(errPath);
    }
    expect(exportOf(s, CASE)).toBe(before);
    expect(tableCounts(s.db)).toEqual(counts);
  });

  it('a missing case or scenario is not_found', () => {
    const { s, c } = withCase();
    const codeOf = (fn: () => unknown) => (caught(fn) as ApiError).code;
    expect(codeOf(() => s.getCase({ caseId: 'nope' }))).toBe('not_found');
    expect(codeOf(() => s.exportCase({ caseId: 'nope' }))).toBe('not_found');
    expect(codeOf(() => s.saveScenario({ caseId: 'nope', scenario: { id: 'x', name: 'X', terms: {} } }))).toBe('not_found');
    expect(codeOf(() => s.renameScenario({ caseId: 'nope', scenarioId: c.scenarios[0]!.id, name: 'X' }))).toBe('not_found');
    expect(codeOf(() => s.renameScenario({ caseId: CASE, scenarioId: 'nope', name: 'X' }))).toBe('not_found');
    expect(codeOf(() => s.deleteScenario({ caseId: CASE, scenarioId: 'nope' }))).toBe('not_found');
    expect(codeOf(() => s.deleteScenario({ caseId: 'nope', scenarioId: c.scenarios[0]!.id }))).toBe('not_found');
    expect(s.getCase({ caseId: CASE })).toEqual(c);
  });
});

describe('the schema holds at the database level', () => {
  function seeded(): Database.Database {
    const s = openService();
    s.importCase({ content: serializeCase(small('raw', 4)) });
    return s.db;
  }
  const insertPosition = (db: Database.Database, party: string, issue: string, salience: number, date: string | null = '2030-01-01') =>
    db.prepare('INSERT INTO positions (case_id, ord, party_id, issue_id, salience, date) VALUES (?, 99, ?, ?, ?, ?)').run('raw', party, issue, salience, date);

  it('refuses a salience outside 1–5', () => {
    const db = seeded();
    expect(() => insertPosition(db, 'party-1', 'issue-1', 9)).toThrow(/CHECK constraint failed/);
    expect(() => insertPosition(db, 'party-1', 'issue-1', 0)).toThrow(/CHECK constraint failed/);
    expect(() => insertPosition(db, 'party-1', 'issue-1', 2.5)).toThrow(/cannot store REAL value in INTEGER column|CHECK/);
  });

  it('refuses references to missing parties, issues, options and cases', () => {
    const db = seeded();
    expect(() => insertPosition(db, 'nobody', 'issue-1', 3)).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => insertPosition(db, 'party-1', 'no-issue', 3)).toThrow(/FOREIGN KEY constraint failed/);
    const pk = db.prepare("SELECT pk FROM positions WHERE case_id = 'raw' LIMIT 1").pluck().get();
    expect(() => db.prepare("INSERT INTO position_options VALUES (?, 'raw', 'issue-1', 'no-option', 'demand', NULL)").run(pk)).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => db.prepare("INSERT INTO parties (case_id, id, ord, name, reservation) VALUES ('no-case', 'p', 0, 'P', 50)").run()).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => db.prepare("UPDATE issues SET status_quo = 'no-option' WHERE case_id = 'raw' AND id = 'issue-1'").run()).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('refuses bad stances, utilities, ids, colours and a second position on the same date', () => {
    const db = seeded();
    const pk = db.prepare("SELECT pk FROM positions WHERE case_id = 'raw' AND issue_id = 'issue-1' LIMIT 1").pluck().get();
    const opt = (db.prepare("SELECT id FROM options WHERE case_id = 'raw' AND issue_id = 'issue-1' LIMIT 1").pluck().get()) as string;
    db.prepare('DELETE FROM position_options WHERE position_pk = ? AND option_id = ?').run(pk, opt);
    const insertOption = db.prepare("INSERT INTO position_options VALUES (?, 'raw', 'issue-1', ?, ?, ?)");
    expect(() => insertOption.run(pk, opt, 'maybe', null)).toThrow(/CHECK constraint failed/);
    expect(() => insertOption.run(pk, opt, null, 101)).toThrow(/CHECK constraint failed/);
    expect(() => insertOption.run(pk, opt, null, null)).toThrow(/CHECK constraint failed/);
    const insertCase = db.prepare(`INSERT INTO cases (id, ord, title, u_demand, u_acceptable, u_neutral, u_oppose, u_red_line, unstated_utility, created_at, updated_at)
      VALUES (?, 9, 'T', 100, 70, 50, 25, 0, 50, 'now', 'now')`);
    expect(() => insertCase.run('Upper-Case')).toThrow(/CHECK constraint failed/);
    expect(() => insertCase.run('-leading-dash')).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare("UPDATE parties SET color = 'red' WHERE case_id = 'raw'").run()).toThrow(/CHECK constraint failed/);
    insertPosition(db, 'party-1', 'issue-1', 3, '2031-01-01');
    expect(() => insertPosition(db, 'party-1', 'issue-1', 3, '2031-01-01')).toThrow(/UNIQUE constraint failed/);
  });

  it('deleting a case removes every row of it but its history, which lets the deletion be undone', () => {
    const s = openService();
    s.importCase({ content: serializeCase(small('gone', 6)) });
    s.deleteCase({ caseId: 'gone' });
    const { revisions, ...counts } = tableCounts(s.db);
    for (const [table, n] of Object.entries(counts)) expect(n, table).toBe(0);
    expect(revisions).toBe(2);
    expect(s.undo({ caseId: 'gone' }).case?.id).toBe('gone');
  });
});

describe('where the library lives', () => {
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ XDG_CONFIG_HOME: '/xdg/config', ...extra });

  it('--db beats $PARLEY_DB', () => {
    expect(resolveLibraryPath('/flag/lib.sqlite', env({ PARLEY_DB: '/env/lib.sqlite' }))).toEqual({ path: '/flag/lib.sqlite', isDefault: false });
  });

  it('$PARLEY_DB beats the per-user folder', () => {
    expect(resolveLibraryPath(undefined, env({ PARLEY_DB: '/env/lib.sqlite' }))).toEqual({ path: '/env/lib.sqlite', isDefault: false });
  });

  it.runIf(process.platform === 'linux')('the per-user library is $XDG_CONFIG_HOME/Parley/library.sqlite on Linux', () => {
    expect(resolveLibraryPath(undefined, env())).toEqual({ path: '/xdg/config/Parley/library.sqlite', isDefault: true });
    expect(LIBRARY_FILE).toBe('library.sqlite');
  });

  it('falls back to ~/.config on Linux and uses the platform folders elsewhere', () => {
    expect(userDataDir({}, 'linux')).toBe(path.join(os.homedir(), '.config', 'Parley'));
    expect(userDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(path.join('/x', 'Parley'));
    expect(userDataDir({}, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Application Support', 'Parley'));
    expect(userDataDir({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'win32')).toBe(path.join('C:\\Users\\me\\AppData\\Roaming', 'Parley'));
  });

  it('resolves relative paths', () => {
    expect(resolveLibraryPath('rel/lib.sqlite', {}).path).toBe(path.resolve('rel/lib.sqlite'));
    expect(resolveLibraryPath(undefined, { PARLEY_DB: 'rel/env.sqlite' }).path).toBe(path.resolve('rel/env.sqlite'));
  });
});

describe('CaseRepository on its own connection', () => {
  it('reads what another connection wrote (WAL, one file)', () => {
    const file = tempLibraryPath();
    const s = openService(file);
    s.importCase({ content: serializeCase(small('shared', 8)) });
    const other = openLibrary(file);
    onCleanup(() => other.db.close());
    expect(new CaseRepository(other.db).get('shared')).toEqual(s.getCase({ caseId: 'shared' }));
    const parsed = parseCaseText(s.exportCase({ caseId: 'shared' }).content);
    expect(parsed.ok).toBe(true);
  });
});
