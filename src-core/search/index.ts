// Find deals (DESIGN.md §11): the best packages, the two-party frontier and the nearest acceptable
// packages, as the reports the CLI prints as JSON and the app shows. Pure: the worker, the CLI and the
// tests all call these.
import type { Case } from '../model.ts';
import { compileCase, scoreScenario, type Aggregate, type CompiledCase, type PartyScore, type Terms } from '../scoring.ts';
import { runSearch, type Found, type RunOptions } from './best.ts';
import { computeFrontier } from './frontier.ts';
import { runNearest } from './nearest.ts';
import { buildProblem, packageTerms, SearchInputError, type Constraints, type Objective, type Problem } from './problem.ts';
import { explainInfeasible } from './why.ts';

export { SearchCancelled, type SearchProgress } from './best.ts';
export { SearchInputError, type Constraints, type Objective } from './problem.ts';

export interface SearchRequest extends Constraints {
  objective?: Objective;
  /** How many packages (default 10). */
  top?: number;
  /** Positions as of this date; undefined: the case's asOf, else the latest. */
  asOf?: string | null;
  timeLimitMs?: number;
}

export interface DealResult {
  rank: number;
  value: number | null;
  terms: Record<string, string>;
  parties: PartyScore[];
  aggregate: Aggregate;
}

export interface SearchReport {
  case: string;
  asOf: string | null;
  objective: Objective;
  exact: boolean;
  bound: number | null;
  space: number;
  elapsedMs: number;
  results: DealResult[];
  /** When nothing is feasible: what binds. */
  why?: string[];
}

export type Hooks = Pick<RunOptions, 'onProgress' | 'signal' | 'now'>;

const asOfOf = (c: Case, asOf: string | null | undefined) => (asOf === undefined ? (c.asOf ?? null) : asOf);

function checkTop(top: number | undefined, fallback: number): number {
  const k = top ?? fallback;
  if (!Number.isInteger(k) || k < 1) throw new SearchInputError(`--top must be a whole number of at least 1 (got ${k})`);
  return k;
}

function scored(compiled: CompiledCase, terms: Terms) {
  const { parties, aggregate } = scoreScenario(compiled, terms);
  return { parties, aggregate };
}

export function searchDeals(c: Case, request: SearchRequest = {}, hooks: Hooks = {}, compiled?: CompiledCase): SearchReport {
  const now = hooks.now ?? Date.now;
  const started = now();
  const top = checkTop(request.top, 10);
  const asOf = asOfOf(c, request.asOf);
  const cc = compiled ?? compileCase(c, asOf);
  const problem = buildProblem(c, { ...request, asOf }, cc);
  const outcome = runSearch(problem, { ...hooks, top, ...(request.timeLimitMs !== undefined && { timeLimitMs: request.timeLimitMs }) });
  const results = outcome.results.map((f, i) => dealResult(problem, f, i + 1));
  return {
    case: c.id,
    asOf,
    objective: problem.objective,
    exact: outcome.exact,
    bound: outcome.bound,
    space: problem.space,
    elapsedMs: now() - started,
    results,
    ...(results.length === 0 && outcome.exact && { why: explainInfeasible(problem, { ...request, asOf }) }),
  };
}

function dealResult(problem: Problem, f: Found, rank: number): DealResult {
  const terms = packageTerms(problem, f.choice);
  return { rank, value: f.value, terms, ...scored(problem.compiled, terms) };
}

export interface FrontierRequest extends Constraints {
  parties: [string, string];
  objective?: Objective;
  asOf?: string | null;
}

export interface FrontierReport {
  case: string;
  asOf: string | null;
  parties: [string, string];
  objective: Objective;
  exact: true;
  elapsedMs: number;
  points: { match: [number, number]; terms: Record<string, string> }[];
  why?: string[];
}

export function dealFrontier(c: Case, request: FrontierRequest, hooks: Hooks = {}, compiled?: CompiledCase): FrontierReport {
  const now = hooks.now ?? Date.now;
  const started = now();
  const asOf = asOfOf(c, request.asOf);
  const problem = buildProblem(c, { ...request, asOf }, compiled ?? compileCase(c, asOf));
  const points = computeFrontier(problem, { ...request, asOf }, hooks).map((p) => ({ match: p.match, terms: packageTerms(problem, p.found.choice) }));
  return {
    case: c.id,
    asOf,
    parties: request.parties,
    objective: problem.objective,
    exact: true,
    elapsedMs: now() - started,
    points,
    ...(points.length === 0 && { why: frontierWhy(problem, request) }),
  };
}

function frontierWhy(problem: Problem, request: FrontierRequest): string[] {
  const missing = request.parties.filter((id) => problem.weight[problem.case.parties.findIndex((p) => p.id === id)] === 0);
  if (missing.length > 0) return missing.map((id) => `${problem.case.parties.find((p) => p.id === id)!.name} has no basis for a match in any package`);
  return explainInfeasible(problem, request);
}

export interface NearestRequest extends Constraints {
  /** The scenario's terms to start from. */
  from: Record<string, string>;
  /** Parties the packages must be acceptable to: 'all' (default) or a list. */
  target?: 'all' | readonly string[];
  objective?: Objective;
  top?: number;
  asOf?: string | null;
}

export interface Change {
  issue: string;
  from: string | null;
  to: string | null;
}

export interface NearestResult extends DealResult {
  changes: Change[];
}

export interface NearestReport {
  case: string;
  asOf: string | null;
  objective: Objective;
  target: 'all' | string[];
  exact: true;
  elapsedMs: number;
  from: Record<string, string>;
  results: NearestResult[];
  why?: string[];
}

export function nearestDeals(c: Case, request: NearestRequest, hooks: Hooks = {}, compiled?: CompiledCase): NearestReport {
  const now = hooks.now ?? Date.now;
  const started = now();
  const top = checkTop(request.top, 3);
  const asOf = asOfOf(c, request.asOf);
  const target = request.target ?? 'all';
  const targets = target === 'all' ? c.parties.map((p) => p.id) : [...target];
  const input = {
    ...request,
    asOf,
    noRedLines: request.noRedLines ?? 'none',
    acceptableTo: request.acceptableTo === 'all' ? 'all' : [...new Set([...(request.acceptableTo ?? []), ...targets])],
  } as const;
  const problem = buildProblem(c, input, compiled ?? compileCase(c, asOf));
  const found = runNearest(problem, request.from, top, hooks);
  const results = found.map((f, i): NearestResult => {
    const terms: Record<string, string> = {};
    const changes: Change[] = [];
    c.issues.forEach((issue, ii) => {
      const k = f.options[ii]!;
      const to = k >= 0 ? issue.options[k]!.id : null;
      if (to !== null) terms[issue.id] = to;
      const was = request.from[issue.id] ?? null;
      if (was !== to) changes.push({ issue: issue.id, from: was, to });
    });
    return { rank: i + 1, changes, value: f.value, terms, ...scored(problem.compiled, terms) };
  });
  return {
    case: c.id,
    asOf,
    objective: problem.objective,
    target: target === 'all' ? 'all' : [...target],
    exact: true,
    elapsedMs: now() - started,
    from: { ...request.from },
    results,
    ...(results.length === 0 && { why: explainInfeasible(problem, input) }),
  };
}
