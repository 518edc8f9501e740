// A find-deals question (DESIGN.md §11) turned into flat arrays: what may be chosen on every issue, each
// party's weighted contribution of every option, the thresholds parties must reach, and the incompatible
// entries still in play. Every engine (best packages, frontier, nearest) starts here.
import { incompatibleEntries } from '../incompatible.ts';
import type { Case } from '../model.ts';
import { compileCase, type CompiledCase } from '../scoring.ts';

export type Objective = 'maximin' | 'mean' | 'nash' | `party:${string}`;

export interface Constraints {
  /** issue → option id; null leaves the issue unaddressed (its status quo applies). */
  lock?: Readonly<Record<string, string | null>>;
  /** issue → option ids removed from the search. */
  exclude?: Readonly<Record<string, readonly string[]>>;
  /** Parties none of whose red lines may be crossed: 'all' (default), 'none' or a list. */
  noRedLines?: 'all' | 'none' | readonly string[];
  /** Parties the package must be acceptable to (§5): 'all' or a list (default none). */
  acceptableTo?: 'all' | readonly string[];
  /** party → the match it must reach at least. */
  min?: Readonly<Record<string, number>>;
}

/** A question that names something the case does not have, or contradicts itself; `message` says which. */
export class SearchInputError extends Error {
  override name = 'SearchInputError';
}

export const FREE = -2;
/** Values within this of each other are equal (DESIGN.md §11). */
export const TIE = 1e-9;
/** Room for rounding when a bound computed in another order meets an exact value. */
export const SLACK = 1e-9;

export interface Entry {
  index: number;
  /** The entry's terms on searched issues, in case order: issue and option indices. */
  issues: Int32Array;
  options: Int32Array;
}

export interface Problem {
  readonly compiled: CompiledCase;
  readonly case: Case;
  /** Issues, parties, option slots per issue in the flat tables. */
  readonly n: number;
  readonly parties: number;
  readonly slots: number;
  /** Per issue: FREE when searched, else the option in force (−1 when open). */
  readonly fixed: Int32Array;
  /** Per issue: whether a lock leaves it unaddressed. */
  readonly unaddressed: Uint8Array;
  /** Per issue: options that may be chosen, ascending (for a fixed issue, its one option). */
  readonly domain: readonly Int32Array[];
  /** Packages after locks and exclusions (before red lines and other constraints). */
  readonly space: number;
  /** contrib[p * n * slots + i * slots + o] = salience × utility (0 without a stake). */
  readonly contrib: Float64Array;
  /** Salience over the issues with an option in force, per party: the match's denominator. */
  readonly weight: Float64Array;
  /** redAny[i * slots + o] = 1 when o is a red line of some party (with a stake, so with a match). */
  readonly redAny: Uint8Array;
  /** Minimum match per party (−∞ when none); requireMatch marks parties that must have a match at all. */
  readonly threshold: Float64Array;
  readonly requireMatch: Uint8Array;
  /** Parties whose red lines may not be crossed. */
  readonly guarded: Uint8Array;
  /** Entries that can still hold, each listed under the last searched issue it names. */
  readonly entriesAt: readonly Entry[][];
  /** Problems found before any search: a lock on a red line, an entry the locks already hold, … */
  readonly blocked: string[];
  readonly objective: Objective;
  /** Party index of a party:P objective, else −1. */
  readonly objectiveParty: number;
}

export interface ProblemInput extends Constraints {
  objective?: Objective;
  asOf?: string | null;
  /** Leaves the case's incompatible entries out (used to tell whether they are what binds). */
  ignoreIncompatible?: boolean;
}

const partyIndex = (c: Case, id: string, what: string): number => {
  const i = c.parties.findIndex((p) => p.id === id);
  if (i < 0) throw new SearchInputError(`${what}: "${id}" is not a party of case "${c.id}" (parties: ${c.parties.map((p) => p.id).join(', ')})`);
  return i;
};

