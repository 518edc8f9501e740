// The nearest acceptable packages (DESIGN.md §11): packages acceptable to every target that change as few
// issues of a scenario as possible. Exhaustive by number of changes (0, 1, 2, …); within one count, a
// depth-first search in vector order (unaddressed = −1 first) with the TopK collector, cut by the change
// budget, incompatible entries and every threshold no completion within the budget can reach.
import { incompatibleEntries } from '../incompatible.ts';
import type { Terms } from '../scoring.ts';
import { SearchCancelled, type Found, type RunOptions } from './best.ts';
import { TopK } from './order.ts';
import { SLACK, type Problem } from './problem.ts';

export interface NearestFound extends Found {
  changes: number;
  /** Option index per issue as the package addresses it (−1: unaddressed). */
  options: Int32Array;
}

interface Choice {
  /** Option index, or −1 for unaddressed. */
  option: number;
  /** Option in force: the option, or the status quo (−1 when open) for unaddressed. */
  effective: number;
  cost: 0 | 1;
}

/**
 * The choices on every issue, in vector order. `problem` must have been built with the nearest
 * constraints (targets' red lines guarded, their reservations as thresholds).
 */
function choicesOf(problem: Problem, from: Terms): Choice[][] {
  const { compiled } = problem;
  const issues = problem.case.issues;
  return issues.map((issue, i) => {
    const current = from[issue.id] === undefined ? -1 : (compiled.optionIndex[i]!.get(from[issue.id]!) ?? -1);
    const sq = compiled.statusQuo[i]!;
    const redAt = (k: number) => k >= 0 && isGuardedRed(problem, i, k);
    if (problem.fixed[i] !== -2) {
      // Locked: to an option, or unaddressed.
      const option = problem.unaddressed[i] ? -1 : problem.fixed[i]!;
      const effective = option >= 0 ? option : sq;
      if (redAt(effective)) return [];
      return [{ option, effective, cost: option === current ? 0 : 1 }];
    }
    const out: Choice[] = [];
    if (current < 0 && !redAt(sq)) out.push({ option: -1, effective: sq, cost: 0 });
    for (const k of problem.domain[i]!) out.push({ option: k, effective: k, cost: k === current ? 0 : 1 });
    return out;
  });
}

function isGuardedRed(problem: Problem, i: number, k: number): boolean {
  const { compiled } = problem;
  for (let p = 0; p < problem.parties; p++) if (problem.guarded[p] && compiled.redLine[p]![i * compiled.optionSlots + k] === 1) return true;
  return false;
}

