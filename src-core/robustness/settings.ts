// The settings of a robustness analysis (DESIGN.md §12), their defaults and their bounds, checked the same
// way for the CLI, the api and the app.
import type { Case } from '../model.ts';
import { parseObjective, type Objective } from './objective.ts';

export interface RobustnessSettings {
  objective: Objective;
  /** How many perturbed readings of the case are drawn. */
  samples: number;
  /** The seed of the random numbers: the same seed gives the same output. */
  seed: number;
  /** J: each salience moves by a uniform whole number in [−J, J] (then kept within 1–5). */
  salienceJitter: number;
  /** F: the chance that each stated stance moves one step (up or down with equal chance). */
  stanceFlip: number;
}

export const DEFAULT_ROBUSTNESS: Readonly<RobustnessSettings> = Object.freeze({ objective: 'maximin', samples: 2000, seed: 1, salienceJitter: 1, stanceFlip: 0.1 });

/** Each sample keeps every match for the percentiles (8 bytes × scenarios × parties): 20,000 × 20 × 12 is 38 MB. */
export const MAX_SAMPLES = 20_000;
/** Saliences are 1–5, so a jitter of 4 already reaches every value. */
export const MAX_JITTER = 4;

/** What is wrong with these settings for this case, each naming the setting; empty when they are fine. */
export function robustnessSettingsErrors(c: Pick<Case, 'id' | 'parties'>, s: RobustnessSettings): string[] {
  const errors: string[] = [];
  if (!Number.isInteger(s.samples) || s.samples < 1 || s.samples > MAX_SAMPLES) errors.push(`samples must be a whole number from 1 to ${MAX_SAMPLES}`);
  if (!Number.isSafeInteger(s.seed) || s.seed < 0) errors.push(`seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`);
  if (!Number.isInteger(s.salienceJitter) || s.salienceJitter < 0 || s.salienceJitter > MAX_JITTER) errors.push(`salience jitter must be a whole number from 0 to ${MAX_JITTER}`);
  if (!(typeof s.stanceFlip === 'number' && s.stanceFlip >= 0 && s.stanceFlip <= 1)) errors.push('stance flip must be a probability from 0 to 1');
  const objective = parseObjective(c, s.objective);
  if (!objective.ok) errors.push(`objective: ${objective.error}`);
  return errors;
}
