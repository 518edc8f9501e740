// The seeded random numbers of the robustness sampler (DESIGN.md §12): xoshiro128** (Blackman & Vigna,
// 2018), seeded from SplitMix64 as its authors recommend. Both are checked against published reference
// outputs (tests/unit/robustness/prng.test.ts), so the same seed gives the same samples on every machine.

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 (Vigna's splitmix64.c): a 64-bit generator used here only to expand a seed into a state. */
export function splitmix64(seed: bigint): () => bigint {
  let state = BigInt.asUintN(64, seed);
  return () => {
    state = (state + 0x9e3779b97f4a7c15n) & MASK64;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  };
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/** xoshiro128** over 32-bit words: fast in JavaScript (no BigInt on the hot path). */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private readonly one = new Uint32Array(1);

  constructor(state: readonly [number, number, number, number]) {
    [this.s0, this.s1, this.s2, this.s3] = state.map((w) => w >>> 0) as [number, number, number, number];
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) throw new Error('xoshiro128** needs a state that is not all zero');
  }

  /**
   * The generator for a user's seed (a whole number ≥ 0): the state is the first two SplitMix64 outputs,
   * each split into its low and high 32-bit words (as rand_xoshiro's seed_from_u64 does).
   */
  static fromSeed(seed: number): Xoshiro128 {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`a seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`);
    const next = splitmix64(BigInt(seed));
    const a = next();
    const b = next();
    const lo = (x: bigint) => Number(x & 0xffffffffn);
    const hi = (x: bigint) => Number(x >> 32n);
    return new Xoshiro128([lo(a), hi(a), lo(b), hi(b)]);
  }

  /** Fills `out[0 … count − 1]` with the next outputs, 0 … 2³² − 1 each (the state kept in locals: the hot path). */
  fill(out: Uint32Array, count = out.length): void {
    let { s0, s1, s2, s3 } = this;
    for (let i = 0; i < count; i++) {
      out[i] = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** The next output, 0 … 2³² − 1. */
  nextUint32(): number {
    this.fill(this.one, 1);
    return this.one[0]!;
  }

  /** A uniform whole number in [0, n) for 1 ≤ n ≤ 2³², without modulo bias (rejection of the ragged top). */
  nextBelow(n: number): number {
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const r = this.nextUint32();
      if (r < limit) return r % n;
    }
  }

  /** The current state words (for tests against the reference implementation's states). */
  state(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }
}
