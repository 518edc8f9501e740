// The exact best packages (DESIGN.md §11): depth-first branch and bound over the issues in case order, options
// in index order, so packages are met in increasing vector order and the TopK collector can settle ties.
// Subtrees are cut by red lines and exclusions (never in the domain), incompatible entries, thresholds no
// completion can reach, and objective bounds no better than the K-th package met (see docs/find-deals.md).
import { makeBounds, type Bounds } from './bounds.ts';
import { makeFilter, type NodeFilter } from './filter.ts';
import { seedPackages } from './heuristic.ts';
import { valueSearch } from './value.ts';
import { rankOrder, TopK } from './order.ts';
import { completesEntry, FREE, SLACK, type Problem } from './problem.ts';

export interface SearchProgress {
  /** Share of the search space settled, 0–1 (cut subtrees count as settled). */
  done: number;
  nodes: number;
  /** Best value found so far (null: none yet, or the objective has no value). */
  best: number | null;
  elapsedMs: number;
}

export interface RunOptions {
  top?: number;
  /** Stop after this many ms with the best found so far (exact: false). */
  timeLimitMs?: number;
  onProgress?: (p: SearchProgress) => void;
  /** Checked as the search runs; when aborted the search stops and throws SearchCancelled. */
  signal?: { readonly aborted: boolean };
  now?: () => number;
  /** A proven upper bound on every package's value (from a search in a free order), which lets ties settle early. */
  cap?: number;
  /** A proven lower bound on the K-th best value (from a search in a free order). */
  floor?: number;
}

export class SearchCancelled extends Error {
  override name = 'SearchCancelled';
  constructor() {
    super('the search was cancelled');
  }
}

export interface Found {
  value: number | null;
  /** Option index per free issue, in case order. */
  vector: Int32Array;
  /** Option index per issue (the option in force; −1 when open). */
  choice: Int32Array;
}

export interface RunOutcome {
  results: Found[];
  exact: boolean;
  /** An upper bound on the best value (the best value itself when exact); null when there is none. */
  bound: number | null;
  nodes: number;
  elapsedMs: number;
}

const CHECK_EVERY = 2047;
const PROGRESS_MS = 100;

export function vectorOf(problem: Problem, choice: Int32Array): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < problem.n; i++) if (problem.fixed[i] === FREE) out.push(choice[i]!);
  return Int32Array.from(out);
}

