// Domain filtering at every node of the best-package search: options that cannot be part of any package the
// search still needs are removed from the node's subtree before it branches, and the node gets an upper bound
// on the objective of what is left. Both rules are exact (they never remove an option of a package that can
// reach the cut-off):
// - a party's threshold (its minimum, its reservation when it must accept, and — for maximin — the cut-off
//   itself, since a package matters only if every party reaches it): an option whose contribution falls so far
//   below the party's best on that issue that even the best everywhere else cannot make up the loss;
// - a weighted bound (maximin: min_p M_p ≤ Σ_p λ_p M_p for any λ on the simplex, re-tuned at every node by a few
//   projected subgradient steps from the parent's λ; mean and party:P: their own linear objective): an option
//   whose loss against the issue's best weighted gain takes the bound below the cut-off (reduced-cost fixing).
// Removing options lowers every party's best still-reachable sum, so the rules run until nothing changes.
import type { Problem } from './problem.ts';

export interface NodeFilter {
  /**
   * Narrows, at level `lvl`, the options of the issues remaining[0 .. count) for a node with weighted sums
   * a[off .. off + P) (level `parent`'s option sets copied first; parent −1: the problem's domains). `chosen` is the
   * issue decided between the parent and this node (the parent's remaining issues are these plus it). `cutoff` is
   * the value a package must reach to matter (−∞: any). Returns an upper bound on the objective over the
   * completions left — −∞ when none can reach the cut-off (the node can be cut) — or +∞ when the objective has
   * no bound here (nash).
   */
  narrow(lvl: number, parent: number, remaining: Int32Array, count: number, a: Float64Array, off: number, cutoff: number, chosen: number): number;
  /** The options of issue i still alive at level lvl, ascending, written into out; returns how many. */
  options(lvl: number, i: number, out: Int32Array): number;
  /**
   * The weighted gains, under level lvl's λ (maximin) or the linear objective (0 for nash), of the options
   * `options` lists, in the same order, written into out; returns how many. (Arrays, not one call per option:
   * a number returned from a call is boxed, and this runs at every node.)
   */
  gains(lvl: number, i: number, out: Float64Array): number;
  /** The highest of those gains (0 for an open issue or without weights): what `gains` would give, without the copy. */
  topGain(lvl: number, i: number): number;
}

const EPS = 1e-9;
/** Subgradient steps per node, in its first round of rules (each one pass over the remaining options). */
const STEPS = 6;

