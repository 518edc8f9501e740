// The messages between the app and its robustness worker (DESIGN.md §12). The worker only moves data to
// and from the core engine; Cancel ends the worker itself, so a long run stops at once.
import type { Case, Scenario } from '../../src-core/model.ts';
import type { RobustnessAnalysis } from '../../src-core/robustness/sensitivity.ts';
import type { RobustnessSettings } from '../../src-core/robustness/settings.ts';

export interface RobustnessRequest {
  id: number;
  c: Case;
  scenarios: Scenario[];
  settings: RobustnessSettings;
  asOf: string | null;
}

export type RobustnessReply =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; analysis: RobustnessAnalysis; ms: number }
  | { type: 'error'; id: number; message: string };
