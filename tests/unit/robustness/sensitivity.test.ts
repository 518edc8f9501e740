// The robustness analysis (DESIGN.md §12): what the sampled figures mean, and the laws a user relies on
// to reproduce them.
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCaseOrThrow, parseCaseText } from '../../../src-core/case-file.ts';
import type { Case } from '../../../src-core/model.ts';
import { percentiles } from '../../../src-core/robustness/percentiles.ts';
import { analyseRobustness, RobustnessSettingsError, startRobustness } from '../../../src-core/robustness/sensitivity.ts';
import { flipSentence, namesOf, percent } from '../../../src-core/robustness/sentences.ts';
import { DEFAULT_ROBUSTNESS, robustnessSettingsErrors, type RobustnessSettings } from '../../../src-core/robustness/settings.ts';
import { compileCase, scoreScenario } from '../../../src-core/scoring.ts';
import { generateCase } from '../../fixtures/generate-case.ts';
import { smallCaseArb } from './random-case.ts';

const DEFAULT_CASE_FILE = path.resolve(import.meta.dirname, '../../../data/cases/ukraine-talks-2025-08.json');
const defaultCase = (): Case => {
  const r = parseCaseText(fs.readFileSync(DEFAULT_CASE_FILE, 'utf8'));
  if (!r.ok) throw new Error('the default case does not parse');
  return r.case;
};

const settings = (s: Partial<RobustnessSettings> = {}): RobustnessSettings => ({ ...DEFAULT_ROBUSTNESS, ...s });

/** J = 0 and F = 0: every sample is the case as coded. */
function expectUnperturbed(c: Case, s: RobustnessSettings, asOf: string | null): void {
  const { report } = analyseRobustness(c, c.scenarios, { ...s, salienceJitter: 0, stanceFlip: 0 }, asOf);
  const compiled = compileCase(c, asOf);
  report.scenarios.forEach((r, i) => {
    const score = scoreScenario(compiled, c.scenarios[i]!.terms);
    r.parties.forEach((p, j) => {
      const exact = score.parties[j]!;
      expect(p.p5).toBe(exact.match);
      expect(p.p50).toBe(exact.match);
      expect(p.p95).toBe(exact.match);
      expect(p.pAcceptable).toBe(exact.acceptable ? 1 : 0);
    });
    expect(r.pAllAcceptable).toBe(score.parties.every((p) => p.acceptable) ? 1 : 0);
  });
  // Nothing varies, so the best is the same in every sample: pBest is 1 for it, or 1/k for k tied.
  const leaders = report.scenarios.filter((r) => r.pBest > 0);
  expect(new Set(leaders.map((r) => r.pBest)).size).toBe(1);
  expect(leaders[0]!.pBest * leaders.length).toBeCloseTo(1, 12);
  expect(leaders.map((r) => r.id)).toContain(report.best);
}

