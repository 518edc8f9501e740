// A time limit that strikes during the first phase (the value search) or the second (the ordered search) of a
// maximin search: the bound stays an upper bound on the true optimum and the packages returned are real,
// feasible, with their exact values. Generated cases are large enough that phase 1 spans many clock checks.
import { describe, expect, it } from 'vitest';
import { makeBounds } from '../../../src-core/search/bounds.ts';
import { runSearch } from '../../../src-core/search/best.ts';
import { buildProblem, packageTerms } from '../../../src-core/search/problem.ts';
import { compileCase, scoreScenario } from '../../../src-core/scoring.ts';
import { generateCase } from '../../fixtures/generate-case.ts';

describe('a maximin search cut short', () => {
  it('keeps a valid bound and real packages wherever the clock stops it', () => {
    let cutShort = 0;
    for (const seed of [4, 9, 15]) {
      const c = generateCase({ parties: 8, issues: 20, options: 6, scenarios: 0, seed, redLines: 0.05, id: `cut-${seed}` });
      const problem = buildProblem(c, {});
      if (problem.domain.some((d) => d.length === 0)) continue;
      const full = runSearch(problem, { top: 3 });
      expect(full.exact).toBe(true);
      const compiled = compileCase(c, null);
      // The clock advances by one per reading; it is read once at the start and every 2048 nodes.
      for (const limit of [1, 2, 3]) {
        let t = 0;
        const cut = runSearch(buildProblem(c, {}), { top: 3, timeLimitMs: limit, now: () => t++ }, makeBounds(problem));
        if (cut.exact) {
          expect(cut.results.map((r) => r.vector.join())).toEqual(full.results.map((r) => r.vector.join()));
          continue;
        }
        cutShort++;
        expect(cut.bound! + 1e-9).toBeGreaterThanOrEqual(full.results[0]!.value!);
        for (const r of cut.results) {
          const score = scoreScenario(compiled, packageTerms(problem, r.choice));
          expect(r.value).toBe(score.aggregate.worst);
          expect(r.value!).toBeLessThanOrEqual(full.results[0]!.value! + 1e-9);
          expect(score.parties.some((p) => p.redLines.length > 0)).toBe(false);
        }
      }
    }
    // Otherwise this test would prove nothing about the cut-short path.
    expect(cutShort).toBeGreaterThanOrEqual(5);
  });
});
