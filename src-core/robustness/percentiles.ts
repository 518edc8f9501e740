// Match percentiles of the sampled readings. Definition (nearest rank): the q-th percentile of n values is
// the smallest value with at least q % of the values at or below it, i.e. the ⌈q·n/100⌉-th smallest.

/**
 * The nearest-rank percentiles `qs` (ascending, 0 < q ≤ 100) of `values`, leaving out NaN (a sample in
 * which the party has no match); null when no value is left. Reorders `values` in place: each percentile
 * is found by selection (Hoare's quickselect), which is several times faster than sorting each row.
 */
export function percentiles(values: Float64Array, qs: readonly number[]): (number | null)[] {
  const a = values.some(Number.isNaN) ? values.filter((v) => !Number.isNaN(v)) : values;
  const n = a.length;
  if (n === 0) return qs.map(() => null);
  let lo = 0;
  return qs.map((q) => {
    const k = Math.max(0, Math.ceil((q * n) / 100) - 1);
    // Values left of an earlier k are all at or below the later ones: the search starts there.
    const v = selectInPlace(a, k, Math.min(lo, k), n - 1);
    lo = k;
    return v;
  });
}

/**
 * Puts the k-th smallest of a[lo … hi] at index k, with nothing larger before it and nothing smaller after
 * it, and returns it.
 */
function selectInPlace(a: Float64Array, k: number, lo: number, hi: number): number {
  while (hi > lo) {
    const x = a[lo]!;
    const y = a[(lo + hi) >>> 1]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}
