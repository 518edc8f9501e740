// What every comparison chart draws: a case's parties and issues and several scenarios scored by the
// engine (DESIGN.md §5), with per-issue contributions. The app and the exports build it the same way.
import type { Case, Scenario } from '../model.ts';
import type { RobustnessAnalysis } from '../robustness/sensitivity.ts';
import { scoreReport, type ScoredScenario } from '../score-report.ts';
import type { SortKey } from './chart-kinds.ts';
import { partyColors } from './palette.ts';

export interface CompareData {
  caseId: string;
  caseTitle: string;
  asOf: string | null;
  /** In case order; colours from the case, else the safe palette (partyColors). */
  parties: { id: string; name: string; color: string; reservation: number }[];
  /** In case order. */
  issues: { id: string; name: string }[];
  /** In the order given, each with every party's score and contributions. */
  scenarios: ScoredScenario[];
  /** A robustness analysis of these scenarios (DESIGN.md §12), for the ranges and tornado charts. */
  robustness?: RobustnessAnalysis;
}

export function compareData(c: Case, scenarios: readonly Scenario[], asOf: string | null): CompareData {
  const colors = partyColors(c);
  return {
    caseId: c.id,
    caseTitle: c.title,
    asOf,
    parties: c.parties.map((p) => ({ id: p.id, name: p.name, color: colors.get(p.id)!, reservation: p.reservation })),
    issues: c.issues.map((i) => ({ id: i.id, name: i.name })),
    scenarios: scoreReport(c, scenarios, asOf).scenarios,
  };
}

/**
 * Scenarios ordered by an aggregate: best first for worst, mean and nash; most even first for spread.
 * Ties keep the given order; scenarios without the aggregate (no party has a basis) go last.
 */
export function orderScenarios(scenarios: readonly ScoredScenario[], sortBy: SortKey): ScoredScenario[] {
  if (sortBy === 'none') return [...scenarios];
  const sign = sortBy === 'spread' ? 1 : -1;
  return scenarios
    .map((s, i) => ({ s, i, v: s.aggregate[sortBy] }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      return a.v === b.v ? a.i - b.i : sign * (a.v - b.v);
    })
    .map((x) => x.s);
}
