// The scoring engine, exactly as DESIGN.md §5. A case is compiled once per as-of date into flat
// arrays so that re-scoring a scenario on every click is a few thousand multiply-adds.
import type { Case, Issue, Party, Position, Stance } from './model.ts';

export type Terms = Readonly<Record<string, string>>;

export interface PartyScore {
  party: string;
  /** Salience-weighted utility, 0–100; null when there is no basis (no issue both staked and decided). */
  match: number | null;
  /** Share (0–100) of the party's total salience that the scenario decides. */
  coverage: number;
  /** Issues whose effective option is a red line of the party, in case order. */
  redLines: string[];
  acceptable: boolean;
  /** issue id → contribution to the match; they add up to the match. */
  contributions: Record<string, number>;
}

export interface Aggregate {
  worst: number | null;
  mean: number | null;
  spread: number | null;
  nash: number | null;
}

export interface ScenarioScore {
  parties: PartyScore[];
  aggregate: Aggregate;
}

interface Stake {
  issue: number;
  salience: number;
  /** utility per option index of the issue */
  utilities: Float64Array;
  redLine: Uint8Array;
  position: Position;
}

export interface CompiledCase {
  readonly case: Case;
  readonly asOf: string | null;
  readonly issueIndex: ReadonlyMap<string, number>;
  readonly optionIndex: readonly ReadonlyMap<string, number>[];
  readonly statusQuo: Int32Array;
  readonly stakes: readonly (readonly Stake[])[];
  readonly totalSalience: Float64Array;
  /** Dense tables for the hot loop, per party: salience by issue (0 = no stake), and utility and
   * red-line flag by issue × option slot (issue * optionSlots + k). */
  readonly optionSlots: number;
  readonly salience: readonly Float64Array[];
  readonly utility: readonly Float64Array[];
  readonly redLine: readonly Uint8Array[];
}

/** The position of `party` on `issue` in force on `asOf` (DESIGN.md §5), or undefined when it has no stake. */
export function effectivePosition(
  positions: readonly Position[],
  party: string,
  issue: string,
  asOf: string | null | undefined,
): Position | undefined {
  let best: Position | undefined;
  for (const p of positions) {
    if (p.party !== party || p.issue !== issue) continue;
    if (!inForce(p, asOf)) continue;
    if (best === undefined || laterThan(p, best)) best = p;
  }
  return best;
}

const inForce = (p: Position, asOf: string | null | undefined) => !asOf || p.date === undefined || p.date <= asOf;
// An undated position counts as the earliest.
const laterThan = (a: Position, b: Position) => (a.date ?? '') > (b.date ?? '');

const pairKey = (party: string, issue: string) => `${party}\u0000${issue}`;

export function compileCase(c: Case, asOf?: string | null): CompiledCase {
  const at = asOf ?? null;
  // Effective position per (party, issue) in one pass over the positions.
  const effective = new Map<string, Position>();
  for (const p of c.positions) {
    if (!inForce(p, at)) continue;
    const key = pairKey(p.party, p.issue);
    const prev = effective.get(key);
    if (prev === undefined || laterThan(p, prev)) effective.set(key, p);
  }
  return compileEffective(c, at, effective);
}

/**
 * The case compiled as of each of `dates` (ascending), as compileCase would compile it for each, but in one
 * walk: the positions in force are carried from one date to the next, and the stakes whose position has not
 * changed are shared rather than built again. What a timeline over many dates needs.
 */
export function compileCaseByDates(c: Case, dates: readonly string[]): CompiledCase[] {
  const effective = new Map<string, Position>();
  const dated = c.positions.filter((p) => p.date !== undefined).sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : 0));
  for (const p of c.positions) {
    if (p.date !== undefined) continue;
    const key = pairKey(p.party, p.issue);
    if (!effective.has(key)) effective.set(key, p);
  }
  const out: CompiledCase[] = [];
  let next = 0;
  for (const date of dates) {
    // At most one position per (party, issue, date): a later date simply replaces the one in force.
    for (; next < dated.length && dated[next]!.date! <= date; next++) effective.set(pairKey(dated[next]!.party, dated[next]!.issue), dated[next]!);
    out.push(compileEffective(c, date, effective, out[out.length - 1]));
  }
  return out;
}

