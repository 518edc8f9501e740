// A robustness analysis of compared scenarios (DESIGN.md §12): sampled figures per scenario and the exact
// flip points, in the shape `parley sensitivity --format json` prints. The CLI, the exports and the app's
// worker all run it through here.
import type { Case } from '../model.ts';
import { compileCase } from '../scoring.ts';
import { flipAnalysis, flipPoints, type FlipPoint, type FlipSides } from './flips.ts';
import { parseObjective, type Objective } from './objective.ts';
import { SensitivitySampler, type SampledScenario, type ScenarioRobustness } from './sampler.ts';
import { robustnessSettingsErrors, type RobustnessSettings } from './settings.ts';

export interface SensitivityReport {
  case: string;
  asOf: string | null;
  objective: Objective;
  samples: number;
  seed: number;
  salienceJitter: number;
  stanceFlip: number;
  /** The scenario that ranks first as the case is coded. */
  best: string | null;
  scenarios: ScenarioRobustness[];
  flips: FlipPoint[];
}

/** The report, and both directions of every flip for the tornado chart. */
export interface RobustnessAnalysis {
  report: SensitivityReport;
  sides: FlipSides[];
}

export class RobustnessSettingsError extends Error {
  override name = 'RobustnessSettingsError';
}

/** A robustness analysis in steps: draw samples with `sampler.step(n)`, then `finish()`. */
export interface RobustnessRun {
  sampler: SensitivitySampler;
  finish(): RobustnessAnalysis;
}

export function startRobustness(c: Case, scenarios: readonly SampledScenario[], settings: RobustnessSettings, asOf: string | null): RobustnessRun {
  const errors = robustnessSettingsErrors(c, settings);
  if (errors.length) throw new RobustnessSettingsError(errors.join('; '));
  const parsed = parseObjective(c, settings.objective);
  if (!parsed.ok) throw new RobustnessSettingsError(parsed.error);
  const compiled = compileCase(c, asOf);
  const sampler = new SensitivitySampler(compiled, scenarios, parsed.rule, settings);
  return {
    sampler,
    finish() {
      const flips = flipAnalysis(compiled, scenarios, parsed.rule);
      return {
        report: {
          case: c.id,
          asOf,
          objective: settings.objective,
          samples: settings.samples,
          seed: settings.seed,
          salienceJitter: settings.salienceJitter,
          stanceFlip: settings.stanceFlip,
          best: flips.leader,
          scenarios: sampler.result(),
          flips: flipPoints(flips.sides),
        },
        sides: flips.sides,
      };
    },
  };
}

export function analyseRobustness(c: Case, scenarios: readonly SampledScenario[], settings: RobustnessSettings, asOf: string | null): RobustnessAnalysis {
  const run = startRobustness(c, scenarios, settings, asOf);
  run.sampler.step(settings.samples);
  return run.finish();
}
