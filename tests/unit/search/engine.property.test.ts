// The exact engine against a brute-force enumerator on small random cases (≤ 5 parties, ≤ 7 issues,
// ≤ 4 options, red lines, locks, exclusions, incompatible sets): the same lists, in the same order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeBounds } from '../../../src-core/search/bounds.ts';
import { runSearch } from '../../../src-core/search/best.ts';
import { dealFrontier, nearestDeals, searchDeals } from '../../../src-core/search/index.ts';
import { buildProblem } from '../../../src-core/search/problem.ts';
import { bruteFrontier, bruteNearest, bruteSearch, randomCase, randomConstraints } from './brute-force.ts';

const RUNS = Number(process.env.PARLEY_PROPERTY_RUNS ?? 250);
const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });

describe('search equals brute force', () => {
  it('the same top K, values and scores, for every objective and random constraints', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 1, max: 6 }), (seed, top) => {
        const c = randomCase(seed);
        const k = randomConstraints(c, seed);
        const report = searchDeals(c, { ...k, top, asOf: null });
        const expected = bruteSearch(c, { ...k, asOf: null }, top);
        expect(report.exact).toBe(true);
        expect(report.results.map((r) => r.terms)).toEqual(expected.map((p) => p.terms));
        report.results.forEach((r, i) => {
          // Bit for bit the value the score report computes.
          expect(r.value).toBe(expected[i]!.value);
          expect(r.parties).toEqual(expected[i]!.score.parties);
          expect(r.aggregate).toEqual(expected[i]!.score.aggregate);
        });
        if (report.results.length === 0) expect(report.why?.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('ties are settled by the vector of option indices, also with K = 1 and every package tied', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const c = randomCase(seed);
        // Nobody cares: every package has the same value (or none).
        const flat = { ...c, positions: c.positions.map((p) => ({ ...p, stances: {}, utilities: undefined })) };
        for (const top of [1, 3]) {
          const report = searchDeals(flat, { top, asOf: null, noRedLines: 'none' });
          expect(report.results.map((r) => r.terms)).toEqual(bruteSearch(flat, { objective: 'maximin', asOf: null, noRedLines: 'none' }, top).map((p) => p.terms));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('frontier equals brute force', () => {
  it('every non-dominated pair with the first package reaching it', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const c = randomCase(seed);
        if (c.parties.length < 2) return;
        const k = randomConstraints(c, seed);
        const parties: [string, string] = [c.parties[0]!.id, c.parties[c.parties.length - 1]!.id];
        const report = dealFrontier(c, { ...k, parties, asOf: null });
        const expected = bruteFrontier(c, { ...k, parties, asOf: null });
        expect(report.points).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('nearest equals brute force', () => {
  it('the fewest changes first, then value, then vector', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 1, max: 5 }), fc.boolean(), (seed, top, toAll) => {
        const c = randomCase(seed);
        const { noRedLines: _n, acceptableTo: _a, ...k } = randomConstraints(c, seed);
        const from: Record<string, string> = {};
        c.issues.forEach((issue, i) => {
          if ((seed >> i) & 1) from[issue.id] = issue.options[(seed >> (i + 3)) % issue.options.length]!.id;
        });
        const target = toAll ? 'all' : [c.parties[seed % c.parties.length]!.id];
        const report = nearestDeals(c, { ...k, from, target, top, asOf: null });
        const expected = bruteNearest(c, { ...k, from, target, asOf: null }, top);
        expect(report.results.map((r) => r.terms)).toEqual(expected.map((p) => p.terms));
        expect(report.results.map((r) => r.changes.length)).toEqual(expected.map((p) => p.changes));
        report.results.forEach((r, i) => expect(r.value).toBe(expected[i]!.value));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('a time limit', () => {
  it('returns the best found with a bound at least the true optimum', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const c = randomCase(seed);
        const k = randomConstraints(c, seed);
        const problem = buildProblem(c, { ...k, asOf: null });
        // A clock that runs out at once: the search stops at its first check.
        let t = 0;
        const cut = runSearch(problem, { top: 1, timeLimitMs: 0, now: () => t++ }, makeBounds(problem));
        const truth = bruteSearch(c, { ...k, asOf: null }, 1)[0]?.value ?? null;
        if (!cut.exact && truth !== null) expect(cut.bound! + 1e-9).toBeGreaterThanOrEqual(truth);
        if (cut.results[0] && truth !== null) expect(cut.results[0].value!).toBeLessThanOrEqual(truth + 1e-9);
      }),
      { numRuns: RUNS },
    );
  });
});
