// The debrief (DESIGN.md §13): every role's match of every offer over the rounds, the agreement against each
// reservation, whether some package is better for every role, and the best maximin package. The two
// questions are asked of the find-deals engine (src-core/search), never answered by a search of our own.
import { partyColors } from '../charts/palette.ts';
import { compileCase, scoreScenario, type CompiledCase, type PartyScore } from '../scoring.ts';
import { searchDeals, type SearchReport } from '../search/index.ts';
import type { Simulation } from './model.ts';
import { agreement, table } from './rules.ts';
import { simulationInfo, type SimulationInfo } from './view.ts';

/** "Better" means higher by more than rounding noise; smaller differences are not an improvement. */
export const BETTER_BY = 1e-6;
/** Each search stops after this long and says its answer is not proven exact. */
export const DEBRIEF_SEARCH_MS = 3000;

export interface DebriefParty {
  id: string;
  name: string;
  color: string;
  reservation: number;
}

export interface Offer {
  /** 1, 2, … over the whole simulation. */
  number: number;
  seq: number;
  round: number;
  proposer: string;
  terms: Record<string, string>;
  at: string;
  /** Per role, in role order. */
  scores: PartyScore[];
  /** Whether this offer became the agreement. */
  agreed: boolean;
}

/** A package judged against every role's reservation. */
export interface Standing {
  terms: Record<string, string>;
  scores: PartyScore[];
  /** Per role: match − reservation (null without a match). */
  surplus: (number | null)[];
  acceptableToAll: boolean;
}

export interface FoundPackage extends Standing {
  /** Per role: match − the reference package's match (null without a reference or a match). */
  gain: (number | null)[];
}

export interface Question {
  /** Whether a package was found. */
  found: boolean;
  /** False when the time limit cut the search: "none" is then not proven, and a found package may not be the best. */
  exact: boolean;
  package: FoundPackage | null;
}

export interface Debrief {
  simulation: SimulationInfo;
  parties: DebriefParty[];
  offers: Offer[];
  agreement: (Standing & { offer: number }) | null;
  /** What the improvement question is asked about: the agreement, else the last package on the table. */
  reference: (Standing & { kind: 'agreement' | 'table'; offer: number }) | null;
  /** A package better for every role than the reference (the one with the best worst match), if any. */
  improvement: Question | null;
  /** The package whose worst match over the roles is highest (no role's red line crossed). */
  maximin: Question;
}

export interface DebriefOptions {
  timeLimitMs?: number;
  /** The engine's clock (tests). */
  clock?: () => number;
}

export function debrief(sim: Simulation, now: string, options: DebriefOptions = {}): Debrief {
  const c = sim.case;
  const compiled = compileCase(c, c.asOf ?? null);
  const colors = partyColors(c);
  const parties = c.parties.map((p) => ({ id: p.id, name: p.name, color: colors.get(p.id)!, reservation: p.reservation }));
  const agreed = agreement(sim);
  const offers: Offer[] = sim.moves
    .filter((m) => m.kind === 'propose')
    .map((m, i) => ({ number: i + 1, seq: m.seq, round: m.round, proposer: m.role, terms: m.terms ?? {}, at: m.at, scores: scoreScenario(compiled, m.terms ?? {}).parties, agreed: agreed?.seq === m.seq }));
  const offerOf = (seq: number) => offers.find((o) => o.seq === seq)!.number;

  const onTable = table(sim);
  const reference = onTable && { kind: agreed ? ('agreement' as const) : ('table' as const), offer: offerOf(onTable.seq), ...standing(compiled, onTable.terms) };
  const hooks = { ...(options.clock && { now: options.clock }) };
  const timeLimitMs = options.timeLimitMs ?? DEBRIEF_SEARCH_MS;

  return {
    simulation: simulationInfo(sim, now),
    parties,
    offers,
    agreement: agreed && { offer: offerOf(agreed.seq), ...standing(compiled, agreed.terms) },
    reference,
    improvement: reference && improvementOver(compiled, reference, timeLimitMs, hooks),
    maximin: question(compiled, searchDeals(c, { objective: 'maximin', top: 1, timeLimitMs }, hooks, compiled), reference),
  };
}

function standing(compiled: CompiledCase, terms: Record<string, string>): Standing {
  const scores = scoreScenario(compiled, terms).parties;
  const reservations = compiled.case.parties.map((p) => p.reservation);
  return { terms, scores, surplus: scores.map((s, i) => (s.match === null ? null : s.match - reservations[i]!)), acceptableToAll: scores.every((s) => s.acceptable) };
}

/**
 * A package strictly better for every role than the reference, crossing no role's red line (a package that
 * crosses a role's red line is not better for it, whatever its match). Among them the engine returns the one
 * with the best worst match, so the answer is one definite package.
 */
function improvementOver(compiled: CompiledCase, reference: Standing, timeLimitMs: number, hooks: { now?: () => number }): Question {
  const min: Record<string, number> = {};
  for (const [i, p] of compiled.case.parties.entries()) {
    const m = reference.scores[i]!.match;
    const need = (m ?? 0) + BETTER_BY;
    // Nothing beats a full match: no package is better for this role, so none is better for every role.
    if (need > 100) return { found: false, exact: true, package: null };
    min[p.id] = need;
  }
  const report = searchDeals(compiled.case, { objective: 'maximin', top: 1, min, timeLimitMs }, hooks, compiled);
  return question(compiled, report, reference);
}

function question(compiled: CompiledCase, report: SearchReport, reference: Standing | null): Question {
  const best = report.results[0];
  if (!best) return { found: false, exact: report.exact, package: null };
  const s = standing(compiled, best.terms);
  const gain = s.scores.map((x, i) => (x.match === null || reference?.scores[i]!.match == null ? null : x.match - reference.scores[i]!.match!));
  return { found: true, exact: report.exact, package: { ...s, gain } };
}
