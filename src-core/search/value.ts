// The maximin search in a free issue order: it branches first on the heaviest open issue (in the node's
// weighted bound) and tries options by their weighted gain, so good packages come early and bounds bite high in
// the tree. It keeps every package within TIE of the K-th best value found so far (or above): when it ends,
// those are all the packages the first K of §11 can need (docs/find-deals.md), and sorting them is the answer.
// When ties make that set too large, it keeps only the K best values: the K-th is then a floor and the best a
// cap for the case-order search (best.ts), which settles who comes first among the tied packages.
import type { Bounds } from './bounds.ts';
import type { Found } from './best.ts';
import { vectorOf } from './best.ts';
import type { NodeFilter } from './filter.ts';
import { exactSums } from './heuristic.ts';
import { SLACK, TIE, type Problem } from './problem.ts';

export interface ValueOutcome {
  /** Up to K distinct feasible packages with exact values, best first. */
  found: Found[];
  /** When complete and not null: every package within TIE of the K-th best value or above (may repeat one). */
  all: Found[] | null;
  /**
   * True when the search ran to the end: no package outside `found` beats its K-th value (when it has K), and
   * none beats its first. False when it was stopped; `found` is then still a set of real packages.
   */
  complete: boolean;
}

const UNSET = -3;
/** Packages within TIE of the K-th value kept beyond K before giving up on ties (then best.ts settles them). */
const TIED = 1000;

/**
 * Runs the value search from the packages `seeds` (real packages, e.g. the heuristic's). `step` is called at
 * every node with the share of the tree settled so far; it returns true when the search must stop.
 */
