// The result order of DESIGN.md §11: by value, highest first; values within TIE of the highest value of
// their group are equal and ordered by the vector of chosen option indices (smaller first); packages
// without a value come last. The collector keeps, while a search runs, every package that can still be
// among the first K, and nothing it can prove is not.
import { TIE } from './problem.ts';

export interface Ranked {
  /** null when the objective has no value (no party with a match). */
  value: number | null;
  /** Option index per ordered issue (−1 for an unaddressed one). */
  vector: Int32Array;
}

export function compareVectors(a: Int32Array, b: Int32Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Sorts by the order of §11 (a new array). */
export function rankOrder<T extends Ranked>(items: readonly T[]): T[] {
  const byValue = [...items].sort((a, b) => key(b.value) - key(a.value) || compareVectors(a.vector, b.vector));
  const out: T[] = [];
  let start = 0;
  while (start < byValue.length) {
    const top = byValue[start]!.value;
    let end = start + 1;
    if (top === null) end = byValue.length;
    else while (end < byValue.length && byValue[end]!.value !== null && byValue[end]!.value! >= top - TIE) end++;
    out.push(...byValue.slice(start, end).sort((a, b) => compareVectors(a.vector, b.vector)));
    start = end;
  }
  return out;
}

const key = (v: number | null) => (v === null ? -Infinity : v);

/**
 * Keeps the candidates for the first K of a search that meets packages in increasing vector order.
 * A package is dropped when K packages met before it have a value at least as high (each precedes it),
 * or when K packages are higher by more than TIE.
 */
export class TopK<T extends Ranked> {
  readonly k: number;
  private items: T[] = [];
  /** The K-th highest value among the kept packages (−∞ until there are K). */
  kth = -Infinity;
  /** A floor proven from elsewhere (e.g. K packages found by a heuristic): values below floor − TIE are not needed. */
  floor = -Infinity;

  constructor(k: number) {
    this.k = k;
  }

  get size(): number {
    return this.items.length;
  }

  /** True when K packages met so far are at least `bound`: nothing met later that is at most `bound` can enter. */
  covers(bound: number): boolean {
    return this.items.length >= this.k && bound <= this.kth;
  }

  /** The highest value a later package must be able to reach to matter. */
  get cutoff(): number {
    return Math.max(this.kth, this.floor) - TIE;
  }

  offer(item: T): void {
    const v = key(item.value);
    if (v < this.cutoff) return;
    let atLeast = 0;
    for (const q of this.items) if (key(q.value) >= v) atLeast++;
    if (atLeast >= this.k) return;
    this.items.push(item);
    if (this.items.length >= this.k) {
      const values = this.items.map((q) => key(q.value)).sort((a, b) => b - a);
      this.kth = values[this.k - 1]!;
      const cut = this.cutoff;
      if (values[values.length - 1]! < cut) this.items = this.items.filter((q) => key(q.value) >= cut);
    }
  }

  /** The first K in the order of §11. */
  result(): T[] {
    return rankOrder(this.items).slice(0, this.k);
  }

  best(): number {
    let b = -Infinity;
    for (const q of this.items) b = Math.max(b, key(q.value));
    return b;
  }
}
