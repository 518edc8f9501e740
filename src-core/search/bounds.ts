// Upper bounds on the objective over every completion of a partial package (issues 0..d−1 chosen), and the
// leaf value, computed exactly as scoreScenario and aggregate do (same sums in the same order), so that a
// package's value here is bit for bit the one the score report shows.
import { polyakStep } from './filter.ts';
import { SLACK, type Problem } from './problem.ts';

export interface Bounds {
  /** Per depth d and party p: Σ over issues ≥ d of the party's best still-allowed contribution. */
  readonly sufMax: Float64Array;
  /** Parties with a match (weight > 0). */
  readonly valued: Int32Array;
  /** Parties with a threshold to meet. */
  readonly constrained: Int32Array;
  /** Maximin: the root's weights per party (0 for parties without a match) of its linear bound; else null. */
  readonly rootWeights: Float64Array | null;
  /** Upper bound of the objective at depth d, from the partial sums at a[off .. off + P) and red lines crossed. */
  bound(d: number, a: Float64Array, off: number, red: number): number;
  /**
   * Called when the search starts branching on issue d with the node's sums at a[off ..]: lets a bound
   * tune itself to the node (maximin re-weights its parties, aiming below `target`) before its children
   * are bounded. Returns a bound of the node itself (+∞ when it has none better than its parent's).
   */
  enter(d: number, a: Float64Array, off: number, target: number): number;
  /** The objective of a complete package (weighted sums at a[off ..]); null when it has none. */
  value(a: Float64Array, off: number, red: number): number | null;
  /** Whether every constrained party can still reach its threshold. */
  reachable(d: number, a: Float64Array, off: number): boolean;
  /** Whether the complete package meets every threshold. */
  meets(a: Float64Array, off: number): boolean;
}

/** Weights λ over the valued parties minimising the separable bound Σ_i max_o Σ_p λ_p c_pio / W_p (the LP dual of maximin). */
function maximinWeights(problem: Problem, valued: Int32Array): Float64Array {
  const { n, slots, contrib, weight, domain } = problem;
  const m = valued.length;
  // The allowed options' c_pio / W_p, option by option: the 400 passes below read contiguous memory.
  const rows: number[] = [];
  const ends = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (const o of domain[i]!) if (o >= 0) for (const p of valued) rows.push(contrib[p * n * slots + i * slots + o]! / weight[p]!);
    ends[i] = rows.length;
  }
  const scaled = Float64Array.from(rows);
  const lambda = new Float64Array(m).fill(1 / m);
  const best = lambda.slice();
  let bestValue = Infinity;
  const grad = new Float64Array(m);
  for (let iter = 0; iter < 400; iter++) {
    grad.fill(0);
    let total = 0;
    for (let i = 0, start = 0; i < n; start = ends[i++]!) {
      let top = -Infinity;
      let arg = -1;
      for (let base = start; base < ends[i]!; base += m) {
        let g = 0;
        for (let q = 0; q < m; q++) g += lambda[q]! * scaled[base + q]!;
        if (g > top) {
          top = g;
          arg = base;
        }
      }
      if (arg < 0) continue;
      total += top;
      for (let q = 0; q < m; q++) grad[q]! += scaled[arg + q]!;
    }
    if (total < bestValue) {
      bestValue = total;
      best.set(lambda);
    }
    // Exponentiated gradient on the simplex: shift weight towards the parties that fare worst.
    const step = 0.5 / Math.sqrt(iter + 1);
    let sum = 0;
    for (let q = 0; q < m; q++) {
      lambda[q] = lambda[q]! * Math.exp(-step * (grad[q]! / 100));
      sum += lambda[q]!;
    }
    for (let q = 0; q < m; q++) lambda[q]! /= sum;
  }
  return best;
}

/** Subgradient steps per node: more cut more nodes but cost a pass over the remaining issues each. */
const NODE_STEPS = 6;

/**
 * The maximin bound re-weighted at every node: starting from the parent's weights, a few projected
 * subgradient steps (Polyak steps aimed at the value that would cut the node) on the node's separable
 * bound, its LP dual. Any weights give a valid bound; better ones cut more.
 */
