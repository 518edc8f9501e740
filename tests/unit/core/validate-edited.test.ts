// An edit is validated incrementally (validateEditedCase): it must find exactly the errors the full case
// file validation finds, on random edits of every kind, including ones that break the case on purpose.
import { describe, expect, it } from 'vitest';
import { parseCase, toCaseFile, validateEditedCase } from '../../../src-core/case-file.ts';
import { diffCases } from '../../../src-core/case-patch.ts';
import { applyEdit, EditRefused, type Edit } from '../../../src-core/edits.ts';
import type { Case } from '../../../src-core/model.ts';
import { generateCase, seededRandom } from '../../fixtures/generate-case.ts';
import { randomEdit } from '../store/random-edits.ts';

/** Breaks a case in one of the ways the schema or the cross-references catch. */
function breakSomething(c: Case, rnd: () => number): Case {
  const x = structuredClone(c);
  const k = Math.floor(rnd() * 7);
  if (k === 0 && x.parties[0]) x.parties[0].name = '';
  else if (k === 1 && x.positions[0]) x.positions[0].salience = 9;
  else if (k === 2 && x.scenarios[0] && x.issues[0]) x.scenarios[0].terms[x.issues[0].id] = 'no-such-option';
  else if (k === 3 && x.issues[0]) x.issues[0].statusQuo = 'nowhere';
  else if (k === 4 && x.sources[0]) x.sources[0].url = 'javascript:alert(1)';
  else if (k === 5 && x.parties.length > 1) x.parties[1]!.id = x.parties[0]!.id;
  else if (x.positions[1]) x.positions[1].date = '2025-02-30';
  return x;
}

const sorted = (errors: { path: string; message: string }[]) => errors.map((e) => `${e.path}: ${e.message}`).sort();

describe('incremental validation of an edit', () => {
  it('finds exactly what full validation finds, on 600 random edits (a third of them breaking the case)', () => {
    const rnd = seededRandom(20251129);
    let broken = 0;
    for (let seed = 1; seed <= 30; seed++) {
      let c = generateCase({ parties: 3, issues: 4, options: 3, scenarios: 3, seed, id: 'v' });
      for (let n = 0; n < 20; n++) {
        let after: Case;
        try {
          after = applyEdit(c, randomEdit(c, rnd, n) as Edit).case;
        } catch (err) {
          if (err instanceof EditRefused) continue;
          throw err;
        }
        if (rnd() < 0.33) after = breakSomething(after, rnd);
        const full = parseCase(toCaseFile(after));
        const fast = validateEditedCase(after, diffCases(c, after));
        expect(sorted(fast)).toEqual(full.ok ? [] : sorted(full.errors));
        if (full.ok) c = after;
        else broken++;
      }
    }
    expect(broken).toBeGreaterThan(100);
  });
});
