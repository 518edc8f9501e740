// A second implementation of the scores, written from DESIGN.md §5 alone — nothing from
// src-core/scoring.ts — to check the engine against. Plain and slow on purpose: one party, one issue at a
// time, straight from the definitions.
//
// The two points §5 leaves open are decided here as follows:
// - a party with no stake in any issue has a coverage of 0 (nothing of what it cares about is decided);
// - in Nash, a reservation of 100 met exactly (match 100) is the whole possible gain, a factor of 1
//   ((M − r)/(100 − r) is 0/0 there).
import type { Case, Issue, Position } from '../../../src-core/model.ts';

export interface ReferencePartyScore {
  party: string;
  match: number | null;
  coverage: number;
  redLines: string[];
  acceptable: boolean;
  contributions: Record<string, number>;
}

export interface ReferenceAggregate {
  worst: number | null;
  mean: number | null;
  spread: number | null;
  nash: number | null;
}

/** §5 "Effective position": the latest dated ≤ D, an undated one counting as the earliest; no D, the latest. */
export function positionInForce(c: Case, party: string, issue: string, asOf: string | null): Position | undefined {
  const dateKey = (p: Position) => p.date ?? ''; // '' sorts before every YYYY-MM-DD: undated is the earliest
  const candidates = c.positions.filter((p) => p.party === party && p.issue === issue && (asOf === null || p.date === undefined || p.date <= asOf));
  candidates.sort((a, b) => (dateKey(a) < dateKey(b) ? -1 : dateKey(a) > dateKey(b) ? 1 : 0));
  return candidates.at(-1);
}

/** §5 "Utility": the override if given, else the stance's utility, else the unstated utility. */
export function utilityOf(c: Case, position: Position, option: string): number {
  if (position.utilities !== undefined && Object.hasOwn(position.utilities, option)) return position.utilities[option]!;
  if (Object.hasOwn(position.stances, option)) return c.stanceUtilities[position.stances[option]!];
  return c.unstatedUtility;
}

/** §5 "Effective option": the scenario's term, else the status quo, else none (the issue is open). */
export function optionInForce(issue: Issue, terms: Record<string, string>): string | null {
  if (Object.hasOwn(terms, issue.id)) return terms[issue.id]!;
  return issue.statusQuo ?? null;
}

export function referenceScores(c: Case, terms: Record<string, string>, asOf: string | null): { parties: ReferencePartyScore[]; aggregate: ReferenceAggregate } {
  const parties = c.parties.map((party): ReferencePartyScore => {
    let stakeSalience = 0;
    let decidedSalience = 0;
    let weightedUtility = 0;
    const decided: { issue: string; salience: number; utility: number }[] = [];
    const redLines: string[] = [];
    for (const issue of c.issues) {
      const position = positionInForce(c, party.id, issue.id, asOf);
      if (!position) continue; // no stake
      stakeSalience += position.salience;
      const option = optionInForce(issue, terms);
      if (option === null) continue; // open: left out
      const u = utilityOf(c, position, option);
      decidedSalience += position.salience;
      weightedUtility += position.salience * u;
      decided.push({ issue: issue.id, salience: position.salience, utility: u });
      if (position.stances[option] === 'red_line') redLines.push(issue.id);
    }
    const match = decidedSalience > 0 ? weightedUtility / decidedSalience : null;
    return {
      party: party.id,
      match,
      coverage: stakeSalience > 0 ? (decidedSalience / stakeSalience) * 100 : 0,
      redLines,
      acceptable: match !== null && redLines.length === 0 && match >= party.reservation,
      contributions: match === null ? {} : Object.fromEntries(decided.map((d) => [d.issue, (d.salience * d.utility) / decidedSalience])),
    };
  });

  const withMatch = parties.map((s, i) => ({ s, reservation: c.parties[i]!.reservation })).filter(({ s }) => s.match !== null);
  if (withMatch.length === 0) return { parties, aggregate: { worst: null, mean: null, spread: null, nash: null } };
  const matches = withMatch.map(({ s }) => s.match!);
  const blocked = withMatch.some(({ s, reservation }) => s.redLines.length > 0 || s.match! < reservation);
  const gains = withMatch.map(({ s, reservation }) => (reservation === 100 ? 1 : Math.max(0, (s.match! - reservation) / (100 - reservation))));
  const geometricMean = Math.pow(gains.reduce((a, b) => a * b, 1), 1 / gains.length);
  return {
    parties,
    aggregate: {
      worst: Math.min(...matches),
      mean: matches.reduce((a, b) => a + b, 0) / matches.length,
      spread: Math.max(...matches) - Math.min(...matches),
      nash: blocked ? 0 : 100 * geometricMean,
    },
  };
}