export function valueSearch(problem: Problem, bounds: Bounds, filter: NodeFilter, k: number, seeds: readonly Found[], step: (share: () => number) => boolean): ValueOutcome {
  const { n, parties: P, slots, contrib, domain } = problem;
  const nP = n * slots;
  const found: Found[] = [];
  const keys = new Set<string>();
  const key = (v: number | null) => v ?? -Infinity;
  const kth = () => (found.length >= k ? key(found[k - 1]!.value) : -Infinity);
  let all: Found[] | null = [];
  const keep = (f: Found): void => {
    if (!all || key(f.value) < kth() - TIE) return;
    all.push(f);
    if (all.length <= TIED + 2 * k) return;
    const floor = kth() - TIE;
    all = all.filter((g) => key(g.value) >= floor);
    if (all.length > TIED + k) all = null;
  };
  const offer = (f: Found): void => {
    keep(f);
    const id = f.choice.join(',');
    if (keys.has(id)) return;
    let at = found.length;
    while (at > 0 && key(found[at - 1]!.value) < key(f.value)) at--;
    if (at >= k) return;
    found.splice(at, 0, f);
    keys.add(id);
    if (found.length > k) keys.delete(found.pop()!.choice.join(','));
  };
  for (const s of seeds) offer(s);

  // Incompatible entries by every issue they name: with issues chosen in any order, an entry is completed by
  // whichever of its issues comes last.
  const entriesOf: { issues: Int32Array; options: Int32Array }[][] = domain.map(() => []);
  for (const list of problem.entriesAt) for (const e of list) for (const i of e.issues) entriesOf[i]!.push(e);
  const choice = new Int32Array(n).fill(UNSET);
  const completes = (i: number, o: number): boolean => {
    for (const e of entriesOf[i]!) {
      let all = true;
      for (let t = 0; t < e.issues.length && all; t++) all = e.issues[t] === i ? e.options[t] === o : choice[e.issues[t]!] === e.options[t];
      if (all) return true;
    }
    return false;
  };

  const a = new Float64Array((n + 1) * P);
  const sums = new Float64Array(P);
  // rem[d * n ..]: the issues still open at depth d; opts[d * slots ..]: the options tried at depth d, best first.
  const rem = new Int32Array((n + 1) * Math.max(1, n));
  for (let i = 0; i < n; i++) rem[i] = i;
  const views = Array.from({ length: n }, (_, d) => rem.subarray(d * n, d * n + n - d));
  const opts = new Int32Array((n + 1) * Math.max(1, slots));
  const gains = new Float64Array(Math.max(1, slots));
  const weights = new Float64Array(Math.max(1, slots));
  const buf = new Int32Array(Math.max(1, slots));
  const pos = new Int32Array(n + 1);
  const len = new Int32Array(n + 1).fill(1);
  /** The issue branched on at each depth (the one a child's filter takes out of its parent's remaining issues). */
  const picked = new Int32Array(n + 1);
  const share = () => {
    let s = 0;
    let scale = 1;
    for (let d = 0; d < n; d++) {
      s += (scale * pos[d]!) / len[d]!;
      scale /= len[d]!;
    }
    return Math.min(1, s);
  };
  let stopped = false;

  const leaf = () => {
    const red = exactSums(problem, choice, sums);
    if (!bounds.meets(sums, 0)) return;
    const value = bounds.value(sums, 0, red);
    if (found.length >= k && key(value) < kth() - (all ? TIE : 0)) return;
    offer({ value, vector: vectorOf(problem, choice), choice: choice.slice() });
  };

  /**
   * The open issue to branch on: the one whose best option weighs most in the node's weighted bound. Deciding
   * the heaviest issues first moves the bound most, so the cuts come high in the tree (on the benchmark cases
   * this beat fewest-options-first and the narrowest gap between the two best options by 2–6× in nodes).
   */
  const pick = (d: number, count: number): number => {
    let bestR = 0;
    let bestGain = -Infinity;
    for (let r = 0; r < count; r++) {
      const g = filter.topGain(d, rem[d * n + r]!);
      if (g > bestGain) {
        bestGain = g;
        bestR = r;
      }
    }
    return bestR;
  };

  const dfs = (d: number): void => {
    if (stopped || (stopped = step(share))) return;
    if (d === n) {
      leaf();
      return;
    }
    const count = n - d;
    // Keeping ties: a subtree matters if it can come within TIE of the K-th value; else only if it can beat it.
    const cut = kth();
    const floor = all ? cut - TIE : cut;
    const ub = filter.narrow(d, d - 1, views[d]!, count, a, d * P, floor, d > 0 ? picked[d - 1]! : -1);
    if (ub === -Infinity || (found.length >= k && (all ? ub + SLACK < floor : ub <= cut))) return;
    const r = pick(d, count);
    const i = rem[d * n + r]!;
    picked[d] = i;
    // The children's open issues: this node's without i.
    for (let s = 0, t = (d + 1) * n; s < count; s++) if (s !== r) rem[t++] = rem[d * n + s]!;
    const c = filter.options(d, i, buf);
    filter.gains(d, i, weights);
    const base = d * slots;
    for (let j = 0; j < c; j++) {
      // Insertion by gain, highest first (ties: smaller index first, for a stable order).
      const o = buf[j]!;
      const g = weights[j]!;
      let at = j;
      while (at > 0 && gains[at - 1]! < g) {
        gains[at] = gains[at - 1]!;
        opts[base + at] = opts[base + at - 1]!;
        at--;
      }
      gains[at] = g;
      opts[base + at] = o;
    }
    len[d] = c;
    for (let j = 0; j < c && !stopped; j++) {
      pos[d] = j;
      const o = opts[base + j]!;
      if (o >= 0 && completes(i, o)) continue;
      choice[i] = o;
      const from = d * P;
      const to = from + P;
      if (o >= 0) for (let p = 0; p < P; p++) a[to + p] = a[from + p]! + contrib[p * nP + i * slots + o]!;
      else for (let p = 0; p < P; p++) a[to + p] = a[from + p]!;
      dfs(d + 1);
    }
    choice[i] = UNSET;
    pos[d] = 0;
    len[d] = 1;
  };

  if (domain.every((dom) => dom.length > 0)) dfs(0);
  return { found, all: stopped ? null : all, complete: !stopped };
}
