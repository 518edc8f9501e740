// Seeded sampling of plausible readings of a case (DESIGN.md §12). It works on the compiled case's typed
// arrays (salience, utility and red-line flag per party): each sample rewrites working copies of them in
// place and re-scores every compared scenario with the same arithmetic as scoring.ts; no Case object is
// built per sample. Work can be done in steps, so a worker can report progress between them.
import { STANCES } from '../model.ts';
import type { CompiledCase, Terms } from '../scoring.ts';
import { decidedOptions, denseMatch, type Decided } from './dense-score.ts';
import { addBestShares, objectiveValue, type ObjectiveRule } from './objective.ts';
import { percentiles } from './percentiles.ts';
import { Xoshiro128 } from './prng.ts';
import type { RobustnessSettings } from './settings.ts';

const RED_LINE = STANCES.indexOf('red_line');
const LAST_STANCE = STANCES.length - 1;
const TWO_32 = 4294967296;

/**
 * What the sampler perturbs, flattened over all parties: the effective positions (stakes) and the options
 * they state a stance on, each with its place in the working arrays.
 */
interface PerturbationModel {
  /** Per stake (parties in case order, then issues in case order): where its salience sits, and its value. */
  stakeAt: Int32Array;
  stakeSalience: Float64Array;
  /** Per stated option (stakes in the order above, options in issue order): where its utility and red-line flag sit. */
  statedAt: Int32Array;
  statedStance: Uint8Array;
  /** The option's utility under each of the five stances: the stance's utility, or the override whatever the stance. */
  statedUtility: Float64Array;
}

function perturbationModel(compiled: CompiledCase, stanceUtility: readonly number[]): PerturbationModel {
  const { case: c, optionSlots } = compiled;
  const stride = c.issues.length * optionSlots;
  const stakeAt: number[] = [];
  const stakeSalience: number[] = [];
  const statedAt: number[] = [];
  const statedStance: number[] = [];
  const statedUtility: number[] = [];
  compiled.stakes.forEach((stakes, party) => {
    for (const st of stakes) {
      stakeAt.push(party * c.issues.length + st.issue);
      stakeSalience.push(st.salience);
      c.issues[st.issue]!.options.forEach((o, k) => {
        const stance = st.position.stances[o.id];
        if (stance === undefined) return;
        const override = st.position.utilities?.[o.id];
        statedAt.push(party * stride + st.issue * optionSlots + k);
        statedStance.push(STANCES.indexOf(stance));
        statedUtility.push(...stanceUtility.map((u) => override ?? u));
      });
    }
  });
  return {
    stakeAt: Int32Array.from(stakeAt),
    stakeSalience: Float64Array.from(stakeSalience),
    statedAt: Int32Array.from(statedAt),
    statedStance: Uint8Array.from(statedStance),
    statedUtility: Float64Array.from(statedUtility),
  };
}

export interface PartyRobustness {
  party: string;
  /** Share of samples in which the scenario is acceptable to the party (§5; no match = not acceptable). */
  pAcceptable: number;
  /** Nearest-rank percentiles of the party's match over the samples (percentiles.ts); null when it has no match. */
  p5: number | null;
  p50: number | null;
  p95: number | null;
}

export interface ScenarioRobustness {
  id: string;
  name: string;
  /** Share of samples in which it has the best objective value among the compared scenarios (ties share). */
  pBest: number;
  /** Share of samples in which every party of the case finds it acceptable. */
  pAllAcceptable: number;
  parties: PartyRobustness[];
}

export interface SampledScenario {
  id: string;
  name: string;
  terms: Terms;
}

/**
 * Draws `settings.samples` perturbed readings of the case and scores every scenario in each. Per sample, the
 * random numbers are drawn in a fixed order that depends on the case alone — so a scenario's figures never
 * depend on which other scenarios are compared: first (when J > 0) one per stake, parties in case order and
 * issues in case order, a value at or above the largest multiple of 2J + 1 below 2³² being drawn again
 * after the others (no modulo bias); then (when F > 0) one per stated stance, in the same order, options in
 * issue order.
 */
export class SensitivitySampler {
  readonly total: number;
  private done = 0;
  private readonly rng: Xoshiro128;
  private readonly model: PerturbationModel;
  /** Working copies of the compiled arrays, flat over parties, with one view per party for scoring. */
  private readonly salience: Float64Array;
  private readonly utility: Float64Array;
  private readonly redLine: Uint8Array;
  private readonly salienceOf: Float64Array[];
  private readonly utilityOf: Float64Array[];
  private readonly redLineOf: Uint8Array[];
  private readonly salienceDraws: Uint32Array;
  private readonly stanceDraws: Uint32Array;
  private readonly reservation: Float64Array;
  private readonly decided: Decided[];
  /** Match per scenario × party × sample (NaN = no match), for the percentiles. */
  private readonly matches: Float64Array;
  private readonly acceptable: Uint32Array;
  private readonly allAcceptable: Uint32Array;
  private readonly bestShares: Float64Array;
  private readonly rowMatch: Float64Array;
  private readonly rowRed: Uint8Array;
  private readonly values: Float64Array;
  private readonly out = { crossed: 0 };

