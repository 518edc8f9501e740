// Sampling frequencies converge to the exact probabilities of the perturbation model (DESIGN.md §12), on a
// tiny case whose every perturbed reading can be listed with its probability (177,147 of them).
//
// Tolerance: every sampled figure is a mean of N = 20,000 independent values in [0, 1] (an indicator, or
// a sample's share of being best), so Hoeffding's inequality bounds P(|estimate − exact| ≥ t) by
// 2·exp(−2·N·t²); with t = 0.02 that is 2.3e-7 per figure, under 1e-5 for all of them together. The same
// bound (Dvoretzky–Kiefer–Wolfowitz) holds for the whole empirical distribution of a match, which is what
// the percentiles are checked against. The seed is fixed, so the test is deterministic: it cannot flake;
// the bound says that a correct sampler passes for all but a vanishing share of seeds. A sampler that
// moved stances with probability F instead of F/2 each way fails it (off by 0.07), and so does one that
// jittered saliences over [−J, J−1] (off by 0.03): both were tried.
import { describe, expect, it } from 'vitest';
import { parseCaseOrThrow } from '../../../src-core/case-file.ts';
import { STANCES, type Stance } from '../../../src-core/model.ts';
import { analyseRobustness } from '../../../src-core/robustness/sensitivity.ts';

const N = 20_000;
const TOLERANCE = 0.02;
const J = 1;
const F = 0.3;

const tiny = parseCaseOrThrow({
  format: 'parley-case',
  version: 1,
  id: 'tiny',
  title: 'Tiny case',
  parties: [
    { id: 'a', name: 'A', reservation: 70 },
    { id: 'b', name: 'B', reservation: 60 },
  ],
  issues: [
    { id: 'i0', name: 'Issue 0', options: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }] },
    { id: 'i1', name: 'Issue 1', options: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }] },
  ],
  positions: [
    // y's override stays 30 whatever its stance; its stance can still become a red line.
    { party: 'a', issue: 'i0', salience: 3, stances: { x: 'demand', y: 'oppose' }, utilities: { y: 30 } },
    { party: 'a', issue: 'i1', salience: 2, stances: { x: 'oppose' } },
    { party: 'b', issue: 'i0', salience: 1, stances: { x: 'red_line', y: 'acceptable' } },
    { party: 'b', issue: 'i1', salience: 5, stances: { x: 'acceptable', y: 'demand' } },
  ],
  scenarios: [
    { id: 's1', name: 'S1', terms: { i0: 'x', i1: 'x' } },
    { id: 's2', name: 'S2', terms: { i0: 'y', i1: 'y' } },
    { id: 's3', name: 'S3', terms: { i0: 'x', i1: 'y' } },
  ],
}, 'tiny case');

/** A discrete distribution over values. */
type Dist<T> = { value: T; p: number }[];

const salienceDist = (s: number): Dist<number> => Array.from({ length: 2 * J + 1 }, (_, k) => ({ value: Math.min(5, Math.max(1, s + k - J)), p: 1 / (2 * J + 1) }));
const stanceDist = (st: Stance): Dist<Stance> => {
  const i = STANCES.indexOf(st);
  return [
    { value: STANCES[Math.max(0, i - 1)]!, p: F / 2 },
    { value: st, p: 1 - F },
    { value: STANCES[Math.min(STANCES.length - 1, i + 1)]!, p: F / 2 },
  ];
};

interface Reading {
  /** salience[party][issue] */
  salience: number[][];
  /** utility and red line of every option: [party][issue][option] */
  utility: number[][][];
  red: boolean[][][];
}

/** Every perturbed reading of the tiny case with its probability: one factor per salience and per stated stance. */
function forEachReading(visit: (r: Reading, p: number) => void): void {
  const u = tiny.stanceUtilities;
  const factors: Dist<(r: Reading) => void>[] = [];
  for (const pos of tiny.positions) {
    const pi = tiny.parties.findIndex((x) => x.id === pos.party);
    const ii = tiny.issues.findIndex((x) => x.id === pos.issue);
    factors.push(salienceDist(pos.salience).map(({ value, p }) => ({ value: (r: Reading) => void (r.salience[pi]![ii] = value), p })));
    tiny.issues[ii]!.options.forEach((o, k) => {
      const st = pos.stances[o.id];
      if (st === undefined) return;
      factors.push(
        stanceDist(st).map(({ value, p }) => ({
          value: (r: Reading) => {
            r.utility[pi]![ii]![k] = pos.utilities?.[o.id] ?? u[value];
            r.red[pi]![ii]![k] = value === 'red_line';
          },
          p,
        })),
      );
    });
  }
  // A mixed-radix counter over the factors' outcomes.
  const digit = factors.map(() => 0);
  for (;;) {
    const r: Reading = {
      salience: tiny.parties.map(() => tiny.issues.map(() => 0)),
      utility: tiny.parties.map(() => tiny.issues.map((i) => i.options.map(() => tiny.unstatedUtility))),
      red: tiny.parties.map(() => tiny.issues.map((i) => i.options.map(() => false))),
    };
    let p = 1;
    factors.forEach((f, k) => {
      f[digit[k]!]!.value(r);
      p *= f[digit[k]!]!.p;
    });
    visit(r, p);
    let k = 0;
    while (k < factors.length && ++digit[k]! === factors[k]!.length) digit[k++] = 0;
    if (k === factors.length) return;
  }
}

