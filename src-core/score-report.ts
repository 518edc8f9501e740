// The scores of several scenarios of one case, in the shape the CLI prints as JSON (DESIGN.md §6)
// and that charts and CSV exports are drawn from.
import type { Case, Scenario } from './model.ts';
import { conflicts } from './incompatible.ts';
import { compileCase, scoreScenario, type Aggregate, type PartyScore } from './scoring.ts';

export interface ScoredScenario {
  id: string;
  name: string;
  terms: Record<string, string>;
  parties: PartyScore[];
  aggregate: Aggregate;
  /** Indices of the case's incompatible entries this scenario holds (DESIGN.md §11); empty when consistent. */
  conflicts: number[];
}

export interface ScoreReport {
  case: string;
  asOf: string | null;
  scenarios: ScoredScenario[];
}

export function scoreReport(c: Case, scenarios: readonly Scenario[], asOf: string | null): ScoreReport {
  const compiled = compileCase(c, asOf);
  return {
    case: c.id,
    asOf,
    scenarios: scenarios.map((s) => {
      const { parties, aggregate } = scoreScenario(compiled, s.terms);
      return { id: s.id, name: s.name, terms: { ...s.terms }, parties, aggregate, conflicts: conflicts(compiled, s.terms) };
    }),
  };
}

/** Parses `issue=option,issue=option` against a case; every unknown issue or option is an error. */
export function parseTerms(c: Case, spec: string): { terms: Record<string, string>; errors: string[] } {
  const terms: Record<string, string> = {};
  const errors: string[] = [];
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      errors.push(`"${part}" is not of the form issue=option`);
      continue;
    }
    const issueId = part.slice(0, eq).trim();
    const optionId = part.slice(eq + 1).trim();
    const issue = c.issues.find((i) => i.id === issueId);
    if (!issue) errors.push(`"${issueId}" is not an issue of case "${c.id}" (issues: ${c.issues.map((i) => i.id).join(', ')})`);
    else if (!issue.options.some((o) => o.id === optionId)) {
      errors.push(`"${optionId}" is not an option of issue "${issueId}" (options: ${issue.options.map((o) => o.id).join(', ')})`);
    } else if (terms[issueId] !== undefined) errors.push(`issue "${issueId}" is given twice`);
    else terms[issueId] = optionId;
  }
  return { terms, errors };
}