  constructor(
    private readonly compiled: CompiledCase,
    private readonly scenarios: readonly SampledScenario[],
    private readonly rule: ObjectiveRule,
    private readonly settings: Pick<RobustnessSettings, 'samples' | 'seed' | 'salienceJitter' | 'stanceFlip'>,
  ) {
    const c = compiled.case;
    const nP = c.parties.length;
    const nI = c.issues.length;
    const stride = nI * compiled.optionSlots;
    this.total = settings.samples;
    this.rng = Xoshiro128.fromSeed(settings.seed);
    this.model = perturbationModel(compiled, STANCES.map((s) => c.stanceUtilities[s]));
    this.salience = new Float64Array(nP * nI);
    this.utility = new Float64Array(nP * stride);
    this.redLine = new Uint8Array(nP * stride);
    for (let p = 0; p < nP; p++) {
      this.salience.set(compiled.salience[p]!, p * nI);
      this.utility.set(compiled.utility[p]!, p * stride);
      this.redLine.set(compiled.redLine[p]!, p * stride);
    }
    this.salienceOf = c.parties.map((_, p) => this.salience.subarray(p * nI, (p + 1) * nI));
    this.utilityOf = c.parties.map((_, p) => this.utility.subarray(p * stride, (p + 1) * stride));
    this.redLineOf = c.parties.map((_, p) => this.redLine.subarray(p * stride, (p + 1) * stride));
    this.salienceDraws = new Uint32Array(this.model.stakeAt.length);
    this.stanceDraws = new Uint32Array(this.model.statedAt.length);
    this.reservation = Float64Array.from(c.parties, (p) => p.reservation);
    this.decided = scenarios.map((s) => decidedOptions(compiled, s.terms));
    this.matches = new Float64Array(scenarios.length * nP * this.total);
    this.acceptable = new Uint32Array(scenarios.length * nP);
    this.allAcceptable = new Uint32Array(scenarios.length);
    this.bestShares = new Float64Array(scenarios.length);
    this.rowMatch = new Float64Array(nP);
    this.rowRed = new Uint8Array(nP);
    this.values = new Float64Array(scenarios.length);
  }

  get completed(): number {
    return this.done;
  }

  /** Draws and scores up to `count` more samples; returns how many are done in all. */
  step(count: number): number {
    const end = Math.min(this.total, this.done + count);
    for (; this.done < end; this.done++) {
      this.perturb();
      this.scoreSample(this.done);
    }
    return this.done;
  }

  private perturb(): void {
    const { salienceJitter: jitter, stanceFlip: flip } = this.settings;
    const m = this.model;
    if (jitter > 0) {
      const span = 2 * jitter + 1;
      const limit = TWO_32 - (TWO_32 % span);
      const draws = this.salienceDraws;
      this.rng.fill(draws);
      for (let k = 0; k < draws.length; k++) {
        let r = draws[k]!;
        while (r >= limit) r = this.rng.nextUint32();
        const s = m.stakeSalience[k]! + (r % span) - jitter;
        this.salience[m.stakeAt[k]!] = s < 1 ? 1 : s > 5 ? 5 : s;
      }
    }
    if (flip > 0) {
      const down = flip * (TWO_32 / 2);
      const move = flip * TWO_32;
      const draws = this.stanceDraws;
      this.rng.fill(draws);
      for (let j = 0; j < draws.length; j++) {
        const r = draws[j]!;
        const base = m.statedStance[j]!;
        const stance = r < down ? (base > 0 ? base - 1 : 0) : r < move ? (base < LAST_STANCE ? base + 1 : LAST_STANCE) : base;
        const at = m.statedAt[j]!;
        this.utility[at] = m.statedUtility[j * STANCES.length + stance]!;
        this.redLine[at] = stance === RED_LINE ? 1 : 0;
      }
    }
  }

  private scoreSample(sample: number): void {
    const nP = this.reservation.length;
    const total = this.total;
    const out = this.out;
    for (let s = 0; s < this.scenarios.length; s++) {
      const d = this.decided[s]!;
      let everyone = nP > 0;
      for (let p = 0; p < nP; p++) {
        const match = denseMatch(d, this.salienceOf[p]!, this.utilityOf[p]!, this.redLineOf[p]!, out);
        this.matches[(s * nP + p) * total + sample] = match;
        this.rowMatch[p] = match;
        this.rowRed[p] = out.crossed;
        // NaN (no basis) fails the comparison: a party without a match never finds a scenario acceptable.
        if (out.crossed === 0 && match >= this.reservation[p]!) this.acceptable[s * nP + p]!++;
        else everyone = false;
      }
      if (everyone) this.allAcceptable[s]!++;
      this.values[s] = objectiveValue(this.rule, this.rowMatch, this.rowRed, this.reservation) ?? NaN;
    }
    addBestShares(this.values, this.bestShares);
  }

  /** The figures per scenario, once every sample is drawn. */
  result(): ScenarioRobustness[] {
    if (this.done < this.total) throw new Error(`the sampler has drawn ${this.done} of ${this.total} samples`);
    const { parties } = this.compiled.case;
    const nP = parties.length;
    const n = this.total;
    return this.scenarios.map((sc, s) => ({
      id: sc.id,
      name: sc.name,
      pBest: this.bestShares[s]! / n,
      pAllAcceptable: this.allAcceptable[s]! / n,
      parties: parties.map((party, p) => {
        const row = this.matches.subarray((s * nP + p) * n, (s * nP + p + 1) * n);
        const [p5, p50, p95] = percentiles(row, [5, 50, 95]);
        return { party: party.id, pAcceptable: this.acceptable[s * nP + p]! / n, p5: p5!, p50: p50!, p95: p95! };
      }),
    }));
  }
}