interface Exact {
  pAcceptable: number[][];
  pAllAcceptable: number[];
  pBest: number[];
  /** matches[scenario][party]: the exact distribution of the match, value → probability */
  matches: Map<number, number>[][];
}

function exact(): Exact {
  const nS = tiny.scenarios.length;
  const nP = tiny.parties.length;
  const e: Exact = { pAcceptable: tiny.scenarios.map(() => tiny.parties.map(() => 0)), pAllAcceptable: tiny.scenarios.map(() => 0), pBest: tiny.scenarios.map(() => 0), matches: tiny.scenarios.map(() => tiny.parties.map(() => new Map())) };
  forEachReading((r, p) => {
    const worst: number[] = [];
    tiny.scenarios.forEach((sc, s) => {
      let all = true;
      let min = Infinity;
      for (let pi = 0; pi < nP; pi++) {
        let w = 0;
        let wu = 0;
        let red = false;
        tiny.issues.forEach((issue, ii) => {
          const k = issue.options.findIndex((o) => o.id === sc.terms[issue.id]);
          w += r.salience[pi]![ii]!;
          wu += r.salience[pi]![ii]! * r.utility[pi]![ii]![k]!;
          red ||= r.red[pi]![ii]![k]!;
        });
        const m = wu / w;
        e.matches[s]![pi]!.set(m, (e.matches[s]![pi]!.get(m) ?? 0) + p);
        min = Math.min(min, m);
        const ok = !red && m >= tiny.parties[pi]!.reservation;
        if (ok) e.pAcceptable[s]![pi]! += p;
        all &&= ok;
      }
      if (all) e.pAllAcceptable[s]! += p;
      worst.push(min);
    });
    const best = Math.max(...worst);
    const tied = worst.map((v) => v >= best - 1e-9);
    const k = tied.filter(Boolean).length;
    tied.forEach((t, s) => t && (e.pBest[s]! += p / k));
  });
  expect(e.pBest.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  return e;
}

/** P(match < x) and P(match ≤ x) under an exact distribution. */
function cdf(d: Map<number, number>, x: number): { below: number; atOrBelow: number } {
  let below = 0;
  let atOrBelow = 0;
  for (const [value, p] of d) {
    if (value < x - 1e-12) below += p;
    if (value <= x + 1e-12) atOrBelow += p;
  }
  return { below, atOrBelow };
}

describe('sampling converges to the exact probabilities', () => {
  it('on a tiny case whose every perturbed reading is enumerated', () => {
    const e = exact();
    const { report } = analyseRobustness(tiny, tiny.scenarios, { objective: 'maximin', samples: N, seed: 20250817, salienceJitter: J, stanceFlip: F }, null);
    let informative = 0;
    report.scenarios.forEach((s, si) => {
      expect(Math.abs(s.pBest - e.pBest[si]!)).toBeLessThan(TOLERANCE);
      expect(Math.abs(s.pAllAcceptable - e.pAllAcceptable[si]!)).toBeLessThan(TOLERANCE);
      s.parties.forEach((p, pi) => {
        const exactP = e.pAcceptable[si]![pi]!;
        if (exactP > 0.05 && exactP < 0.95) informative++;
        expect(Math.abs(p.pAcceptable - exactP)).toBeLessThan(TOLERANCE);
        // Each sampled percentile is a value at which the exact distribution function crosses q ± t.
        for (const [q, v] of [[0.05, p.p5], [0.5, p.p50], [0.95, p.p95]] as const) {
          const f = cdf(e.matches[si]![pi]!, v!);
          expect(f.below).toBeLessThanOrEqual(q + TOLERANCE);
          expect(f.atOrBelow).toBeGreaterThanOrEqual(q - TOLERANCE);
        }
      });
    });
    // The case is built so that the figures are not all 0 or 1 (which any sampler would get right).
    expect(informative).toBeGreaterThanOrEqual(3);
    expect(e.pBest.filter((p) => p > 0.05).length).toBeGreaterThanOrEqual(2);
  });
});
