// Checking only what an edit changed (caseChangeErrors) gives the very errors a full check of the case file
// gives (parseCase), for valid edits and for edits that break the case in every way a field can.
import { describe, expect, it } from 'vitest';
import { caseChangeErrors, parseCase, toCaseFile } from '../../../src-core/case-file.ts';
import { applyEdit, EditRefused, type Edit, type EditInput } from '../../../src-core/edits.ts';
import type { Case } from '../../../src-core/model.ts';
import { generateCase, seededRandom } from '../../fixtures/generate-case.ts';
import { randomEdit } from '../store/random-edits.ts';

/** Breaks an edit the way a typed field can: empty names, numbers out of range, dates that do not exist, bad ids. */
function corrupt(edit: EditInput, rnd: () => number): EditInput {
  const e = structuredClone(edit) as Record<string, any>;
  const which = Math.floor(rnd() * 4);
  if (e.party) [() => (e.party.name = '  '), () => (e.party.reservation = 150), () => (e.party.color = 'red'), () => (e.party.reservation = 'x')][which]!();
  else if (e.issue && typeof e.issue === 'object') [() => (e.issue.name = ''), () => (e.issue.statusQuo = 'nowhere'), () => (e.issue.description = 'd'.repeat(2001)), () => (e.issue.name = 'n'.repeat(121))][which]!();
  else if (e.option) [() => (e.option.label = ''), () => (e.option.id = 'Bad Id'), () => (e.option.label = ' '), () => (e.option.description = 'x'.repeat(2001))][which]!();
  else if (e.source) [() => (e.source.url = 'ftp://x'), () => (e.source.date = '2025-02-30'), () => (e.source.title = ''), () => (e.source.date = 'soon')][which]!();
  else if (e.position) [() => (e.position.salience = 7), () => (e.position.stances = { nowhere: 'demand' }), () => (e.position.date = '2025-13-01'), () => (e.position.source = 'no-source')][which]!();
  else if (e.scenario) [() => (e.scenario.name = ''), () => (e.scenario.terms = { nowhere: 'x' }), () => (e.scenario.source = 'no-source'), () => (e.scenario.description = 'x'.repeat(4001))][which]!();
  else if (e.op === 'setCase') [() => (e.title = ''), () => (e.asOf = '2025-02-29'), () => (e.description = 'x'.repeat(4001)), () => (e.asOf = '17/08/2025')][which]!();
  else if (e.op === 'setRules') [() => (e.unstatedUtility = -1), () => (e.stanceUtilities = { demand: 101 }), () => (e.unstatedUtility = 'x'), () => (e.stanceUtilities = { oppose: -3 })][which]!();
  return e as EditInput;
}

describe('caseChangeErrors', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}: the same errors as a full check, after valid and broken edits alike`, () => {
      const rnd = seededRandom(seed * 7);
      let c: Case = generateCase({ parties: 4, issues: 5, options: 3, scenarios: 3, seed });
      let broken = 0;
      let valid = 0;
      for (let n = 0; n < 60; n++) {
        const edit = rnd() < 0.45 ? corrupt(randomEdit(c, rnd, n), rnd) : randomEdit(c, rnd, n);
        let after: Case;
        try {
          after = applyEdit(c, edit as Edit).case;
        } catch (err) {
          if (err instanceof EditRefused) continue;
          throw err;
        }
        const full = parseCase(toCaseFile(after));
        const errors = caseChangeErrors(c, after);
        expect(errors, JSON.stringify(edit)).toEqual(full.ok ? [] : full.errors);
        if (full.ok) {
          valid++;
          c = after;
        } else broken++;
      }
      expect(valid).toBeGreaterThan(15);
      expect(broken).toBeGreaterThan(10);
    });
  }
});
