// Migration 004 (scenario dates) on real SQLite files, and the order a new library lists shipped cases.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseCaseOrThrow, serializeCase } from '../../../src-core/case-file.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { APPLICATION_ID } from '../../../src-main/store/library.ts';
import { LATEST_VERSION, MIGRATIONS } from '../../../src-main/store/migrations/index.ts';
import { FIRST_SHIPPED_CASE, shippedCaseFiles } from '../../../src-main/store/seed.ts';
import { CASES_DIR, onCleanup, rawDb, tempLibraryPath } from './temp-library.ts';

function openService(file: string, options: Parameters<typeof ParleyService.open>[1] = {}): ParleyService {
  const s = ParleyService.open(file, options);
  onCleanup(() => s.close());
  return s;
}

/** A library as Parley wrote it before migration 004: schema 1 and one case with a scenario. */
function libraryAtVersion1(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(MIGRATIONS.find((m) => m.version === 1)!.sql);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 1');
    db.exec(`
      INSERT INTO cases VALUES ('old', 0, 'Old case', NULL, NULL, 100, 70, 50, 25, 0, 50, '2025-01-01', '2025-01-01');
      INSERT INTO parties VALUES ('old', 'a', 0, 'A', NULL, 50, NULL);
      INSERT INTO issues VALUES ('old', 'x', 0, 'X', NULL, NULL);
      INSERT INTO options VALUES ('old', 'x', 'one', 0, 'One', NULL);
      INSERT INTO scenarios VALUES ('old', 'deal', 0, 'Deal', NULL, NULL);
      INSERT INTO scenario_terms VALUES ('old', 'deal', 'x', 'one', 0);`);
  } finally {
    db.close();
  }
}

describe('migration 004: scenario dates', () => {
  it('upgrades a schema-1 library in place: old scenarios have no date, new ones keep theirs', () => {
    const file = tempLibraryPath();
    libraryAtVersion1(file);
    const s = openService(file);
    expect(s.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const old = s.getCase({ caseId: 'old' });
    expect(old.scenarios.map((x) => [x.id, x.date, x.terms])).toEqual([['deal', undefined, { x: 'one' }]]);

    s.saveScenario({ caseId: 'old', scenario: { id: 'dated', name: 'Dated', date: '2015-02-12', terms: { x: 'one' } } });
    const after = s.getCase({ caseId: 'old' });
    expect(after.scenarios.map((x) => [x.id, x.date])).toEqual([['deal', undefined], ['dated', '2015-02-12']]);
    expect(JSON.parse(s.exportCase({ caseId: 'old' }).content).scenarios[1]).toEqual({ id: 'dated', name: 'Dated', date: '2015-02-12', terms: { x: 'one' } });
  });

  it('lets the database itself refuse a malformed date', () => {
    const file = tempLibraryPath();
    openService(file).close();
    const raw = rawDb(file);
    raw.exec(`INSERT INTO cases VALUES ('c', 0, 'C', NULL, NULL, 100, 70, 50, 25, 0, 50, 'now', 'now')`);
    expect(() => raw.prepare(`INSERT INTO scenarios (case_id, id, ord, name, date) VALUES ('c', 's', 0, 'S', '12 Feb 2015')`).run()).toThrow(/CHECK constraint/);
  });

  it('round-trips a case whose scenarios are dated through import and export unchanged', () => {
    const c = parseCaseOrThrow({
      format: 'parley-case', version: 1, id: 'dates', title: 'Dates',
      parties: [{ id: 'a', name: 'A' }],
      issues: [{ id: 'x', name: 'X', options: [{ id: 'one', label: 'One' }, { id: 'two', label: 'Two' }] }],
      scenarios: [{ id: 'p', name: 'P', date: '2022-03-29', terms: { x: 'one' } }, { id: 'q', name: 'Q', terms: { x: 'two' } }],
    });
    const s = openService(tempLibraryPath());
    s.importCase({ content: serializeCase(c) });
    expect(s.getCase({ caseId: 'dates' })).toEqual(c);
    expect(s.exportCase({ caseId: 'dates' }).content).toBe(serializeCase(c));
  });
  it('keeps a date set through an edit (the granular write path) and undoes it', () => {
    const s = openService(tempLibraryPath(), { casesDir: CASES_DIR });
    const caseId = 'ukraine-talks-2025-08';
    const alaska = s.getCase({ caseId }).scenarios.find((x) => x.id === 'alaska-terms')!;
    s.edit({ caseId, edit: { op: 'putScenario', scenario: { ...alaska, date: '2025-08-15' } } });
    expect(s.getCase({ caseId }).scenarios.find((x) => x.id === 'alaska-terms')!.date).toBe('2025-08-15');
    expect(JSON.parse(s.exportCase({ caseId }).content).scenarios[0].date).toBe('2025-08-15');
    s.undo({ caseId });
    expect(s.getCase({ caseId }).scenarios.find((x) => x.id === 'alaska-terms')!.date).toBeUndefined();
  });
});

describe('seeding order', () => {
  it('lists the August 2025 case first, then the other shipped cases by file name', () => {
    const files = shippedCaseFiles(CASES_DIR).map((f) => f.split(/[\\/]/).pop());
    expect(files[0]).toBe(FIRST_SHIPPED_CASE);
    expect(files).toContain('ukraine-proposals-2014-2026.json');
    expect(files.slice(1)).toEqual([...files.slice(1)].sort());
    const s = openService(tempLibraryPath(), { casesDir: CASES_DIR });
    expect(s.listCases().map((x) => x.id).slice(0, 2)).toEqual(['ukraine-talks-2025-08', 'ukraine-proposals-2014-2026']);
  });
});
