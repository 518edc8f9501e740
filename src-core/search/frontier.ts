// The exact two-party frontier (DESIGN.md §11): dynamic programming over the issues in case order, keeping
// per set of half-held incompatible entries only the states (weighted sums of the two parties and of every
// party with a threshold) that no other state dominates; then, per non-dominated pair of matches, the first
// package in the order of §11 that reaches it, found by the exact search with the pair as minimums.
import { makeBounds } from './bounds.ts';
import { runSearch, type Found, type RunOptions } from './best.ts';
import { buildProblem, FREE, SearchInputError, SLACK, TIE, type Problem, type ProblemInput } from './problem.ts';

export interface FrontierPoint {
  /** [match of A, match of B] of the representative package. */
  match: [number, number];
  found: Found;
}

interface State {
  sums: Float64Array;
  /** Per entry (index into `tracked`): all its terms so far hold. */
  alive: string;
}

/** Keeps the states no other state of the same key dominates (≥ in every dimension); equal states once. */
function paretoFilter(states: State[], dims: number): State[] {
  const byKey = new Map<string, State[]>();
  for (const s of states) {
    const list = byKey.get(s.alive);
    if (list) list.push(s);
    else byKey.set(s.alive, [s]);
  }
  const out: State[] = [];
  for (const list of byKey.values()) {
    // Highest first in the first dimension (then the others), so a dominating state is always met earlier.
    list.sort((x, y) => {
      for (let k = 0; k < dims; k++) if (x.sums[k] !== y.sums[k]) return y.sums[k]! - x.sums[k]!;
      return 0;
    });
    const kept: State[] = [];
    if (dims === 2) {
      // Every earlier state is at least as good in A, so a state survives only by a better B.
      let bestB = -Infinity;
      for (const s of list) {
        if (s.sums[1]! > bestB) {
          kept.push(s);
          bestB = s.sums[1]!;
        }
      }
    } else {
      for (const s of list) {
        const dominated = kept.some((k) => {
          for (let j = 0; j < dims; j++) if (k.sums[j]! < s.sums[j]!) return false;
          return true;
        });
        if (!dominated) kept.push(s);
      }
    }
    out.push(...kept);
  }
  return out;
}

export function frontierStates(problem: Problem, pa: number, pb: number): [number, number][] {
  const { n, slots, contrib, weight, domain, threshold, entriesAt } = problem;
  const P = problem.parties;
  const dimsParties = [pa, pb, ...problem.case.parties.map((_, p) => p).filter((p) => p !== pa && p !== pb && threshold[p]! > -Infinity && weight[p]! > 0)];
  const dims = dimsParties.length;
  const bounds = makeBounds(problem);

  // Entries still in play and the issues they name; a state's key says which are fully held so far.
  const entries = entriesAt.flat();
  const lastIssue = entries.map((e) => e.issues[e.issues.length - 1]!);
  const termAt = entries.map((e) => new Map([...e.issues].map((i, t) => [i, e.options[t]!])));

  let states: State[] = [{ sums: new Float64Array(dims), alive: entries.map(() => '1').join('') }];
  const full = new Float64Array(P);
  for (let i = 0; i < n; i++) {
    const next: State[] = [];
    for (const s of states) {
      for (const o of domain[i]!) {
        let alive = '';
        let conflict = false;
        for (let e = 0; e < entries.length; e++) {
          let bit = s.alive[e]!;
          const want = termAt[e]!.get(i);
          if (want !== undefined && bit === '1') bit = want === o ? '1' : '0';
          if (bit === '1' && lastIssue[e] === i) conflict = true;
          // Once an entry's last issue is past, its bit carries no information: fold it so states merge.
          alive += i >= lastIssue[e]! ? '1' : bit;
        }
        if (conflict) continue;
        const sums = s.sums.slice();
        if (o >= 0) for (let k = 0; k < dims; k++) sums[k]! += contrib[dimsParties[k]! * n * slots + i * slots + o]!;
        // Drop states that can no longer reach a threshold.
        let ok = true;
        for (let k = 0; k < dims && ok; k++) {
          const p = dimsParties[k]!;
          if (threshold[p]! > -Infinity && (sums[k]! + bounds.sufMax[(i + 1) * P + p]!) / weight[p]! + SLACK < threshold[p]!) ok = false;
        }
        if (ok) next.push({ sums, alive });
      }
    }
    states = paretoFilter(next, dims);
  }
  const pairs: [number, number][] = [];
  for (const s of states) {
    full.fill(0);
    dimsParties.forEach((p, k) => (full[p] = s.sums[k]!));
    if (!bounds.meets(full, 0)) continue;
    pairs.push([s.sums[0]! / weight[pa]!, s.sums[1]! / weight[pb]!]);
  }
  return pairs;
}