describe('robustness analysis', () => {
  it('with J = 0 and F = 0 gives exactly the unperturbed scores, on random small cases', () => {
    fc.assert(
      fc.property(smallCaseArb, fc.integer({ min: 0, max: 1000 }), ({ c, objective }, seed) => expectUnperturbed(c, settings({ objective, seed, samples: 25 }), null)),
      { numRuns: 150, seed: 11 },
    );
  });

  it('with J = 0 and F = 0 gives exactly the unperturbed scores on the default case and a 12 × 40 case', () => {
    const c = defaultCase();
    for (const objective of ['maximin', 'mean', 'nash', 'party:ukraine'] as const) expectUnperturbed(c, settings({ objective, samples: 50 }), c.asOf ?? null);
    const big = generateCase({ parties: 12, issues: 40, options: 6, scenarios: 20, seed: 2025 });
    expectUnperturbed(big, settings({ samples: 20 }), big.asOf ?? null);
  });

  it('gives identical output for the same seed, and different output for another seed', () => {
    const c = defaultCase();
    const run = (seed: number) => JSON.stringify(analyseRobustness(c, c.scenarios, settings({ seed, samples: 500 }), c.asOf ?? null));
    expect(run(7)).toBe(run(7));
    expect(run(8)).not.toBe(run(7));
  });

  it('gives the same output whether the samples are drawn at once or in steps (as the worker does)', () => {
    const c = defaultCase();
    const whole = analyseRobustness(c, c.scenarios, settings({ samples: 777 }), c.asOf ?? null);
    const run = startRobustness(c, c.scenarios, settings({ samples: 777 }), c.asOf ?? null);
    const seen: number[] = [];
    while (run.sampler.completed < run.sampler.total) seen.push(run.sampler.step(100));
    expect(seen).toEqual([100, 200, 300, 400, 500, 600, 700, 777]);
    expect(run.finish()).toEqual(whole);
  });

  it("gives a scenario's per-party figures whatever else is compared (the draws depend on the case alone)", () => {
    const c = defaultCase();
    const all = analyseRobustness(c, c.scenarios, settings({ samples: 400, stanceFlip: 0.3 }), c.asOf ?? null).report;
    const [, second, , fourth] = c.scenarios;
    const some = analyseRobustness(c, [fourth!, second!], settings({ samples: 400, stanceFlip: 0.3 }), c.asOf ?? null).report;
    const strip = (s: (typeof all.scenarios)[number]) => ({ parties: s.parties, pAllAcceptable: s.pAllAcceptable });
    expect(strip(some.scenarios[0]!)).toEqual(strip(all.scenarios[3]!));
    expect(strip(some.scenarios[1]!)).toEqual(strip(all.scenarios[1]!));
  });

  it('shares being best between tied scenarios, so the pBest of the compared scenarios add up to 1', () => {
    const c = defaultCase();
    const twin = { ...c.scenarios[2]!, id: 'twin', name: 'Twin' };
    const { report } = analyseRobustness(c, [...c.scenarios, twin], settings({ samples: 300 }), c.asOf ?? null);
    expect(report.scenarios.reduce((a, s) => a + s.pBest, 0)).toBeCloseTo(1, 9);
    expect(report.scenarios[4]!.pBest).toBe(report.scenarios[2]!.pBest);
    for (const objective of ['mean', 'nash'] as const) {
      const r = analyseRobustness(c, c.scenarios, settings({ samples: 300, objective }), c.asOf ?? null).report;
      expect(r.scenarios.reduce((a, s) => a + s.pBest, 0)).toBeCloseTo(1, 9);
    }
  });

  it('moves saliences within 1–5 and keeps utility overrides, so matches stay within their possible range', () => {
    const c = defaultCase();
    const { report } = analyseRobustness(c, c.scenarios, settings({ samples: 300, salienceJitter: 4, stanceFlip: 1 }), c.asOf ?? null);
    for (const s of report.scenarios) {
      for (const p of s.parties) {
        expect(p.p5!).toBeGreaterThanOrEqual(0);
        expect(p.p95!).toBeLessThanOrEqual(100);
        expect(p.p5!).toBeLessThanOrEqual(p.p50!);
        expect(p.p50!).toBeLessThanOrEqual(p.p95!);
      }
    }
  });

  it('gives no percentiles and never counts as acceptable a party the scenario gives no basis', () => {
    const c = parseCaseOrThrow({
      format: 'parley-case',
      version: 1,
      id: 'open',
      title: 'Open issue',
      parties: [{ id: 'a', name: 'A', reservation: 0 }, { id: 'b', name: 'B', reservation: 0 }],
      issues: [{ id: 'i', name: 'I', options: [{ id: 'x', label: 'X' }] }, { id: 'j', name: 'J', options: [{ id: 'x', label: 'X' }] }],
      positions: [{ party: 'a', issue: 'i', salience: 3, stances: { x: 'demand' } }, { party: 'b', issue: 'j', salience: 3, stances: { x: 'demand' } }],
      scenarios: [{ id: 'only-i', name: 'Only I', terms: { i: 'x' } }],
    }, 'open case');
    const { report } = analyseRobustness(c, c.scenarios, settings({ samples: 200 }), null);
    expect(report.scenarios[0]!.parties[1]).toEqual({ party: 'b', pAcceptable: 0, p5: null, p50: null, p95: null });
    expect(report.scenarios[0]!.parties[0]!.pAcceptable).toBeGreaterThan(0.5);
    expect(report.scenarios[0]!.pAllAcceptable).toBe(0);
  });

  it('reports percentiles by nearest rank over the samples with a match', () => {
    const values = Float64Array.from([20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(percentiles(values, [5, 50, 95, 100])).toEqual([1, 10, 19, 20]);
    expect(percentiles(Float64Array.from([NaN, 3, NaN, 1, 2]), [5, 50, 95])).toEqual([1, 2, 3]);
    expect(percentiles(Float64Array.from([NaN, NaN]), [50])).toEqual([null]);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.double({ min: 0, max: 100, noNaN: true })), { minLength: 1, maxLength: 300 }), (xs) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const rank = (q: number) => sorted[Math.ceil((q * xs.length) / 100) - 1];
        expect(percentiles(Float64Array.from(xs), [5, 50, 95])).toEqual([rank(5), rank(50), rank(95)]);
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('prefers the decrease when a decrease and an increase of the same size both change the leader', () => {
    // With Issue 0 at salience 3, A leads (65 against 62.5 and 62.5); at 4, B leads (66.7); at 2, C leads (71.4).
    const c = parseCaseOrThrow({
      format: 'parley-case',
      version: 1,
      id: 'even',
      title: 'Even flip',
      parties: [{ id: 'p', name: 'Party', reservation: 0 }],
      issues: [0, 1].map((i) => ({ id: `i${i}`, name: `Issue ${i}`, options: ['a', 'b', 'c'].map((o) => ({ id: o, label: o.toUpperCase() })) })),
      positions: [
        { party: 'p', issue: 'i0', salience: 3, stances: { b: 'demand', c: 'red_line' }, utilities: { a: 65 } },
        { party: 'p', issue: 'i1', salience: 5, stances: { c: 'demand' }, utilities: { a: 65, b: 40 } },
      ],
      scenarios: ['a', 'b', 'c'].map((o) => ({ id: o, name: `Scenario ${o.toUpperCase()}`, terms: { i0: o, i1: o } })),
    }, 'even case');
    const { report, sides } = analyseRobustness(c, c.scenarios, settings({ samples: 1 }), null);
    expect(report.best).toBe('a');
    expect(sides).toEqual([{ party: 'p', issue: 'i0', salience: 3, down: { to: 2, best: 'c' }, up: { to: 4, best: 'b' } }, expect.objectContaining({ issue: 'i1' })]);
    expect(report.flips[0]).toEqual({ party: 'p', issue: 'i0', salience: 3, to: 2, best: 'c' });
    expect(flipSentence(report.flips[0]!, namesOf(c, c.scenarios))).toBe('If Party’s salience of Issue 0 were 2 instead of 3, “Scenario C” would rank first.');
  });

  it('refuses settings out of range, naming each', () => {
    const c = defaultCase();
    expect(robustnessSettingsErrors(c, settings())).toEqual([]);
    expect(robustnessSettingsErrors(c, settings({ samples: 0, seed: -1, salienceJitter: 5, stanceFlip: 1.5, objective: 'party:nobody' }))).toEqual([
      'samples must be a whole number from 1 to 20000',
      `seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`,
      'salience jitter must be a whole number from 0 to 4',
      'stance flip must be a probability from 0 to 1',
      'objective: "nobody" is not a party of case "ukraine-talks-2025-08" (parties: russia, ukraine, united-states, europe)',
    ]);
    expect(() => analyseRobustness(c, c.scenarios, settings({ objective: 'best' as never }), null)).toThrow(RobustnessSettingsError);
  });

  it('writes shares as whole percents that never round a possibility away', () => {
    expect([0, 0.004, 0.005, 0.5, 0.994, 0.996, 1].map(percent)).toEqual(['0%', '<1%', '1%', '50%', '99%', '>99%', '100%']);
  });
});