function nodeWeights(problem: Problem, valued: Int32Array, root: Float64Array) {
  const { n, slots, contrib, weight, domain } = problem;
  const m = valued.length;
  const lambda = new Float64Array((n + 1) * m);
  const suffix = new Float64Array(n + 1);
  lambda.set(root, 0);
  // scaled[(i * slots + o) * m + q] = c_pio / W_p: the inner loop over parties reads contiguous memory.
  const scaled = new Float64Array(n * slots * m);
  for (let q = 0; q < m; q++) {
    const p = valued[q]!;
    for (let j = 0; j < n * slots; j++) scaled[j * m + q] = contrib[p * n * slots + j]! / weight[p]!;
  }
  const grad = new Float64Array(m);
  const trial = new Float64Array(m);
  const moved = new Float64Array(m);
  const sorted = new Float64Array(m);
  const lam = new Float64Array(m);
  let rest = 0;

  /** L(λ) of the node at depth d for weights w[lo ..]; fills grad and `rest` (the part from issues after d). */
  const evaluate = (d: number, w: Float64Array, lo: number, a: Float64Array, off: number): number => {
    let total = 0;
    rest = 0;
    for (let q = 0; q < m; q++) {
      lam[q] = w[lo + q]!;
      grad[q] = a[off + valued[q]!]! / weight[valued[q]!]!;
      total += lam[q]! * grad[q]!;
    }
    for (let i = d; i < n; i++) {
      const dom = domain[i]!;
      let top = -Infinity;
      let arg = -1;
      for (let j = 0; j < dom.length; j++) {
        const o = dom[j]!;
        if (o < 0) continue;
        const base = (i * slots + o) * m;
        let g = 0;
        for (let q = 0; q < m; q++) g += lam[q]! * scaled[base + q]!;
        if (g > top) {
          top = g;
          arg = base;
        }
      }
      if (arg < 0) continue;
      total += top;
      if (i > d) rest += top;
      for (let q = 0; q < m; q++) grad[q]! += scaled[arg + q]!;
    }
    return total;
  };

  return {
    /** Tunes the weights of the node at depth d; returns its bound. */
    enter(d: number, a: Float64Array, off: number, target: number): number {
      const lo = (d + 1) * m;
      for (let q = 0; q < m; q++) lambda[lo + q] = lambda[d * m + q]!;
      let best = evaluate(d, lambda, lo, a, off);
      suffix[d] = rest;
      for (let step = 0; step < NODE_STEPS && best >= target; step++) {
        if (!polyakStep(grad, lambda, lo, best, target, moved, trial, sorted)) break;
        const v = evaluate(d, trial, 0, a, off);
        if (v < best) {
          best = v;
          suffix[d] = rest;
          lambda.set(trial, lo);
        } else break;
      }
      return best;
    },
    bound(d: number, a: Float64Array, off: number): number {
      // A child at depth d of the node entered at depth d − 1.
      const lo = d * m;
      let s = suffix[d - 1]!;
      for (let q = 0; q < m; q++) s += (lambda[lo + q]! * a[off + valued[q]!]!) / weight[valued[q]!]!;
      return s;
    },
  };
}

/** Σ over issues ≥ d of max_o Σ_p coef[p] · contrib[p,i,o], per depth: the separable bound of a linear objective. */
function linearSuffix(problem: Problem, parties: Int32Array, coef: Float64Array): Float64Array {
  const { n, slots, contrib, domain } = problem;
  const suf = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    let top = -Infinity;
    for (const o of domain[i]!) {
      let g = 0;
      if (o >= 0) for (let q = 0; q < parties.length; q++) g += coef[q]! * contrib[parties[q]! * n * slots + i * slots + o]!;
      if (g > top) top = g;
    }
    suf[i] = suf[i + 1]! + (top === -Infinity ? 0 : top);
  }
  return suf;
}

