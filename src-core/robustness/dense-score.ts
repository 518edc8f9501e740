// A party's match from the compiled case's dense arrays, for the robustness engine's inner loops (the
// sampler re-scores thousands of readings, the flip search hundreds of salience changes). Same terms, same
// order of summation as scoring.ts's scoreScenario, so an unchanged reading gives exactly its numbers.
import { effectiveOptions, type CompiledCase, type Terms } from '../scoring.ts';

/** The issues a scenario decides (its term, else the status quo), in case order, and the dense slot of the option in force. */
export interface Decided {
  issues: Int32Array;
  slots: Int32Array;
}

export function decidedOptions(compiled: CompiledCase, terms: Terms): Decided {
  const chosen = effectiveOptions(compiled, terms);
  const issues: number[] = [];
  for (let i = 0; i < chosen.length; i++) if (chosen[i]! >= 0) issues.push(i);
  return { issues: Int32Array.from(issues), slots: Int32Array.from(issues, (i) => i * compiled.optionSlots + chosen[i]!) };
}

/**
 * One party's match in a scenario (NaN when it has no basis) from its salience by issue and its utility and
 * red-line flag by slot; `out.crossed` is set to 1 when the scenario crosses one of its red lines.
 */
export function denseMatch(d: Decided, sal: Float64Array, util: Float64Array, red: Uint8Array, out: { crossed: number }): number {
  const { issues, slots } = d;
  let weight = 0;
  let weighted = 0;
  let crossed = 0;
  for (let j = 0; j < issues.length; j++) {
    const w = sal[issues[j]!]!;
    if (w === 0) continue;
    const slot = slots[j]!;
    weight += w;
    weighted += w * util[slot]!;
    crossed |= red[slot]!;
  }
  out.crossed = crossed;
  return weight > 0 ? weighted / weight : NaN;
}