/** Runs the exact search for the first `top` packages of the problem. */
export function runSearch(problem: Problem, options: RunOptions = {}, bounds: Bounds = makeBounds(problem), filter: NodeFilter | null = defaultFilter(problem, bounds)): RunOutcome {
  const now = options.now ?? Date.now;
  const started = now();
  const k = Math.max(1, Math.floor(options.top ?? 10));
  const top = new TopK<Found>(k);
  if (problem.blocked.length > 0) return { results: [], exact: true, bound: null, nodes: 0, elapsedMs: now() - started };

  const { n, parties: P, slots, contrib, domain, redAny, entriesAt } = problem;
  const nP = n * slots;
  const a = new Float64Array((n + 1) * P);
  const choice = new Int32Array(n);
  const pos = new Int32Array(n);

  let nodes = 0;
  let stopped: 'time' | 'cancel' | null = null;
  let cutBound = -Infinity;
  let lastProgress = started;
  const deadline = options.timeLimitMs === undefined ? Infinity : started + options.timeLimitMs;

  // A good package early sets a floor that cuts most of the tree (only values within TIE of it can matter).
  let seeds = seedPackages(problem, bounds, k);
  let cap = options.cap ?? Infinity;
  // While the value search runs: the share of its tree settled. It counts for 90 % of the progress.
  const phase1: { share: (() => number) | null; weight: number } = { share: null, weight: 0 };

  const done = () => {
    if (phase1.share) return 0.9 * phase1.share();
    let share = 0;
    let scale = 1;
    for (let d = 0; d < n; d++) {
      const len = domain[d]!.length;
      if (len === 0) break;
      share += (scale * pos[d]!) / len;
      scale /= len;
    }
    return phase1.weight + (1 - phase1.weight) * Math.min(1, share);
  };

  const tick = () => {
    const t = now();
    if (options.signal?.aborted) stopped = 'cancel';
    else if (t >= deadline) stopped = 'time';
    if (options.onProgress && t - lastProgress >= PROGRESS_MS) {
      lastProgress = t;
      const b = Math.max(top.best(), seeds[0]?.value ?? -Infinity);
      options.onProgress({ done: done(), nodes, best: b === -Infinity ? null : b, elapsedMs: t - started });
    }
  };

  // Maximin: first a search in a free order (value.ts), which usually settles everything. When ties were too
  // many for it, the floor and cap it proves leave this ordered search only the packages that reach the K-th
  // value, and let ties at the top settle at once.
  if (filter && problem.objective === 'maximin' && bounds.valued.length > 0) {
    const v = valueSearch(problem, bounds, filter, k, seeds, (share) => {
      phase1.share = share;
      if ((++nodes & CHECK_EVERY) === 0) tick();
      return stopped !== null;
    });
    phase1.share = null;
    if (v.all) {
      const results = rankOrder(dedupe(v.all)).slice(0, k);
      return { results, exact: true, bound: results[0]?.value ?? null, nodes, elapsedMs: now() - started };
    }
    seeds = v.found;
    if (v.complete) {
      cap = Math.min(cap, v.found[0]!.value ?? -Infinity);
      phase1.weight = 0.9;
    }
  }
  if (seeds.length >= k) top.floor = seeds[k - 1]!.value ?? -Infinity;
  if (options.floor !== undefined && options.floor > top.floor) top.floor = options.floor;

  /** Sets the child's partial sums at depth d + 1; returns its bound, or NaN when the child is infeasible. */
  const child = (d: number, o: number, red: number): number => {
    if (entriesAt[d]!.length > 0 && completesEntry(problem, choice, d, o)) return NaN;
    const from = d * P;
    const to = from + P;
    if (o >= 0) for (let p = 0; p < P; p++) a[to + p] = a[from + p]! + contrib[p * nP + d * slots + o]!;
    else for (let p = 0; p < P; p++) a[to + p] = a[from + p]!;
    if (!bounds.reachable(d + 1, a, to)) return NaN;
    return bounds.bound(d + 1, a, to, red + (o >= 0 ? redAny[d * slots + o]! : 0));
  };

  const leaf = (red: number) => {
    const off = n * P;
    if (!bounds.meets(a, off)) return;
    const value = bounds.value(a, off, red);
    const v = value ?? -Infinity;
    if (v < top.cutoff) return;
    top.offer({ value, vector: vectorOf(problem, choice), choice: choice.slice() });
  };

  const doms = domain.map(() => new Int32Array(Math.max(1, problem.slots)));
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rest = Array.from({ length: n }, (_, d) => order.subarray(d));
  const dfs = (d: number, red: number): void => {
    if (d === n) {
      leaf(red);
      return;
    }
    let dom: Int32Array = domain[d]!;
    if (filter) {
      const ub = Math.min(filter.narrow(d, d - 1, rest[d]!, n - d, a, d * P, top.cutoff, d - 1), cap);
      if (ub + SLACK < top.cutoff || top.covers(ub)) return;
      dom = doms[d]!.subarray(0, filter.options(d, d, doms[d]!));
    }
    if (bounds.enter(d, a, d * P, top.cutoff) + SLACK < top.cutoff) return;
    for (let j = 0; j < dom.length; j++) {
      const o = dom[j]!;
      pos[d] = j;
      if ((++nodes & CHECK_EVERY) === 0) tick();
      if (stopped) {
        // Everything not yet settled is below the bounds of this child and its later siblings.
        for (let jj = j; jj < dom.length; jj++) {
          choice[d] = dom[jj]!;
          const b = child(d, dom[jj]!, red);
          if (b === b) cutBound = Math.max(cutBound, b);
        }
        return;
      }
      choice[d] = o;
      const ub = child(d, o, red);
      if (ub !== ub) continue; // NaN: infeasible
      if (ub + SLACK < top.cutoff || top.covers(Math.min(ub, cap))) continue;
      dfs(d + 1, red + (o >= 0 ? redAny[d * slots + o]! : 0));
    }
    pos[d] = dom.length;
  };

  if (domain.every((dom) => dom.length > 0)) dfs(0, 0);
  if (stopped === 'cancel') throw new SearchCancelled();
  const exact = stopped === null;
  // Cut short, the heuristic's packages may beat what the tree search reached.
  const results = exact ? top.result() : rankOrder(dedupe([...top.result(), ...seeds])).slice(0, k);
  const best = results[0]?.value ?? null;
  const bound = exact ? best : Math.max(best ?? -Infinity, cutBound);
  return { results, exact, bound: bound === -Infinity ? null : bound, nodes, elapsedMs: now() - started };
}

function dedupe(found: Found[]): Found[] {
  const seen = new Set<string>();
  return found.filter((f) => {
    const key = f.vector.join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The node filter of the problem's objective (see filter.ts); nash gets only the party thresholds. */
function defaultFilter(problem: Problem, bounds: Bounds): NodeFilter | null {
  const { objective } = problem;
  const P = problem.parties;
  if (objective === 'maximin') return makeFilter(problem, bounds.valued, bounds.rootWeights, true);
  if (objective === 'mean') {
    const w = new Float64Array(P);
    for (const p of bounds.valued) w[p] = 1 / bounds.valued.length;
    return makeFilter(problem, bounds.valued, w, false);
  }
  if (objective === 'nash') return makeFilter(problem, bounds.valued, null, false);
  const w = new Float64Array(P);
  if (problem.objectiveParty >= 0) w[problem.objectiveParty] = 1;
  return makeFilter(problem, bounds.valued, w, false);
}