export function makeBounds(problem: Problem): Bounds {
  const { n, parties: P, slots, contrib, weight, domain, threshold } = problem;
  const parties = problem.case.parties;
  const reservation = Float64Array.from(parties, (p) => p.reservation);
  const valued = Int32Array.from(parties.map((_, p) => p).filter((p) => weight[p]! > 0));
  const constrained = Int32Array.from(parties.map((_, p) => p).filter((p) => threshold[p]! > -Infinity && weight[p]! > 0));
  const nv = valued.length;

  const sufMax = new Float64Array((n + 1) * P);
  for (let i = n - 1; i >= 0; i--) {
    for (let p = 0; p < P; p++) {
      let top = 0;
      let any = false;
      for (const o of domain[i]!) {
        if (o < 0) continue;
        const v = contrib[p * n * slots + i * slots + o]!;
        if (!any || v > top) top = v;
        any = true;
      }
      sufMax[i * P + p] = sufMax[(i + 1) * P + p]! + top;
    }
  }

  const optimistic = (d: number, a: Float64Array, off: number, p: number) => (a[off + p]! + sufMax[d * P + p]!) / weight[p]!;

  // A linear objective Σ coef_p · match_p has the exact separable bound Σ coef_p a_p / W_p + suffix.
  const linear = (coefPerMatch: Float64Array) => {
    const coef = Float64Array.from(valued, (p, q) => coefPerMatch[q]! / weight[p]!);
    const suffix = linearSuffix(problem, valued, coef);
    return (d: number, a: Float64Array, off: number) => {
      let s = suffix[d]!;
      for (let q = 0; q < nv; q++) s += coef[q]! * a[off + valued[q]!]!;
      return s;
    };
  };

  let bound: Bounds['bound'];
  let enter: Bounds['enter'] = () => Infinity;
  let rootWeightsPerParty: Float64Array | null = null;
  const objective = problem.objective;
  if (nv === 0) bound = () => -Infinity;
  else if (objective === 'maximin') {
    const rootWeights = maximinWeights(problem, valued);
    rootWeightsPerParty = new Float64Array(P);
    valued.forEach((p, q) => (rootWeightsPerParty![p] = rootWeights[q]!));
    const rootBound = linear(rootWeights);
    const node = nodeWeights(problem, valued, rootWeights);
    enter = node.enter;
    bound = (d, a, off) => {
      let worst = Infinity;
      for (let q = 0; q < nv; q++) {
        const v = optimistic(d, a, off, valued[q]!);
        if (v < worst) worst = v;
      }
      return Math.min(worst, rootBound(d, a, off), node.bound(d, a, off));
    };
  } else if (objective === 'mean') {
    const meanBound = linear(new Float64Array(nv).fill(1 / nv));
    bound = (d, a, off) => meanBound(d, a, off);
  } else if (objective === 'nash') {
    // Nash ≤ 100 × the arithmetic mean of the gains (AM–GM), a linear bound; and each gain at its best.
    const full = valued.every((p) => reservation[p]! < 100);
    const gainBound = full ? linear(Float64Array.from(valued, (p) => 100 / (nv * (100 - reservation[p]!)))) : null;
    const offset = full ? valued.reduce((s, p) => s + (100 * reservation[p]!) / (nv * (100 - reservation[p]!)), 0) : 0;
    bound = (d, a, off, red) => {
      if (red > 0) return 0;
      let logSum = 0;
      for (let q = 0; q < nv; q++) {
        const p = valued[q]!;
        const m = optimistic(d, a, off, p) + SLACK;
        const r = reservation[p]!;
        if (m < r) return 0;
        const gain = r >= 100 ? 1 : (m - r) / (100 - r);
        if (gain <= 0) return 0;
        logSum += Math.log(Math.min(1, gain));
      }
      const product = 100 * Math.exp(logSum / nv);
      return gainBound ? Math.max(0, Math.min(product, gainBound(d, a, off) - offset)) : product;
    };
  } else {
    const p = problem.objectiveParty;
    bound = weight[p]! > 0 ? (d, a, off) => optimistic(d, a, off, p) : () => -Infinity;
  }

  const value: Bounds['value'] = (a, off, red) => {
    if (objective.startsWith('party:')) {
      const p = problem.objectiveParty;
      return weight[p]! > 0 ? a[off + p]! / weight[p]! : null;
    }
    if (nv === 0) return null;
    // The same loop as aggregate() in scoring.ts, over the parties with a match, in case order.
    let worst = Infinity;
    let sum = 0;
    let logSum = 0;
    let blocked = red > 0;
    for (let q = 0; q < nv; q++) {
      const p = valued[q]!;
      const m = a[off + p]! / weight[p]!;
      sum += m;
      if (m < worst) worst = m;
      const r = reservation[p]!;
      if (m < r) {
        blocked = true;
        continue;
      }
      const gain = r >= 100 ? 1 : (m - r) / (100 - r);
      if (gain <= 0) blocked = true;
      else logSum += Math.log(gain);
    }
    if (objective === 'maximin') return worst;
    if (objective === 'mean') return sum / nv;
    return blocked ? 0 : 100 * Math.exp(logSum / nv);
  };

  const reachable: Bounds['reachable'] = (d, a, off) => {
    for (let q = 0; q < constrained.length; q++) {
      const p = constrained[q]!;
      if (optimistic(d, a, off, p) + SLACK < threshold[p]!) return false;
    }
    return true;
  };
  const meets: Bounds['meets'] = (a, off) => {
    for (let q = 0; q < constrained.length; q++) {
      const p = constrained[q]!;
      if (a[off + p]! / weight[p]! < threshold[p]!) return false;
    }
    return true;
  };

  return { sufMax, valued, constrained, rootWeights: rootWeightsPerParty, bound, enter, value, reachable, meets };
}