export function makeFilter(problem: Problem, valued: Int32Array, linearWeights: Float64Array | null, perPartyCutoff: boolean): NodeFilter {
  const { n, parties: P, slots, contrib, weight, domain, threshold } = problem;
  const cells = n * slots;
  const levels = n + 2;
  // alive[lvl * cells + i * slots + o] = 1: option o of issue i is still possible in the subtree at level lvl.
  const alive = new Uint8Array(levels * cells);
  const root = new Uint8Array(cells);
  for (let i = 0; i < n; i++) for (const o of domain[i]!) if (o >= 0) root[i * slots + o] = 1;
  const openIssue = Uint8Array.from(domain, (dom) => (dom.length === 1 && dom[0]! < 0 ? 1 : 0));
  const isValued = new Uint8Array(P);
  for (const p of valued) isValued[p] = 1;

  // The weighted bound: parties q = 0..m−1 (valued ones, or every party with a linear weight), λ per level.
  const parties = linearWeights ? Int32Array.from(valued.filter((p) => linearWeights[p]! !== 0 || perPartyCutoff)) : new Int32Array(0);
  const m = parties.length;
  const tuned = perPartyCutoff && m > 1;
  const lam = new Float64Array(levels * m);
  const scaled = new Float64Array(cells * m);
  parties.forEach((p, q) => {
    lam[q] = linearWeights![p]!;
    for (let j = 0; j < cells; j++) scaled[j * m + q] = contrib[p * cells + j]! / weight[p]!;
  });
  for (let l = 1; l < levels; l++) lam.copyWithin(l * m, 0, m);
  const grad = new Float64Array(m);
  const trial = new Float64Array(m);
  const moved = new Float64Array(m);
  const sorted = new Float64Array(m);
  const choices = new Int32Array(Math.max(1, slots));
  const req = new Float64Array(m);
  const shifted = new Float64Array(m);
  const dot = (w: Float64Array, lo: number, v: Float64Array) => {
    let s = 0;
    for (let q = 0; q < m; q++) s += w[lo + q]! * v[q]!;
    return s;
  };

  // byContrib[p * cells + i * slots + k]: party p's options of issue i, best contribution first. The party pass
  // reads the first alive one (the party's best) and kills from the other end until one survives, instead of
  // scanning every option twice: it runs for every party, in every round, at every node.
  const byContrib = new Int32Array(P * cells);
  // spread[p]: the largest gap between party p's best and worst allowed option on one issue. With more room
  // than that (slack), the party cannot rule out any option, and its kill pass is skipped.
  const spread = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    for (let i = 0; i < n; i++) {
      const at = p * cells + i * slots;
      // Insertion sort, best first (ties: lower index first): a handful of options, and no allocation.
      for (let o = 0; o < slots; o++) {
        const v = contrib[at + o]!;
        let k = o;
        while (k > 0 && contrib[at + byContrib[at + k - 1]!]! < v) {
          byContrib[at + k] = byContrib[at + k - 1]!;
          k--;
        }
        byContrib[at + k] = o;
      }
      let hi = -Infinity;
      let lo = Infinity;
      for (const o of domain[i]!) {
        if (o < 0) continue;
        hi = Math.max(hi, contrib[at + o]!);
        lo = Math.min(lo, contrib[at + o]!);
      }
      if (hi > lo) spread[p] = Math.max(spread[p]!, hi - lo);
    }
  }
  // Kept current as options die, so that a party pass reads one number instead of scanning every remaining issue
  // (it runs for every party, in every round, at every node): bestK[lvl * P * n + p * n + i] is the position in
  // byContrib of party p's best alive option of issue i at level lvl, and restSum[lvl * P + p] the sum of those
  // contributions over the level's remaining issues, for the parties with a match (`valued`, the ones the party
  // pass runs for). A child copies its parent's and takes the chosen issue out.
  const pn = P * n;
  const bestK = new Uint8Array(levels * pn);
  const restSum = new Float64Array(levels * P);

  /** Recomputes every party's best alive options and rest sum at the level from its alive sets; false when an issue has none. */
  const scanBest = (lvl: number, rem: Int32Array, count: number): boolean => {
    const base0 = lvl * cells;
    for (const p of valued) {
      let rest = 0;
      for (let r = 0; r < count; r++) {
        const i = rem[r]!;
        if (openIssue[i]) continue;
        const at = p * cells + i * slots;
        let k = 0;
        while (k < slots && !alive[base0 + i * slots + byContrib[at + k]!]) k++;
        if (k === slots) return false;
        bestK[lvl * pn + p * n + i] = k;
        rest += contrib[at + byContrib[at + k]!]!;
      }
      restSum[lvl * P + p] = rest;
    }
    return true;
  };

  /**
   * Option o of issue i (a remaining issue with another alive option) dies at the level: parties whose best it
   * was move to their next alive option. Neither rule below ever kills the last option of an issue: each keeps
   * an issue's best by its own measure.
   */
  const kill = (lvl: number, i: number, o: number): void => {
    const base = lvl * cells + i * slots;
    alive[base + o] = 0;
    for (let w = 0; w < valued.length; w++) {
      const p = valued[w]!;
      const at = p * cells + i * slots;
      const bk = lvl * pn + p * n + i;
      let k = bestK[bk]!;
      if (byContrib[at + k] !== o) continue;
      const was = contrib[at + o]!;
      do k++;
      while (k < slots && !alive[base + byContrib[at + k]!]);
      if (k === slots) {
        wiped = true; // cannot happen (see above); if it did, the node would be cut, not misjudged
        continue;
      }
      bestK[bk] = k;
      restSum[lvl * P + p]! += contrib[at + byContrib[at + k]!]! - was;
    }
  };

  /** The level of the last narrow (whose weighted pass issueTop describes). */
  let lastLevel = -1;
  /** Set when a kill left an issue without options (never, by the rules; checked all the same). */
  let wiped = false;
  /** The sum of the party's best alive contributions over the remaining issues, from its last pass. */
  let partyRest = 0;

  const partyPass = (lvl: number, rem: Int32Array, count: number, p: number, need: number): number => {
    const rest = restSum[lvl * P + p]!;
    partyRest = rest;
    const tol = EPS * Math.max(1, weight[p]!);
    const slack = rest - need;
    if (slack < -tol) return -1;
    if (slack + tol >= spread[p]!) return 0;
    const base0 = lvl * cells;
    const cp = p * cells;
    let killed = 0;
    for (let r = 0; r < count; r++) {
      const i = rem[r]!;
      if (openIssue[i]) continue;
      const base = base0 + i * slots;
      const at = cp + i * slots;
      const k0 = bestK[lvl * pn + p * n + i]!;
      const floor = contrib[at + byContrib[at + k0]!]! - slack - tol;
      // From the worst up, never past the party's best (which is at least the floor, as slack ≥ −tol).
      for (let k = slots - 1; k > k0; k--) {
        const o = byContrib[at + k]!;
        if (!alive[base + o]) continue;
        if (contrib[at + o]! >= floor) break;
        kill(lvl, i, o);
        killed++;
      }
    }
    return killed;
  };

  // The weighted gains of the alive options under each level's λ (levelGains[lvl * cells + i * slots + o]) and
  // under a trial λ: the reduced-cost pass and `gains` read them instead of computing every product again.
  const levelGains = new Float64Array(levels * cells);
  const trialGains = new Float64Array(cells);
  const issueTop = new Float64Array(n);
  const trialTop = new Float64Array(n);

  /**
   * L(λ) over the alive options of the remaining issues, λ = w[lo ..]; fills each option's gain
   * (G[gOff + i * slots + o]) and each issue's top gain (top[i]), and notes the maximising options for
   * `gradient`. With `reuse`, the gains are read from G instead (they must be those of this λ, as known[lvl] says
   * of levelGains).
   */
  const lagrange = (lvl: number, rem: Int32Array, count: number, a: Float64Array, off: number, w: Float64Array, lo: number, G: Float64Array, gOff: number, top: Float64Array, reuse = false): number => {
    let total = 0;
    nargs = 0;
    for (let q = 0; q < m; q++) {
      const p = parties[q]!;
      grad[q] = a[off + p]! / weight[p]!;
      total += w[lo + q]! * grad[q]!;
    }
    const base0 = lvl * cells;
    for (let r = 0; r < count; r++) {
      const i = rem[r]!;
      if (openIssue[i]) continue;
      let most = -Infinity;
      let arg = -1;
      const base = base0 + i * slots;
      for (let o = 0; o < slots; o++) {
        if (!alive[base + o]) continue;
        const sb = (i * slots + o) * m;
        let g = 0;
        if (reuse) g = G[gOff + i * slots + o]!;
        else {
          for (let q = 0; q < m; q++) g += w[lo + q]! * scaled[sb + q]!;
          G[gOff + i * slots + o] = g;
        }
        if (g > most) {
          most = g;
          arg = sb;
        }
      }
      if (arg < 0) return -Infinity;
      top[i] = most;
      total += most;
      args[nargs++] = arg;
    }
    return total;
  };
  // The maximising options of the last L(λ): its gradient is only needed when a step is taken, so it is summed
  // then (most passes end in a cut or with the bound below what is needed).
  const args = new Int32Array(Math.max(1, n));
  let nargs = 0;
  /** Completes grad (the node's matches so far, set by lagrange) into the gradient of the last L(λ). */
  const gradient = (): void => {
    for (let r = 0; r < nargs; r++) {
      const arg = args[r]!;
      for (let q = 0; q < m; q++) grad[q]! += scaled[arg + q]!;
    }
  };

  // known[lvl] = 1: levelGains at lvl hold the gains under lam at lvl of every option alive there. A child starts
  // from its parent's λ and a subset of its options, so it inherits them and its first L(λ) needs no products.
  const known = new Uint8Array(levels);

  /**
   * Tunes λ at this level (maximin), then removes the options whose reduced cost takes L below what is needed.
   * Maximin needs every weighted party q at r_q = max(cut-off, its threshold) (a package matters only if its
   * worst match reaches the cut-off), so Σ_q λ_q (M_q − r_q) < 0 for every completion proves the node empty;
   * with no thresholds this is L < cut-off. Mean and party:P need their linear objective at the cut-off.
   */
  let killedByWeights = 0;
  /** Returns the node's weighted bound (−∞: cut) and sets killedByWeights (no object per node: this runs at every node). */
  const weightedPass = (lvl: number, rem: Int32Array, count: number, a: Float64Array, off: number, cutoff: number, steps: number): number => {
    killedByWeights = 0;
    const lo = lvl * m;
    const gOff = lvl * cells;
    let bound = lagrange(lvl, rem, count, a, off, lam, lo, levelGains, gOff, issueTop, known[lvl] === 1);
    known[lvl] = 1;
    if (bound === -Infinity || cutoff === -Infinity) return bound;
    let need = cutoff;
    if (tuned) {
      for (let q = 0; q < m; q++) req[q] = Math.max(cutoff, threshold[parties[q]!]!);
      need = dot(lam, lo, req);
    }
    for (let step = 0; tuned && step < steps && bound >= need; step++) {
      gradient();
      for (let q = 0; q < m; q++) shifted[q] = grad[q]! - req[q]!;
      if (!polyakStep(shifted, lam, lo, bound - need, 0, moved, trial, sorted)) break;
      // The trial's maximisers replace the node's: used only if the trial is kept, since a rejected one ends the loop.
      const v = lagrange(lvl, rem, count, a, off, trial, 0, trialGains, 0, trialTop);
      const vNeed = dot(trial, 0, req);
      if (v - vNeed < bound - need) {
        bound = v;
        need = vNeed;
        lam.set(trial, lo);
        levelGains.set(trialGains, gOff);
        issueTop.set(trialTop);
      } else break;
    }
    if (bound < need - EPS) return -Infinity;
    const slack = bound - need;
    let killed = 0;
    const base0 = lvl * cells;
    for (let r = 0; r < count; r++) {
      const i = rem[r]!;
      if (openIssue[i]) continue;
      const base = base0 + i * slots;
      const floor = issueTop[i]! - slack - EPS;
      for (let o = 0; o < slots; o++) {
        if (alive[base + o] && levelGains[gOff + i * slots + o]! < floor) {
          kill(lvl, i, o);
          killed++;
        }
      }
    }
    killedByWeights = killed;
    return bound;
  };

  return {
    narrow(lvl, parent, rem, count, a, off, cutoff, chosen) {
      lastLevel = lvl;
      if (parent < 0 || chosen < 0) {
        if (parent < 0) alive.set(root, lvl * cells);
        else alive.copyWithin(lvl * cells, parent * cells, parent * cells + cells);
        if (!scanBest(lvl, rem, count)) return -Infinity;
      } else {
        alive.copyWithin(lvl * cells, parent * cells, parent * cells + cells);
        bestK.copyWithin(lvl * pn, parent * pn, parent * pn + pn);
        for (const p of valued) {
          let rest = restSum[parent * P + p]!;
          if (!openIssue[chosen]) rest -= contrib[p * cells + chosen * slots + byContrib[p * cells + chosen * slots + bestK[parent * pn + p * n + chosen]!]!]!;
          restSum[lvl * P + p] = rest;
        }
      }
      wiped = false;
      if (m > 0 && parent >= 0) lam.copyWithin(lvl * m, parent * m, parent * m + m);
      known[lvl] = parent >= 0 ? known[parent]! : 0;
      if (known[lvl]) levelGains.copyWithin(lvl * cells, parent * cells, parent * cells + cells);
      let bound = Infinity;
      for (let round = 0; round < 8; round++) {
        let killed = 0;
        let partyBound = Infinity;
        for (let p = 0; p < P; p++) {
          if (weight[p]! <= 0) continue;
          let t = threshold[p]!;
          if (perPartyCutoff && isValued[p] && cutoff > t) t = cutoff;
          if (t === -Infinity) {
            if (!perPartyCutoff || !isValued[p]) continue;
          }
          const k = partyPass(lvl, rem, count, p, t === -Infinity ? -Infinity : t * weight[p]! - a[off + p]!);
          if (k < 0) return -Infinity;
          killed += k;
          if (perPartyCutoff && isValued[p]) partyBound = Math.min(partyBound, (a[off + p]! + partyRest) / weight[p]!);
        }
        if (m > 0) {
          // λ is tuned in the first round only: later rounds start from the tuned λ over fewer options, where a
          // step was measured to cut too rarely to pay for its pass (about 4% less time on 10-party cases).
          const w = weightedPass(lvl, rem, count, a, off, cutoff, round === 0 ? STEPS : 0);
          if (w === -Infinity) return -Infinity;
          killed += killedByWeights;
          bound = Math.min(w, partyBound);
        } else bound = perPartyCutoff ? partyBound : Infinity;
        if (wiped) return -Infinity;
        if (killed === 0) break;
      }
      return bound;
    },
    options(lvl, i, out) {
      if (openIssue[i]) {
        out[0] = -1;
        return 1;
      }
      const base = lvl * cells + i * slots;
      let k = 0;
      for (let o = 0; o < slots; o++) if (alive[base + o]) out[k++] = o;
      return k;
    },
    gains(lvl, i, out) {
      const c = this.options(lvl, i, choices);
      // The gains of this level's last weighted pass, which ran with its final λ over every alive option.
      for (let j = 0; j < c; j++) {
        const o = choices[j]!;
        out[j] = o >= 0 && m > 0 ? levelGains[lvl * cells + i * slots + o]! : 0;
      }
      return c;
    },
    topGain(lvl, i) {
      if (openIssue[i] || m === 0) return 0;
      // issueTop holds the last weighted pass's maxima: this level's while nothing deeper has been narrowed (the
      // weighted pass never kills an issue's top option, and a party pass is always followed by a weighted pass).
      if (lvl === lastLevel) return issueTop[i]!;
      let top = -Infinity;
      for (let o = 0; o < slots; o++) if (alive[lvl * cells + i * slots + o] && levelGains[lvl * cells + i * slots + o]! > top) top = levelGains[lvl * cells + i * slots + o]!;
      return top;
    },
  };
}