function compileEffective(c: Case, at: string | null, effective: ReadonlyMap<string, Position>, previous?: CompiledCase): CompiledCase {
  const issueIndex = previous?.issueIndex ?? new Map(c.issues.map((issue, i) => [issue.id, i]));
  const optionIndex = previous?.optionIndex ?? c.issues.map((issue) => new Map(issue.options.map((o, k) => [o.id, k])));
  const statusQuo = previous?.statusQuo ?? Int32Array.from(c.issues, (issue, i) => (issue.statusQuo === undefined ? -1 : (optionIndex[i]!.get(issue.statusQuo) ?? -1)));

  const stakes: Stake[][] = [];
  const totalSalience = new Float64Array(c.parties.length);
  c.parties.forEach((party, pi) => {
    const list: Stake[] = [];
    const before = previous?.stakes[pi];
    let b = 0;
    c.issues.forEach((issue, ii) => {
      const position = effective.get(pairKey(party.id, issue.id));
      if (!position) return;
      // The previous date's stakes are in issue order too: reuse this one if its position is the same.
      while (before && b < before.length && before[b]!.issue < ii) b++;
      const same = before?.[b];
      if (same && same.issue === ii && same.position === position) {
        list.push(same);
        totalSalience[pi]! += same.salience;
        return;
      }
      const utilities = new Float64Array(issue.options.length);
      const redLine = new Uint8Array(issue.options.length);
      issue.options.forEach((o, k) => {
        utilities[k] = optionUtility(c, position, o.id);
        redLine[k] = position.stances[o.id] === 'red_line' ? 1 : 0;
      });
      list.push({ issue: ii, salience: position.salience, utilities, redLine, position });
      totalSalience[pi]! += position.salience;
    });
    stakes.push(list);
  });
  const optionSlots = Math.max(1, ...c.issues.map((i) => i.options.length));
  const salience = stakes.map(() => new Float64Array(c.issues.length));
  const utility = stakes.map(() => new Float64Array(c.issues.length * optionSlots));
  const redLine = stakes.map(() => new Uint8Array(c.issues.length * optionSlots));
  stakes.forEach((list, pi) => {
    for (const st of list) {
      salience[pi]![st.issue] = st.salience;
      utility[pi]!.set(st.utilities, st.issue * optionSlots);
      redLine[pi]!.set(st.redLine, st.issue * optionSlots);
    }
  });
  return { case: c, asOf: at, issueIndex, optionIndex, statusQuo, stakes, totalSalience, optionSlots, salience, utility, redLine };
}

/** u(p, i, o): the numeric override, else the stance's utility, else the case's unstated utility. */
export function optionUtility(c: Case, position: Position, optionId: string): number {
  const override = position.utilities?.[optionId];
  if (override !== undefined) return override;
  const stance = position.stances[optionId];
  return stance !== undefined ? c.stanceUtilities[stance] : c.unstatedUtility;
}

/** Option index per issue that the scenario puts in force: its term, else the status quo, else -1 (open). */
export function effectiveOptions(compiled: CompiledCase, terms: Terms): Int32Array {
  const chosen = compiled.statusQuo.slice();
  // Walking the case's issues and probing `terms` is several times faster than enumerating `terms`.
  const issues = compiled.case.issues;
  for (let i = 0; i < issues.length; i++) {
    const optionId = terms[issues[i]!.id];
    if (optionId === undefined) continue;
    const k = compiled.optionIndex[i]!.get(optionId);
    if (k !== undefined) chosen[i] = k;
  }
  return chosen;
}

export interface ScoreOptions {
  /**
   * Fill each party's `contributions` (default true). The live chart leaves them out: building
   * an object keyed by issue for every party is most of the cost of a re-score, and the
   * explanation of one party comes from explainScore instead.
   */
  contributions?: boolean;
}

const NO_CONTRIBUTIONS: Record<string, number> = Object.freeze({}) as Record<string, number>;

export function scoreScenario(compiled: CompiledCase, terms: Terms, options: ScoreOptions = {}): ScenarioScore {
  const withContributions = options.contributions ?? true;
  const chosen = effectiveOptions(compiled, terms);
  const { parties } = compiled.case;
  const issues = compiled.case.issues;
  const scores: PartyScore[] = new Array(parties.length);
  const nIssues = issues.length;
  const slots = compiled.optionSlots;
  for (let pi = 0; pi < parties.length; pi++) {
    const party = parties[pi]!;
    const sal = compiled.salience[pi]!;
    const util = compiled.utility[pi]!;
    const red = compiled.redLine[pi]!;
    let weight = 0;
    let weighted = 0;
    const redLines: string[] = [];
    for (let i = 0; i < nIssues; i++) {
      const k = chosen[i]!;
      const w = sal[i]!;
      if (k < 0 || w === 0) continue;
      const slot = i * slots + k;
      weight += w;
      weighted += w * util[slot]!;
      if (red[slot] === 1) redLines.push(issues[i]!.id);
    }
    const contributions: Record<string, number> = withContributions ? {} : NO_CONTRIBUTIONS;
    let match: number | null = null;
    if (weight > 0) {
      match = weighted / weight;
      if (withContributions) {
        for (let i = 0; i < nIssues; i++) {
          const k = chosen[i]!;
          const w = sal[i]!;
          if (k >= 0 && w !== 0) contributions[issues[i]!.id] = (w * util[i * slots + k]!) / weight;
        }
      }
    }
    const total = compiled.totalSalience[pi]!;
    scores[pi] = {
      party: party.id,
      match,
      coverage: total > 0 ? (weight / total) * 100 : 0,
      redLines,
      acceptable: match !== null && redLines.length === 0 && match >= party.reservation,
      contributions,
    };
  }
  return { parties: scores, aggregate: aggregate(parties, scores) };
}

