// Issue 13, point 3: a scenario saved in the app takes its id from its name, and renaming it in the app gives
// it the id of the new name in one undoable step, so exported file names and CSV never show the old name.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-core/api.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { CASES_DIR, onCleanup, tempLibraryPath } from './temp-library.ts';

const CASE = 'ukraine-talks-2025-08';

function open(): ParleyService {
  const s = ParleyService.open(tempLibraryPath(), { casesDir: CASES_DIR });
  onCleanup(() => s.close());
  return s;
}

describe('saving a renamed scenario under its new id', () => {
  it('replaces the old id in place, in one revision that undo reverses', () => {
    const s = open();
    s.saveScenario({ caseId: CASE, scenario: { id: 'freeze-first', name: 'Freeze first', terms: { donetsk: 'contact-line' } } });
    const ids = s.getCase({ caseId: CASE }).scenarios.map((x) => x.id);
    const before = s.history({ caseId: CASE }).revisions.length;
    const after = s.saveScenario({ caseId: CASE, replaces: 'freeze-first', scenario: { id: 'ceasefire-first', name: 'Ceasefire first', terms: { donetsk: 'contact-line', nato: 'never' } } });
    expect(after.scenarios.map((x) => x.id)).toEqual(ids.map((id) => (id === 'freeze-first' ? 'ceasefire-first' : id)));
    expect(after.scenarios.find((x) => x.id === 'ceasefire-first')).toEqual({ id: 'ceasefire-first', name: 'Ceasefire first', terms: { donetsk: 'contact-line', nato: 'never' }, saved: true });
    const revisions = s.history({ caseId: CASE }).revisions;
    expect(revisions).toHaveLength(before + 1);
    expect(revisions.at(-1)!.summary).toBe('Scenario “Freeze first” saved as “Ceasefire first”');
    expect(s.exportCase({ caseId: CASE }).content).not.toMatch(/freeze-first|Freeze first/);
    s.undo({ caseId: CASE });
    expect(s.getCase({ caseId: CASE }).scenarios.map((x) => x.id)).toEqual(ids);
  });

  it('refuses a new id that another scenario has, and a scenario that is not there, changing nothing', () => {
    const s = open();
    s.saveScenario({ caseId: CASE, scenario: { id: 'mine', name: 'Mine', terms: {} } });
    const before = s.exportCase({ caseId: CASE }).content;
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return (err as ApiError).code;
      }
      return 'no error';
    };
    expect(code(() => s.saveScenario({ caseId: CASE, replaces: 'mine', scenario: { id: 'alaska-terms', name: 'Alaska', terms: {} } }))).toBe('conflict');
    expect(code(() => s.saveScenario({ caseId: CASE, replaces: 'nope', scenario: { id: 'other', name: 'Other', terms: {} } }))).toBe('not_found');
    expect(s.exportCase({ caseId: CASE }).content).toBe(before);
  });
});
