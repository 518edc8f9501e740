// A quick good package before the exact search: a greedy dive by bound, then best-improvement local search
// (one issue changed at a time). Its K best distinct packages give the exact search a floor to cut against;
// their values are recomputed exactly, so the floor is a true lower bound on the K-th best value.
import type { Bounds } from './bounds.ts';
import type { Found } from './best.ts';
import { vectorOf } from './best.ts';
import { completesEntry, FREE, type Problem } from './problem.ts';

const MAX_STEPS = 60;

/** Whether a complete package holds some incompatible entry. */
function holdsEntry(problem: Problem, choice: Int32Array): boolean {
  for (let i = 0; i < problem.n; i++) if (problem.entriesAt[i]!.length > 0 && completesEntry(problem, choice, i, choice[i]!)) return true;
  return false;
}

/** Weighted sums in case order, exactly as the scores are computed; returns how many red lines are crossed. */
export function exactSums(problem: Problem, choice: Int32Array, out: Float64Array): number {
  const { n, parties: P, slots, contrib, redAny } = problem;
  out.fill(0);
  let red = 0;
  for (let i = 0; i < n; i++) {
    const o = choice[i]!;
    if (o < 0) continue;
    red += redAny[i * slots + o]!;
    for (let p = 0; p < P; p++) out[p]! += contrib[p * n * slots + i * slots + o]!;
  }
  return red;
}

function dive(problem: Problem, bounds: Bounds): Int32Array | null {
  const { n, parties: P, slots, contrib, domain, redAny } = problem;
  const a = new Float64Array((n + 1) * P);
  const choice = new Int32Array(n);
  let red = 0;
  for (let d = 0; d < n; d++) {
    let best = -Infinity;
    let bestO = -2;
    bounds.enter(d, a, d * P, -Infinity);
    for (const o of domain[d]!) {
      if (problem.entriesAt[d]!.length > 0 && completesEntry(problem, choice, d, o)) continue;
      for (let p = 0; p < P; p++) a[(d + 1) * P + p] = a[d * P + p]! + (o >= 0 ? contrib[p * n * slots + d * slots + o]! : 0);
      if (!bounds.reachable(d + 1, a, (d + 1) * P)) continue;
      const b = bounds.bound(d + 1, a, (d + 1) * P, red + (o >= 0 ? redAny[d * slots + o]! : 0));
      if (bestO === -2 || b > best) {
        best = b;
        bestO = o;
      }
    }
    if (bestO === -2) return null;
    choice[d] = bestO;
    for (let p = 0; p < P; p++) a[(d + 1) * P + p] = a[d * P + p]! + (bestO >= 0 ? contrib[p * n * slots + d * slots + bestO]! : 0);
    if (bestO >= 0) red += redAny[d * slots + bestO]!;
  }
  return choice;
}

/** Up to k distinct feasible packages, best first, with exact values; empty when none was found. */
export function seedPackages(problem: Problem, bounds: Bounds, k: number): Found[] {
  const start = dive(problem, bounds);
  if (!start) return [];
  const { n, parties: P, slots, contrib, domain, redAny } = problem;
  const sums = new Float64Array(P);
  const trial = new Float64Array(P);
  const key = (v: number | null) => v ?? -Infinity;
  const pool = new Map<string, Int32Array>();

  const current = start.slice();
  let red = exactSums(problem, current, sums);
  let value = bounds.meets(sums, 0) && !holdsEntry(problem, current) ? key(bounds.value(sums, 0, red)) : -Infinity;
  if (!holdsEntry(problem, current)) pool.set(current.join(','), current.slice());
  for (let step = 0; step < MAX_STEPS; step++) {
    const candidates: { v: number; i: number; o: number }[] = [];
    for (let i = 0; i < n; i++) {
      if (problem.fixed[i] !== FREE) continue;
      const was = current[i]!;
      for (const o of domain[i]!) {
        if (o === was) continue;
        for (let p = 0; p < P; p++) trial[p] = sums[p]! - contrib[p * n * slots + i * slots + was]! + contrib[p * n * slots + i * slots + o]!;
        if (!bounds.meets(trial, 0)) continue;
        const v = key(bounds.value(trial, 0, red - redAny[i * slots + was]! + redAny[i * slots + o]!));
        candidates.push({ v, i, o });
      }
    }
    // The best neighbours join the pool (the K-th best value found is what sets the floor).
    candidates.sort((x, y) => y.v - x.v);
    let moved = false;
    for (const [rank, c] of candidates.entries()) {
      if (rank > k + 2 && (moved || c.v <= value)) break;
      const was = current[c.i]!;
      current[c.i] = c.o;
      const consistent = !holdsEntry(problem, current);
      if (consistent) pool.set(current.join(','), current.slice());
      if (consistent && !moved && c.v > value) {
        moved = true; // keep the move
        continue;
      }
      current[c.i] = was;
    }
    if (!moved) break;
    red = exactSums(problem, current, sums);
    value = key(bounds.value(sums, 0, red));
  }

  const found: Found[] = [];
  for (const choice of pool.values()) {
    const r = exactSums(problem, choice, sums);
    if (!bounds.meets(sums, 0)) continue;
    found.push({ value: bounds.value(sums, 0, r), vector: vectorOf(problem, choice), choice });
  }
  found.sort((x, y) => key(y.value) - key(x.value));
  return found.slice(0, k);
}