/** Non-dominated pairs (better by more than TIE counts), pairs within TIE in both merged; ascending in A. */
export function frontierClusters(pairs: readonly [number, number][]): [number, number][][] {
  const unique = [...new Map(pairs.map((p) => [`${p[0]},${p[1]}`, p])).values()];
  const front = unique.filter((p) => !unique.some((q) => q[0] >= p[0] - TIE && q[1] >= p[1] - TIE && (q[0] > p[0] + TIE || q[1] > p[1] + TIE)));
  front.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const clusters: [number, number][][] = [];
  for (const p of front) {
    const last = clusters[clusters.length - 1];
    if (last && Math.abs(last[0]![0] - p[0]) <= TIE && Math.abs(last[0]![1] - p[1]) <= TIE) last.push(p);
    else clusters.push([p]);
  }
  return clusters;
}

export interface FrontierInput extends ProblemInput {
  parties: [string, string];
}

/** Every point of the frontier with its first package under the objective, ascending in A's match. */
export function computeFrontier(problem: Problem, input: FrontierInput, options: RunOptions = {}): FrontierPoint[] {
  const c = problem.case;
  const [idA, idB] = input.parties;
  const pa = c.parties.findIndex((p) => p.id === idA);
  const pb = c.parties.findIndex((p) => p.id === idB);
  for (const [id, i] of [[idA, pa], [idB, pb]] as const) {
    if (i < 0) throw new SearchInputError(`--parties: "${id}" is not a party of case "${c.id}" (parties: ${c.parties.map((p) => p.id).join(', ')})`);
  }
  if (pa === pb) throw new SearchInputError('--parties: name two different parties');
  if (problem.blocked.length > 0 || problem.weight[pa] === 0 || problem.weight[pb] === 0 || problem.domain.some((d) => d.length === 0)) return [];

  const points: FrontierPoint[] = [];
  for (const cluster of frontierClusters(frontierStates(problem, pa, pb))) {
    const minA = Math.min(...cluster.map((p) => p[0])) - TIE;
    const minB = Math.min(...cluster.map((p) => p[1])) - TIE;
    const min = { ...input.min, [idA]: Math.max(input.min?.[idA] ?? 0, Math.max(0, minA)), [idB]: Math.max(input.min?.[idB] ?? 0, Math.max(0, minB)) };
    const sub = buildProblem(c, { ...input, min }, problem.compiled);
    const [found] = runSearch(sub, { ...options, top: 1, timeLimitMs: undefined }).results;
    if (!found) continue;
    const sums = matchesOf(problem, found.choice);
    points.push({ match: [sums[pa]!, sums[pb]!], found });
  }
  return points.sort((x, y) => x.match[0] - y.match[0]);
}

/** The match of every party for a complete choice (null-free: parties without weight get NaN). */
export function matchesOf(problem: Problem, choice: Int32Array): Float64Array {
  const { n, slots, contrib, weight } = problem;
  const out = new Float64Array(problem.parties);
  for (let p = 0; p < problem.parties; p++) {
    let s = 0;
    for (let i = 0; i < n; i++) if (choice[i]! >= 0) s += contrib[p * n * slots + i * slots + choice[i]!]!;
    out[p] = s / weight[p]!;
  }
  return out;
}

export { FREE };