/** The first `top` packages by number of changes, then value, then vector. */
export function runNearest(problem: Problem, from: Terms, top: number, options: RunOptions = {}): NearestFound[] {
  if (problem.blocked.length > 0) return [];
  const { n, parties: P, slots, contrib, redAny, threshold, compiled } = problem;
  const reservation = Float64Array.from(problem.case.parties, (p) => p.reservation);
  const salience = compiled.salience;
  const choices = choicesOf(problem, from);
  if (choices.some((c) => c.length === 0)) return [];
  const objective = problem.objective;
  const op = problem.objectiveParty;

  // Per issue: the cheapest cost, and per party the best contribution at cost 0 and at cost 1.
  const minCost = choices.map((cs) => Math.min(...cs.map((c) => c.cost)));
  const canChange = choices.map((cs) => cs.some((c) => c.cost === 1));
  const mustChangeAfter = new Int32Array(n + 1);
  const canChangeAfter = new Int32Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    mustChangeAfter[i] = mustChangeAfter[i + 1]! + minCost[i]!;
    canChangeAfter[i] = canChangeAfter[i + 1]! + (canChange[i] ? 1 : 0);
  }
  // Fixed-weight part (the weight is the same whatever is chosen): best kept contribution and gain of a change.
  // Issues whose weight depends on the choice (an open issue that may be addressed) bound by their best utility.
  const keepA = new Float64Array(n * P);
  const gain = new Float64Array(n * P);
  const fixedW = new Float64Array(n * P);
  const varU = new Float64Array(n * P).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < P; p++) {
      const s = salience[p]![i]!;
      if (s === 0) continue;
      const weighs = choices[i]!.map((c) => (c.effective >= 0 ? 1 : 0));
      const same = weighs.every((w) => w === weighs[0]);
      if (same && weighs[0] === 1) {
        fixedW[i * P + p] = s;
        let keep = -Infinity;
        let change = -Infinity;
        for (const c of choices[i]!) {
          const v = contrib[p * n * slots + i * slots + c.effective]!;
          if (c.cost === minCost[i]) keep = Math.max(keep, v);
          if (c.cost === 1) change = Math.max(change, v);
        }
        keepA[i * P + p] = keep;
        gain[i * P + p] = minCost[i] === 0 && change > keep ? change - keep : 0;
      } else if (!same) {
        for (const c of choices[i]!) if (c.effective >= 0) varU[i * P + p] = Math.max(varU[i * P + p]!, contrib[p * n * slots + i * slots + c.effective]! / s);
      }
    }
  }
  // Suffix tables per party: kept sum, fixed weight, best variable utility, and the r largest gains.
  const R = n + 1;
  const sufKeep = new Float64Array((n + 1) * P);
  const sufW = new Float64Array((n + 1) * P);
  const sufVar = new Float64Array((n + 1) * P).fill(-Infinity);
  const topGain = new Float64Array((n + 1) * P * R);
  for (let i = n - 1; i >= 0; i--) {
    for (let p = 0; p < P; p++) {
      sufKeep[i * P + p] = sufKeep[(i + 1) * P + p]! + keepA[i * P + p]!;
      sufW[i * P + p] = sufW[(i + 1) * P + p]! + fixedW[i * P + p]!;
      sufVar[i * P + p] = Math.max(sufVar[(i + 1) * P + p]!, varU[i * P + p]!);
      const g = gain[i * P + p]!;
      for (let r = 0; r < R; r++) {
        const skip = topGain[((i + 1) * P + p) * R + r]!;
        const take = r > 0 ? topGain[((i + 1) * P + p) * R + r - 1]! + g : 0;
        topGain[(i * P + p) * R + r] = Math.max(skip, take);
      }
    }
  }

  const entries = incompatibleEntries(compiled).map((e) => ({ ...e, last: Math.max(...e.issues) }));
  const entriesAt = compiled.case.issues.map((_, i) => entries.filter((e) => e.last === i));
  const constrained = problem.case.parties.map((_, p) => p).filter((p) => threshold[p]! > -Infinity);

  const A = new Float64Array((n + 1) * P);
  const W = new Float64Array((n + 1) * P);
  const effective = new Int32Array(n);
  const vector = new Int32Array(n);
  const vectorIssues = choices.map((_, i) => problem.fixed[i] === -2);

  /** Upper bound of party p's match at depth d with r changes left; null when it surely has no match. */
  const optimistic = (d: number, p: number, r: number): number | null => {
    const w = W[d * P + p]! + sufW[d * P + p]!;
    const v = sufVar[d * P + p]!;
    const budget = Math.max(0, Math.min(R - 1, r - mustChangeAfter[d]!));
    const fixedPart = w > 0 ? (A[d * P + p]! + sufKeep[d * P + p]! + topGain[(d * P + p) * R + budget]!) / w : -Infinity;
    const best = Math.max(fixedPart, v);
    return w > 0 || v > -Infinity ? best : null;
  };

  const boundOf = (d: number, r: number, red: number): number => {
    if (objective.startsWith('party:')) return optimistic(d, op, r) ?? -Infinity;
    let worst = Infinity;
    let best = -Infinity;
    let any = false;
    for (let p = 0; p < P; p++) {
      const m = optimistic(d, p, r);
      if (m === null) continue;
      any = true;
      // A party may end without a match (then it does not count): only a surely-valued one caps maximin.
      if (W[d * P + p]! + sufW[d * P + p]! > 0 && m < worst) worst = m;
      if (m > best) best = m;
      if (objective === 'nash' && W[d * P + p]! + sufW[d * P + p]! > 0 && m + SLACK < reservation[p]!) return 0;
    }
    if (!any) return -Infinity;
    if (objective === 'maximin') return worst === Infinity ? best : worst;
    if (objective === 'nash') return red > 0 ? 0 : 100;
    return best;
  };

  const valueOf = (red: number): number | null => {
    const off = n * P;
    if (objective.startsWith('party:')) return W[off + op]! > 0 ? A[off + op]! / W[off + op]! : null;
    let worst = Infinity;
    let sum = 0;
    let count = 0;
    let logSum = 0;
    let blocked = red > 0;
    for (let p = 0; p < P; p++) {
      if (W[off + p]! === 0) continue;
      const m = A[off + p]! / W[off + p]!;
      count++;
      sum += m;
      if (m < worst) worst = m;
      const res = reservation[p]!;
      if (m < res) {
        blocked = true;
        continue;
      }
      const g = res >= 100 ? 1 : (m - res) / (100 - res);
      if (g <= 0) blocked = true;
      else logSum += Math.log(g);
    }
    if (count === 0) return null;
    if (objective === 'maximin') return worst;
    if (objective === 'mean') return sum / count;
    return blocked ? 0 : 100 * Math.exp(logSum / count);
  };

  let nodes = 0;
  const results: NearestFound[] = [];
  for (let c = mustChangeAfter[0]!; c <= canChangeAfter[0]! && results.length < top; c++) {
    const collector = new TopK<NearestFound>(top - results.length);
    const dfs = (d: number, used: number, red: number): void => {
      if ((++nodes & 4095) === 0 && options.signal?.aborted) throw new SearchCancelled();
      if (d === n) {
        if (used !== c) return;
        const off = n * P;
        for (const p of constrained) {
          if (W[off + p]! === 0 || A[off + p]! / W[off + p]! < threshold[p]!) return;
        }
        const value = valueOf(red);
        if ((value ?? -Infinity) < collector.cutoff) return;
        const vec = Int32Array.from(vector.filter((_, i) => vectorIssues[i]));
        collector.offer({ value, vector: vec, choice: effective.slice(), changes: c, options: vector.slice() });
        return;
      }
      for (const ch of choices[d]!) {
        const u = used + ch.cost;
        if (u > c || u + canChangeAfter[d + 1]! < c) continue;
        effective[d] = ch.effective;
        vector[d] = ch.option;
        if (entriesAt[d]!.length && entriesAt[d]!.some((e) => e.issues.every((ii, t) => effective[ii] === e.options[t]))) continue;
        const k = ch.effective;
        for (let p = 0; p < P; p++) {
          const s = salience[p]![d]!;
          const on = k >= 0 && s !== 0;
          A[(d + 1) * P + p] = A[d * P + p]! + (on ? contrib[p * n * slots + d * slots + k]! : 0);
          W[(d + 1) * P + p] = W[d * P + p]! + (on ? s : 0);
        }
        const r = c - u;
        let ok = true;
        for (const p of constrained) {
          const m = optimistic(d + 1, p, r);
          if (m === null || m + SLACK < threshold[p]!) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        const red2 = red + (k >= 0 ? redAny[d * slots + k]! : 0);
        const ub = boundOf(d + 1, r, red2);
        if (ub + SLACK < collector.cutoff || collector.covers(ub)) continue;
        dfs(d + 1, u, red2);
      }
    };
    dfs(0, 0, 0);
    results.push(...collector.result());
  }
  return results;
}
