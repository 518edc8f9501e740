// Re-importing a case that is already in the library (issue 13, point 1): the file's case data replaces the
// library's, scenarios saved in the app stay unless the file has one with the same id, the preview lists exactly
// what will be lost, and the replacement is undoable. Also scenarios on their own, in and out.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-core/api.ts';
import { serializeCase } from '../../../src-core/case-file.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { CASES_DIR, onCleanup, shippedCases, tempLibraryPath } from './temp-library.ts';

const DEFAULT = 'ukraine-talks-2025-08';
const shipped = () => shippedCases().find((c) => c.parsed.id === DEFAULT)!;

function open(): ParleyService {
  const s = ParleyService.open(tempLibraryPath(), { casesDir: CASES_DIR });
  onCleanup(() => s.close());
  return s;
}

const mine = { id: 'my-deal', name: 'My deal', terms: { donetsk: 'contact-line', nato: 'no-decision' } };

describe('re-importing a case keeps the scenarios saved in the app', () => {
  it('a saved scenario survives importing the same case file with replace', () => {
    const s = open();
    s.saveScenario({ caseId: DEFAULT, scenario: mine });
    s.importCase({ content: shipped().text, replace: true });
    const after = s.getCase({ caseId: DEFAULT });
    expect(after.scenarios.map((x) => x.id)).toContain('my-deal');
    expect(after.scenarios.find((x) => x.id === 'my-deal')!.terms).toEqual(mine.terms);
  });

  it('the file\'s case data replaces the library\'s: an edit made in the app is overwritten, and the preview says so', () => {
    const s = open();
    s.saveScenario({ caseId: DEFAULT, scenario: mine });
    s.edit({ caseId: DEFAULT, edit: { op: 'updateParty', party: { ...s.getCase({ caseId: DEFAULT }).parties[0]!, reservation: 90 } } });
    s.edit({ caseId: DEFAULT, edit: { op: 'addParty', party: { id: 'china', name: 'China' } } });
    const preview = s.previewImport({ content: shipped().text });
    expect(preview).toMatchObject({ id: DEFAULT, exists: true, keptScenarios: ['My deal'], replacedScenarios: [], droppedTerms: [] });
    expect(preview.changes).toEqual([
      { kind: 'party', change: 'changed', label: '“Russia”' },
      { kind: 'party', change: 'removed', label: '“China”' },
    ]);
    s.importCase({ content: shipped().text, replace: true });
    const after = s.getCase({ caseId: DEFAULT });
    expect(after.parties.map((p) => p.id)).toEqual(shipped().parsed.parties.map((p) => p.id));
    expect(after.parties[0]!.reservation).toBe(shipped().parsed.parties[0]!.reservation);
    expect(after.scenarios.map((x) => x.id)).toEqual([...shipped().parsed.scenarios.map((x) => x.id), 'my-deal']);
  });

  it('a file scenario with the same id replaces the saved one, and the preview names it', () => {
    const s = open();
    s.saveScenario({ caseId: DEFAULT, scenario: mine });
    const file = { ...shipped().parsed, scenarios: [...shipped().parsed.scenarios, { id: 'my-deal', name: 'Their deal', terms: { nato: 'never' } }] };
    const preview = s.previewImport({ content: serializeCase(file) });
    expect(preview.replacedScenarios).toEqual(['My deal']);
    expect(preview.changes).toContainEqual({ kind: 'scenario', change: 'changed', label: '“Their deal”' });
    s.importCase({ content: serializeCase(file), replace: true });
    expect(s.getCase({ caseId: DEFAULT }).scenarios.find((x) => x.id === 'my-deal')).toEqual({ id: 'my-deal', name: 'Their deal', terms: { nato: 'never' } });
  });

  it('a kept scenario loses only the terms the file no longer has, and the preview lists them', () => {
    const s = open();
    s.saveScenario({ caseId: DEFAULT, scenario: mine });
    const file = structuredClone(shipped().parsed);
    const donetsk = file.issues.find((i) => i.id === 'donetsk')!;
    donetsk.options = donetsk.options.filter((o) => o.id !== 'contact-line');
    if (donetsk.statusQuo === 'contact-line') delete donetsk.statusQuo;
    for (const p of file.positions) if (p.issue === 'donetsk') delete p.stances['contact-line'];
    for (const sc of file.scenarios) if (sc.terms.donetsk === 'contact-line') delete sc.terms.donetsk;
    file.incompatible = file.incompatible.filter((e) => e.terms.donetsk !== 'contact-line');
    const preview = s.previewImport({ content: serializeCase(file) });
    expect(preview.droppedTerms).toEqual(['“My deal” loses its term on Donetsk region (the file has no option “contact-line” there)']);
    s.importCase({ content: serializeCase(file), replace: true });
    expect(s.getCase({ caseId: DEFAULT }).scenarios.find((x) => x.id === 'my-deal')!.terms).toEqual({ nato: 'no-decision' });
  });

  it('the replacement is one revision that undo reverses exactly', () => {
    const s = open();
    s.saveScenario({ caseId: DEFAULT, scenario: mine });
    s.edit({ caseId: DEFAULT, edit: { op: 'setCase', title: 'Edited in the app' } });
    const before = s.exportCase({ caseId: DEFAULT }).content;
    s.importCase({ content: shipped().text, replace: true, fileName: 'ukraine.json' });
    expect(s.history({ caseId: DEFAULT }).undo).toBe('Replaced case “Edited in the app” with the file from ukraine.json, kept 1 saved scenario');
    s.undo({ caseId: DEFAULT });
    expect(s.exportCase({ caseId: DEFAULT }).content).toBe(before);
  });

  it('without replace, an existing case is a conflict and nothing changes; a new case previews as new', () => {
    const s = open();
    const before = s.exportCase({ caseId: DEFAULT }).content;
    expect(() => s.importCase({ content: shipped().text })).toThrow(/already in the library/);
    expect(s.exportCase({ caseId: DEFAULT }).content).toBe(before);
    const other = { ...shipped().parsed, id: 'another' };
    expect(s.previewImport({ content: serializeCase(other) })).toMatchObject({ id: 'another', exists: false, changes: [] });
  });
});