function issueAndOption(c: Case, issueId: string, optionId: string | null, what: string): [number, number] {
  const i = c.issues.findIndex((x) => x.id === issueId);
  if (i < 0) throw new SearchInputError(`${what}: "${issueId}" is not an issue of case "${c.id}" (issues: ${c.issues.map((x) => x.id).join(', ')})`);
  if (optionId === null) return [i, -1];
  const k = c.issues[i]!.options.findIndex((o) => o.id === optionId);
  if (k < 0) throw new SearchInputError(`${what}: "${optionId}" is not an option of issue "${issueId}" (options: ${c.issues[i]!.options.map((o) => o.id).join(', ')})`);
  return [i, k];
}

export function partyList(c: Case, value: 'all' | 'none' | readonly string[] | undefined, fallback: 'all' | 'none', what: string): Set<number> {
  const v = value ?? fallback;
  if (v === 'all') return new Set(c.parties.map((_, i) => i));
  if (v === 'none') return new Set();
  return new Set(v.map((id) => partyIndex(c, id, what)));
}

export function parseObjective(c: Case, objective: string | undefined): { objective: Objective; party: number } {
  const o = objective ?? 'maximin';
  if (o === 'maximin' || o === 'mean' || o === 'nash') return { objective: o, party: -1 };
  if (o.startsWith('party:')) return { objective: o as Objective, party: partyIndex(c, o.slice(6), '--objective') };
  throw new SearchInputError(`--objective: "${o}" is not an objective (maximin, mean, nash or party:PARTY)`);
}

/**
 * Compiles a question. `compiled` may be passed to reuse a case already compiled for the same date.
 * Throws SearchInputError for unknown ids, a lock on an excluded option or a minimum outside 0–100.
 */
