// Flip points (DESIGN.md §12) against a brute force that follows the text of §12 literally: for every
// party and issue it has a stake in, try d = −1, +1, −2, +2, … on the salience of the position in force,
// re-score every scenario from a rebuilt case with scoring.ts, and see which scenario ranks first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../../src-core/model.ts';
import { flipAnalysis, flipPoints, type FlipPoint } from '../../../src-core/robustness/flips.ts';
import { parseObjective, type Objective } from '../../../src-core/robustness/objective.ts';
import { compileCase, effectivePosition, scoreScenario } from '../../../src-core/scoring.ts';
import { smallCaseArb } from './random-case.ts';

/** The objective's value of one scenario from the engine's own scores (§5, §11). */
function value(c: Case, terms: Record<string, string>, objective: Objective): number | null {
  const score = scoreScenario(compileCase(c, null), terms);
  if (objective.startsWith('party:')) return score.parties.find((p) => `party:${p.party}` === objective)!.match;
  return objective === 'maximin' ? score.aggregate.worst : objective === 'mean' ? score.aggregate.mean : score.aggregate.nash;
}

/** §12: the first scenario leads; a later one leads only if it beats the leader by more than 1e-9; no value ranks last. */
function leader(c: Case, objective: Objective): string {
  let best = c.scenarios[0]!;
  let bestValue = value(c, best.terms, objective);
  for (const s of c.scenarios.slice(1)) {
    const v = value(c, s.terms, objective);
    if (v !== null && (bestValue === null || v - bestValue > 1e-9)) {
      best = s;
      bestValue = v;
    }
  }
  return best.id;
}

function bruteForceFlips(c: Case, objective: Objective): FlipPoint[] {
  const now = leader(c, objective);
  const flips: FlipPoint[] = [];
  for (const party of c.parties) {
    for (const issue of c.issues) {
      const position = effectivePosition(c.positions, party.id, issue.id, null);
      if (!position) continue;
      for (const d of [-1, 1, -2, 2, -3, 3, -4, 4]) {
        const to = position.salience + d;
        if (to < 1 || to > 5) continue;
        const changed: Case = { ...c, positions: c.positions.map((p) => (p === position ? { ...p, salience: to } : p)) };
        const then = leader(changed, objective);
        if (then !== now) {
          flips.push({ party: party.id, issue: issue.id, salience: position.salience, to, best: then });
          break;
        }
      }
    }
  }
  return flips;
}

describe('flip points', () => {
  it('equal a brute-force re-scoring over every salience change, on random small cases', () => {
    let withFlips = 0;
    fc.assert(
      fc.property(smallCaseArb, ({ c, objective }) => {
        const rule = parseObjective(c, objective);
        if (!rule.ok) throw new Error(rule.error);
        const analysis = flipAnalysis(compileCase(c, null), c.scenarios, rule.rule);
        const expected = bruteForceFlips(c, objective);
        if (expected.length) withFlips++;
        expect(flipPoints(analysis.sides)).toEqual(expected);
        expect(analysis.leader).toBe(leader(c, objective));
      }),
      { numRuns: 400, seed: 20250817 },
    );
    // The law is only tested where flips exist: make sure the (seeded) random cases have plenty.
    expect(withFlips).toBeGreaterThan(60);
  });

  it('give both directions of a tornado row exactly: the smallest decrease and the smallest increase that flip', () => {
    fc.assert(
      fc.property(smallCaseArb, ({ c, objective }) => {
        const rule = parseObjective(c, objective);
        if (!rule.ok) throw new Error(rule.error);
        const { sides } = flipAnalysis(compileCase(c, null), c.scenarios, rule.rule);
        const now = leader(c, objective);
        for (const x of sides) {
          const position = effectivePosition(c.positions, x.party, x.issue, null)!;
          const leaderAt = (to: number) => leader({ ...c, positions: c.positions.map((p) => (p === position ? { ...p, salience: to } : p)) }, objective);
          for (const [side, dir] of [[x.down, -1], [x.up, 1]] as const) {
            const tried: number[] = [];
            for (let to = x.salience + dir; to >= 1 && to <= 5 && to !== side?.to; to += dir) tried.push(to);
            for (const to of tried) expect(leaderAt(to)).toBe(now);
            if (side) expect(leaderAt(side.to)).toBe(side.best);
            else expect(tried.length).toBe(dir < 0 ? x.salience - 1 : 5 - x.salience);
          }
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