describe('scenarios on their own', () => {
  it('export and import into another library: ids that are taken get new ids, identical ones are skipped', () => {
    const teacher = open();
    const student = open();
    student.saveScenario({ caseId: DEFAULT, scenario: mine });
    student.saveScenario({ caseId: DEFAULT, scenario: { id: 'second', name: 'Second', terms: { ceasefire: shipped().parsed.issues.find((i) => i.id === 'ceasefire')!.options[0]!.id } } });
    const file = student.exportScenarios({ caseId: DEFAULT, scenarioIds: ['my-deal', 'second'] });
    expect(file.fileName).toBe(`${DEFAULT}.scenarios.json`);
    expect(JSON.parse(file.content)).toMatchObject({ format: 'parley-scenarios', version: 1, case: DEFAULT });
    expect(file.content).not.toContain('"saved"');

    teacher.saveScenario({ caseId: DEFAULT, scenario: { ...mine, name: 'Teacher’s own deal' } });
    const dry = teacher.importScenarios({ caseId: DEFAULT, content: file.content, dryRun: true });
    expect(dry.revision).toBeNull();
    expect(teacher.getCase({ caseId: DEFAULT }).scenarios.map((x) => x.id)).not.toContain('second');
    const r = teacher.importScenarios({ caseId: DEFAULT, content: file.content, fileName: 'student.json' });
    expect(r.added).toEqual([{ id: 'my-deal-2', name: 'My deal', renamedFrom: 'my-deal' }, { id: 'second', name: 'Second' }]);
    expect(r.revision!.summary).toBe('Imported 2 scenarios from student.json');
    // Importing the same file again adds nothing: each scenario is already there, whatever its id.
    const again = teacher.importScenarios({ caseId: DEFAULT, content: file.content });
    expect(again.skipped).toEqual(['My deal', 'Second']);
    expect(again.added).toEqual([]);
  });

  it('a scenario whose name is taken gets a number, so no two scenarios share a name', () => {
    const s = open();
    s.saveScenario({ caseId: DEFAULT, scenario: mine });
    const other = { id: 'student-deal', name: 'My deal', terms: { sanctions: 'eased' } };
    const content = JSON.stringify({ format: 'parley-scenarios', version: 1, case: DEFAULT, scenarios: [{ ...mine, terms: { nato: 'never' } }, other] });
    const r = s.importScenarios({ caseId: DEFAULT, content });
    expect(r.added).toEqual([
      { id: 'my-deal-2', name: 'My deal (2)', renamedFrom: 'my-deal', nameFrom: 'My deal' },
      { id: 'student-deal', name: 'My deal (3)', nameFrom: 'My deal' },
    ]);
    const names = s.getCase({ caseId: DEFAULT }).scenarios.map((x) => x.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('a scenario that does not fit the case is refused with its path, and nothing is added', () => {
    const s = open();
    const before = s.exportCase({ caseId: DEFAULT }).content;
    const content = JSON.stringify({ format: 'parley-scenarios', version: 1, case: DEFAULT, scenarios: [{ id: 'x', name: 'X', terms: { donetsk: 'moon' } }] });
    let err: ApiError | undefined;
    try {
      s.importScenarios({ caseId: DEFAULT, content });
    } catch (e) {
      err = e as ApiError;
    }
    expect(err?.code).toBe('invalid_file');
    expect(err?.details).toEqual([{ path: 'scenarios[0].terms.donetsk', message: '"moon" is not an option of issue "donetsk"' }]);
    expect(s.exportCase({ caseId: DEFAULT }).content).toBe(before);
  });
});