export function buildProblem(c: Case, input: ProblemInput, compiled: CompiledCase = compileCase(c, input.asOf ?? c.asOf ?? null)): Problem {
  const n = c.issues.length;
  const P = c.parties.length;
  const slots = compiled.optionSlots;
  const { objective, party: objectiveParty } = parseObjective(c, input.objective);

  const fixed = new Int32Array(n).fill(FREE);
  const unaddressed = new Uint8Array(n);
  for (const [issueId, optionId] of Object.entries(input.lock ?? {})) {
    const [i, k] = issueAndOption(c, issueId, optionId, '--lock');
    if (k < 0) {
      unaddressed[i] = 1;
      fixed[i] = compiled.statusQuo[i]!;
    } else fixed[i] = k;
  }
  const excluded = c.issues.map(() => new Set<number>());
  for (const [issueId, optionIds] of Object.entries(input.exclude ?? {})) {
    for (const optionId of optionIds) {
      const [i, k] = issueAndOption(c, issueId, optionId, '--exclude');
      if (fixed[i] === k && !unaddressed[i]) throw new SearchInputError(`--lock ${issueId}=${optionId} locks an option that --exclude removes`);
      excluded[i]!.add(k);
    }
  }

  const guarded = new Uint8Array(P);
  const threshold = new Float64Array(P).fill(-Infinity);
  const requireMatch = new Uint8Array(P);
  for (const p of partyList(c, input.noRedLines, 'all', '--no-red-lines')) guarded[p] = 1;
  for (const p of partyList(c, input.acceptableTo, 'none', '--acceptable-to')) {
    guarded[p] = 1;
    requireMatch[p] = 1;
    threshold[p] = Math.max(threshold[p]!, c.parties[p]!.reservation);
  }
  for (const [partyId, value] of Object.entries(input.min ?? {})) {
    const p = partyIndex(c, partyId, '--min');
    if (!Number.isFinite(value) || value < 0 || value > 100) throw new SearchInputError(`--min ${partyId}=${value}: a minimum match is a number from 0 to 100`);
    requireMatch[p] = 1;
    threshold[p] = Math.max(threshold[p]!, value);
  }

  const contrib = new Float64Array(P * n * slots);
  const weight = new Float64Array(P);
  const redAny = new Uint8Array(n * slots);
  const guardedRed = new Uint8Array(n * slots);
  for (let p = 0; p < P; p++) {
    const sal = compiled.salience[p]!;
    const util = compiled.utility[p]!;
    const red = compiled.redLine[p]!;
    for (let i = 0; i < n; i++) {
      const w = sal[i]!;
      if (w === 0) continue;
      if (fixed[i] !== -1) weight[p]! += w;
      for (let o = 0; o < c.issues[i]!.options.length; o++) {
        contrib[p * n * slots + i * slots + o] = w * util[i * slots + o]!;
        if (red[i * slots + o] === 1) {
          redAny[i * slots + o] = 1;
          if (guarded[p]) guardedRed[i * slots + o] = 1;
        }
      }
    }
  }

  const blocked: string[] = [];
  const domain: Int32Array[] = [];
  let space = 1;
  for (let i = 0; i < n; i++) {
    const issue = c.issues[i]!;
    if (fixed[i] !== FREE) {
      domain.push(Int32Array.of(fixed[i]!));
      const k = fixed[i]!;
      if (k >= 0 && guardedRed[i * slots + k]) {
        const whose = c.parties.filter((_, p) => guarded[p] && compiled.redLine[p]![i * slots + k] === 1).map((p) => p.name);
        blocked.push(`the lock ${issue.id}=${unaddressed[i] ? 'none' : issue.options[k]!.id} puts in force "${issue.options[k]!.label}", a red line of ${whose.join(', ')}`);
      }
      continue;
    }
    const all = issue.options.map((_, k) => k).filter((k) => !excluded[i]!.has(k));
    space *= all.length;
    domain.push(Int32Array.from(all.filter((k) => !guardedRed[i * slots + k])));
  }
  for (let p = 0; p < P; p++) {
    if (requireMatch[p] && weight[p] === 0) blocked.push(`${c.parties[p]!.name} has no basis for a match in any package (no stake in an issue with an option in force), so it cannot reach a minimum or find a package acceptable`);
  }

  const entriesAt: Entry[][] = c.issues.map(() => []);
  for (const e of input.ignoreIncompatible ? [] : incompatibleEntries(compiled)) {
    const free: [number, number][] = [];
    let alive = true;
    for (let t = 0; t < e.issues.length; t++) {
      const i = e.issues[t]!;
      if (fixed[i] === FREE) free.push([i, e.options[t]!]);
      else if (fixed[i] !== e.options[t]) alive = false;
    }
    if (!alive) continue;
    if (free.length === 0) {
      blocked.push(`the locks hold every term of incompatible entry ${e.index}: ${c.incompatible[e.index]!.reason}`);
      continue;
    }
    free.sort((a, b) => a[0] - b[0]);
    entriesAt[free[free.length - 1]![0]]!.push({ index: e.index, issues: Int32Array.from(free, (f) => f[0]), options: Int32Array.from(free, (f) => f[1]) });
  }

  return {
    compiled, case: c, n, parties: P, slots, fixed, unaddressed, domain, space, contrib, weight, redAny,
    threshold, requireMatch, guarded, entriesAt, blocked, objective, objectiveParty,
  };
}

/** Whether choosing `o` on issue `i` completes an incompatible entry, given the options chosen so far. */
export function completesEntry(problem: Problem, choice: Int32Array, i: number, o: number): boolean {
  for (const e of problem.entriesAt[i]!) {
    let all = true;
    const last = e.issues.length - 1;
    for (let t = 0; t < last && all; t++) all = choice[e.issues[t]!] === e.options[t];
    if (all && e.options[last] === o) return true;
  }
  return false;
}

/** The terms of a package: every searched issue's option, locked options; an unaddressed lock is left out. */
export function packageTerms(problem: Problem, choice: Int32Array): Record<string, string> {
  const terms: Record<string, string> = {};
  const issues = problem.case.issues;
  for (let i = 0; i < problem.n; i++) {
    if (problem.unaddressed[i]) continue;
    terms[issues[i]!.id] = issues[i]!.options[choice[i]!]!.id;
  }
  return terms;
}