export function aggregate(parties: readonly Party[], scores: readonly PartyScore[]): Aggregate {
  let worst = Infinity;
  let best = -Infinity;
  let sum = 0;
  let n = 0;
  let logSum = 0;
  let blocked = false;
  for (let pi = 0; pi < scores.length; pi++) {
    const s = scores[pi]!;
    if (s.match === null) continue;
    const r = parties[pi]!.reservation;
    n++;
    sum += s.match;
    if (s.match < worst) worst = s.match;
    if (s.match > best) best = s.match;
    if (s.redLines.length > 0 || s.match < r) {
      blocked = true;
      continue;
    }
    // Gain over the reservation, normalised to 0–1; a reservation of 100 met exactly counts as full gain.
    const gain = r >= 100 ? 1 : (s.match - r) / (100 - r);
    if (gain <= 0) blocked = true;
    else logSum += Math.log(gain);
  }
  if (n === 0) return { worst: null, mean: null, spread: null, nash: null };
  return {
    worst,
    mean: sum / n,
    spread: best - worst,
    nash: blocked ? 0 : 100 * Math.exp(logSum / n),
  };
}

export interface IssueExplanation {
  issue: string;
  /** The option in force, or null when the issue is open (left out of the match). */
  option: string | null;
  via: 'term' | 'statusQuo' | 'open';
  /** The party's stated stance on that option; null when its position does not mention it. */
  stance: Stance | null;
  utility: number | null;
  salience: number;
  /** Points this issue adds to the match. */
  contribution: number;
  /** Points this issue costs the match against a perfect 100. */
  loss: number;
  redLine: boolean;
  position: Position;
}

/** Why a party scores what it does: one entry per issue it has a stake in, in case order. */
export function explainScore(compiled: CompiledCase, terms: Terms, partyId: string): IssueExplanation[] {
  const pi = compiled.case.parties.findIndex((p) => p.id === partyId);
  if (pi < 0) return [];
  const chosen = effectiveOptions(compiled, terms);
  const stakes = compiled.stakes[pi]!;
  let weight = 0;
  for (const s of stakes) if (chosen[s.issue]! >= 0) weight += s.salience;
  return stakes.map((s) => {
    const issue: Issue = compiled.case.issues[s.issue]!;
    const k = chosen[s.issue]!;
    if (k < 0) {
      return { issue: issue.id, option: null, via: 'open', stance: null, utility: null, salience: s.salience, contribution: 0, loss: 0, redLine: false, position: s.position };
    }
    const optionId = issue.options[k]!.id;
    const u = s.utilities[k]!;
    return {
      issue: issue.id,
      option: optionId,
      via: terms[issue.id] === optionId ? 'term' : 'statusQuo',
      stance: s.position.stances[optionId] ?? null,
      utility: u,
      salience: s.salience,
      contribution: (s.salience * u) / weight,
      loss: (s.salience * (100 - u)) / weight,
      redLine: s.redLine[k] === 1,
      position: s.position,
    };
  });
}

export interface OptionMarkers {
  demandedBy: string[];
  redLineOf: string[];
}

/** For every issue and option: which parties demand it and whose red line it is (as of the compiled date). */
export function optionMarkers(compiled: CompiledCase): Record<string, Record<string, OptionMarkers>> {
  const out: Record<string, Record<string, OptionMarkers>> = {};
  for (const issue of compiled.case.issues) {
    out[issue.id] = Object.fromEntries(issue.options.map((o) => [o.id, { demandedBy: [], redLineOf: [] }]));
  }
  compiled.case.parties.forEach((party, pi) => {
    for (const s of compiled.stakes[pi]!) {
      const issue = compiled.case.issues[s.issue]!;
      for (const [optionId, stance] of Object.entries(s.position.stances)) {
        const m = out[issue.id]![optionId];
        if (!m) continue;
        if (stance === 'demand') m.demandedBy.push(party.id);
        else if (stance === 'red_line') m.redLineOf.push(party.id);
      }
    }
  });
  return out;
}

/** The scenario made of a party's best options on every issue it has a stake in. */
export function idealTerms(compiled: CompiledCase, partyId: string): Record<string, string> {
  const pi = compiled.case.parties.findIndex((p) => p.id === partyId);
  const terms: Record<string, string> = {};
  if (pi < 0) return terms;
  for (const s of compiled.stakes[pi]!) {
    let bestK = 0;
    for (let k = 1; k < s.utilities.length; k++) if (s.utilities[k]! > s.utilities[bestK]!) bestK = k;
    terms[compiled.case.issues[s.issue]!.id] = compiled.case.issues[s.issue]!.options[bestK]!.id;
  }
  return terms;
}
