// The two paths of a maximin search (value.ts, then best.ts when ties are too many) beyond the random property
// tests: a time limit that strikes inside the value search keeps a valid bound and real packages, and
// thousands of packages tied at the top (the value search gives up on them) still come in the order of §11.
import { describe, expect, it } from 'vitest';
import { makeBounds } from '../../../src-core/search/bounds.ts';
import { runSearch } from '../../../src-core/search/best.ts';
import { buildProblem, packageTerms } from '../../../src-core/search/problem.ts';
import { compileCase, scoreScenario } from '../../../src-core/scoring.ts';
import { generateCase } from '../../fixtures/generate-case.ts';
import { bruteSearch } from './brute-force.ts';
import { searchDeals } from '../../../src-core/search/index.ts';

describe('a maximin search cut short', () => {
  it('keeps a valid bound and real packages wherever the clock stops it', { timeout: 60_000 }, () => {
    let cutShort = 0;
    for (const seed of [1, 8]) {
      const c = generateCase({ parties: 8, issues: 24, options: 6, scenarios: 0, seed, redLines: 0.05, id: `cut-${seed}` });
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

describe('a maximin search with thousands of packages tied at the top', () => {
  it('returns the first K in vector order, as brute force does', () => {
    let manyTies = 0;
    for (const seed of [1]) {
      const c = generateCase({ parties: 3, issues: 9, options: 3, scenarios: 0, seed, redLines: 0, id: `tied-${seed}` });
      // Nobody cares about issues after the first two: each of the 3^7 choices there ties.
      const positions = c.positions.map((p) => (c.issues.findIndex((i) => i.id === p.issue) < 2 ? p : { ...p, stances: {}, utilities: undefined }));
      const tied = { ...c, positions };
      const expected = bruteSearch(tied, { objective: 'maximin', asOf: null, noRedLines: 'none' }, 2000);
      const best = expected[0]?.value;
      if (best !== undefined && best !== null && expected.filter((p) => p.value! >= best - 1e-9).length > 1001) manyTies++;
      for (const top of [1, 4]) {
        const report = searchDeals(tied, { top, asOf: null, noRedLines: 'none' });
        expect(report.results.map((r) => r.terms)).toEqual(expected.slice(0, top).map((p) => p.terms));
      }
    }
    // Otherwise the path where the value search gives up on ties would go untested.
    expect(manyTies).toBe(1);
  });
});
