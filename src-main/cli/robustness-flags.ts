// The flags that set a robustness analysis (DESIGN.md §12), shared by `sensitivity`, and by `chart` and
// `report` for the robustness charts and page.
import type { Case } from '../../src-core/model.ts';
import { parseObjective, type Objective } from '../../src-core/robustness/objective.ts';
import { DEFAULT_ROBUSTNESS, MAX_JITTER, MAX_SAMPLES, type RobustnessSettings } from '../../src-core/robustness/settings.ts';
import type { Command } from './command.ts';
import { InputError, UsageError } from './errors.ts';

export const robustnessOptions = {
  objective: { type: 'string' },
  samples: { type: 'string' },
  seed: { type: 'string' },
  'salience-jitter': { type: 'string' },
  'stance-flip': { type: 'string' },
} as const;

const d = DEFAULT_ROBUSTNESS;
export const ROBUSTNESS_USAGE = `[--objective maximin|mean|nash|party:ID] [--samples N=${d.samples}] [--seed S=${d.seed}] [--salience-jitter J=${d.salienceJitter}] [--stance-flip F=${d.stanceFlip}]`;
export const ROBUSTNESS_HELP = [
  `  --objective O       what ranks the scenarios: maximin (the worst match; default), mean, nash or party:ID`,
  `  --samples N         perturbed readings of the case to draw, 1–${MAX_SAMPLES} (default ${d.samples})`,
  `  --seed S            seed of the random numbers; the same seed gives the same output (default ${d.seed})`,
  `  --salience-jitter J each salience moves by a whole number in [−J, J], kept within 1–5; 0–${MAX_JITTER} (default ${d.salienceJitter})`,
  `  --stance-flip F     chance that each stated stance moves one step (demand … red_line), 0–1 (default ${d.stanceFlip})`,
].join('\n');

function wholeNumber(cmd: Command, flag: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}\nusage: ${cmd.usage}`);
  return n;
}

/** The settings the flags give (defaults for the rest); a malformed flag is a usage error. */
export function robustnessFlags(cmd: Command, values: Record<string, unknown>): RobustnessSettings {
  const samples = wholeNumber(cmd, 'samples', values.samples, 1, MAX_SAMPLES, d.samples);
  const seed = wholeNumber(cmd, 'seed', values.seed, 0, Number.MAX_SAFE_INTEGER, d.seed);
  const salienceJitter = wholeNumber(cmd, 'salience-jitter', values['salience-jitter'], 0, MAX_JITTER, d.salienceJitter);
  const flipText = values['stance-flip'];
  let stanceFlip = d.stanceFlip;
  if (flipText !== undefined) {
    stanceFlip = Number(flipText);
    if (typeof flipText !== 'string' || !/^(\d+(\.\d*)?|\.\d+)$/.test(flipText) || stanceFlip > 1) throw new UsageError(`--stance-flip must be a probability from 0 to 1, like 0.1\nusage: ${cmd.usage}`);
  }
  const objective = values.objective ?? d.objective;
  if (typeof objective !== 'string' || !/^(maximin|mean|nash|party:.+)$/.test(objective)) throw new UsageError(`--objective must be maximin, mean, nash or party:ID, not "${String(objective)}"\nusage: ${cmd.usage}`);
  return { objective: objective as Objective, samples, seed, salienceJitter, stanceFlip };
}

/** An objective `party:ID` must name a party of the case. */
export function checkObjectiveFits(c: Case, settings: RobustnessSettings): void {
  const parsed = parseObjective(c, settings.objective);
  if (!parsed.ok) throw new InputError(`--objective ${settings.objective}: ${parsed.error}`);
}
