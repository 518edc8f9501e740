// Exact flip points (DESIGN.md §12): for each party and each issue it has a stake in, the smallest change
// of that one salience that changes which compared scenario ranks first. No sampling: every candidate
// salience is re-scored exactly, with the same arithmetic as scoring.ts. Incompatible terms play no part.
import type { CompiledCase } from '../scoring.ts';
import { decidedOptions, denseMatch } from './dense-score.ts';
import { leaderIndex, objectiveValue, type ObjectiveRule } from './objective.ts';
import type { SampledScenario } from './sampler.ts';

/** A flip point as the CLI's JSON lists it. */
export interface FlipPoint {
  party: string;
  issue: string;
  /** The salience as coded. */
  salience: number;
  /** The salience at which another scenario ranks first. */
  to: number;
  /** The scenario that then ranks first. */
  best: string;
}

export interface FlipSide {
  to: number;
  best: string;
}

/** Both directions for one (party, issue): the smallest decrease and the smallest increase that flip the ranking. */
export interface FlipSides {
  party: string;
  issue: string;
  salience: number;
  down: FlipSide | null;
  up: FlipSide | null;
}

export interface FlipAnalysis {
  /** The scenario that ranks first as the case is coded (null when none is compared). */
  leader: string | null;
  /** Every (party, issue) with a flip in at least one direction, parties and issues in case order. */
  sides: FlipSides[];
}

export function flipAnalysis(compiled: CompiledCase, scenarios: readonly SampledScenario[], rule: ObjectiveRule): FlipAnalysis {
  const c = compiled.case;
  const nP = c.parties.length;
  const nS = scenarios.length;
  if (nS === 0) return { leader: null, sides: [] };
  const reservation = Float64Array.from(c.parties, (p) => p.reservation);
  const decided = scenarios.map((s) => decidedOptions(compiled, s.terms));
  const matchRows = scenarios.map(() => new Float64Array(nP));
  const redRows = scenarios.map(() => new Uint8Array(nP));

  const out = { crossed: 0 };
  /** Party p's match (NaN = none) and red-line flag in scenario s with the saliences `sal`. */
  const score = (s: number, p: number, sal: Float64Array): void => {
    matchRows[s]![p] = denseMatch(decided[s]!, sal, compiled.utility[p]!, compiled.redLine[p]!, out);
    redRows[s]![p] = out.crossed;
  };
  const values = new Float64Array(nS);
  const leaderNow = (): number => {
    for (let s = 0; s < nS; s++) values[s] = objectiveValue(rule, matchRows[s]!, redRows[s]!, reservation) ?? NaN;
    return leaderIndex(values);
  };

  for (let s = 0; s < nS; s++) for (let p = 0; p < nP; p++) score(s, p, compiled.salience[p]!);
  const leader = leaderNow();

  const sides: FlipSides[] = [];
  for (let p = 0; p < nP; p++) {
    const sal = compiled.salience[p]!.slice();
    const savedMatch = matchRows.map((row) => row[p]!);
    const savedRed = redRows.map((row) => row[p]!);
    /** The scenario that leads with p's salience on `issue` set to `to`, or -1 when it is still the leader. */
    const flipAt = (issue: number, to: number): number => {
      sal[issue] = to;
      for (let s = 0; s < nS; s++) score(s, p, sal);
      const l = leaderNow();
      return l === leader ? -1 : l;
    };
    /** The first salience (1 step away, then 2, …) in direction `dir` at which the lead changes. */
    const firstFlip = (issue: number, from: number, dir: 1 | -1): FlipSide | null => {
      for (let to = from + dir; to >= 1 && to <= 5; to += dir) {
        const l = flipAt(issue, to);
        if (l >= 0) return { to, best: scenarios[l]!.id };
      }
      return null;
    };
    for (const stake of compiled.stakes[p]!) {
      const from = stake.salience;
      const down = firstFlip(stake.issue, from, -1);
      const up = firstFlip(stake.issue, from, 1);
      sal[stake.issue] = from;
      if (down || up) sides.push({ party: c.parties[p]!.id, issue: c.issues[stake.issue]!.id, salience: from, down, up });
    }
    savedMatch.forEach((m, s) => (matchRows[s]![p] = m));
    savedRed.forEach((r, s) => (redRows[s]![p] = r));
  }
  return { leader: scenarios[leader]!.id, sides };
}

/**
 * The flip point of each (party, issue) that has one: the smaller change of the two directions, the
 * decrease when both are the same size (§12: d = −1, +1, −2, +2, …).
 */
export function flipPoints(sides: readonly FlipSides[]): FlipPoint[] {
  return sides.map((x) => {
    const downBy = x.down ? x.salience - x.down.to : Infinity;
    const upBy = x.up ? x.up.to - x.salience : Infinity;
    const side = downBy <= upBy ? x.down! : x.up!;
    return { party: x.party, issue: x.issue, salience: x.salience, to: side.to, best: side.best };
  });
}