/**
 * One projected subgradient step on L(λ) from λ = w[lo ..] with gradient grad (the matches of the maximising
 * options), a Polyak step aimed just below `target`, where the node would be cut; the new λ goes to `trial`.
 * False when the gradient is flat (every party alike: no step helps).
 */
export function polyakStep(grad: Float64Array, w: Float64Array, lo: number, bound: number, target: number, moved: Float64Array, trial: Float64Array, sorted: Float64Array): boolean {
  const m = grad.length;
  let mean = 0;
  for (let q = 0; q < m; q++) mean += grad[q]!;
  mean /= m;
  let norm = 0;
  for (let q = 0; q < m; q++) norm += (grad[q]! - mean) ** 2;
  if (norm < 1e-12) return false;
  const eta = (bound - target + 0.05) / norm;
  for (let q = 0; q < m; q++) moved[q] = w[lo + q]! - eta * (grad[q]! - mean);
  projectSimplex(moved, trial, sorted);
  return true;
}

/** Euclidean projection onto the probability simplex (sort-based). */
function projectSimplex(v: Float64Array, out: Float64Array, sorted: Float64Array): void {
  const m = v.length;
  // Insertion sort: a handful of parties, and TypedArray#sort allocates on every call (this runs at every node).
  for (let q = 0; q < m; q++) {
    const x = v[q]!;
    let j = q;
    while (j > 0 && sorted[j - 1]! > x) {
      sorted[j] = sorted[j - 1]!;
      j--;
    }
    sorted[j] = x;
  }
  let cum = 0;
  let theta = 0;
  for (let j = m - 1; j >= 0; j--) {
    cum += sorted[j]!;
    const t = (cum - 1) / (m - j);
    if (j === 0 || sorted[j - 1]! <= t) {
      theta = t;
      break;
    }
  }
  for (let q = 0; q < m; q++) out[q] = Math.max(0, v[q]! - theta);
}
