// The objective that ranks the compared scenarios (DESIGN.md §11/§12) computed straight from per-party
// matches held in typed arrays, and the two ways §12 picks a winner: the leader (for flip points) and
// the tied best (for pBest).
import type { Case } from '../model.ts';

export const OBJECTIVE_KINDS = ['maximin', 'mean', 'nash'] as const;
/** `maximin` (the worst match), `mean`, `nash` (§5) or `party:ID` (that party's match). */
export type Objective = (typeof OBJECTIVE_KINDS)[number] | `party:${string}`;

/** Values within this distance of each other count as equal (§11). */
export const TIE_EPSILON = 1e-9;

/** The objective as the engine uses it: a kind, and for `party:ID` the party's index in case order. */
export interface ObjectiveRule {
  kind: 'maximin' | 'mean' | 'nash' | 'party';
  party: number;
}

/** Parses an objective for a case; the error names the accepted forms (or the case's parties). */
export function parseObjective(c: Pick<Case, 'id' | 'parties'>, text: string): { ok: true; rule: ObjectiveRule; objective: Objective } | { ok: false; error: string } {
  if ((OBJECTIVE_KINDS as readonly string[]).includes(text)) return { ok: true, rule: { kind: text as ObjectiveRule['kind'], party: -1 }, objective: text as Objective };
  if (text.startsWith('party:')) {
    const id = text.slice('party:'.length);
    const index = c.parties.findIndex((p) => p.id === id);
    if (index >= 0) return { ok: true, rule: { kind: 'party', party: index }, objective: text as Objective };
    return { ok: false, error: `"${id}" is not a party of case "${c.id}" (parties: ${c.parties.map((p) => p.id).join(', ')})` };
  }
  return { ok: false, error: `"${text}" is not an objective; use maximin, mean, nash or party:ID` };
}

/**
 * The objective's value for one scenario from each party's match (NaN = no match), whether it crosses one
 * of the party's red lines, and the reservations; null when it has no value (no party with a match, or
 * the chosen party has none). The arithmetic is scoring.ts's aggregate(), step for step, so that an
 * unperturbed case gives exactly the same numbers.
 */
export function objectiveValue(rule: ObjectiveRule, match: Float64Array, red: Uint8Array, reservation: Float64Array): number | null {
  if (rule.kind === 'party') {
    const m = match[rule.party]!;
    return Number.isNaN(m) ? null : m;
  }
  let worst = Infinity;
  let sum = 0;
  let n = 0;
  let logSum = 0;
  let blocked = false;
  for (let p = 0; p < match.length; p++) {
    const m = match[p]!;
    if (Number.isNaN(m)) continue;
    n++;
    sum += m;
    if (m < worst) worst = m;
    if (rule.kind !== 'nash') continue;
    const r = reservation[p]!;
    if (red[p] === 1 || m < r) {
      blocked = true;
      continue;
    }
    const gain = r >= 100 ? 1 : (m - r) / (100 - r);
    if (gain <= 0) blocked = true;
    else logSum += Math.log(gain);
  }
  if (n === 0) return null;
  if (rule.kind === 'maximin') return worst;
  if (rule.kind === 'mean') return sum / n;
  return blocked ? 0 : 100 * Math.exp(logSum / n);
}

/**
 * The scenario that ranks first (§12): the first one leads, and a later one takes the lead only if it
 * beats the leader by more than 1e-9; a scenario with no value ranks last.
 */
export function leaderIndex(values: readonly (number | null)[] | Float64Array): number {
  let leader = 0;
  let best: number | null = values.length ? toValue(values[0]) : null;
  for (let s = 1; s < values.length; s++) {
    const v = toValue(values[s]);
    if (v === null) continue;
    if (best === null || v > best + TIE_EPSILON) {
      leader = s;
      best = v;
    }
  }
  return leader;
}

/**
 * How the shares of being best are split in one sample (pBest): every scenario whose value is within
 * 1e-9 of the highest shares equally; when no scenario has a value, all share. Adds each share to `into`.
 */
export function addBestShares(values: Float64Array, into: Float64Array): void {
  let best = -Infinity;
  for (let s = 0; s < values.length; s++) if (values[s]! > best) best = values[s]!;
  let tied = 0;
  for (let s = 0; s < values.length; s++) if (Number.isNaN(values[s]!) ? best === -Infinity : values[s]! >= best - TIE_EPSILON) tied++;
  const share = 1 / tied;
  for (let s = 0; s < values.length; s++) if (Number.isNaN(values[s]!) ? best === -Infinity : values[s]! >= best - TIE_EPSILON) into[s]! += share;
}

const toValue = (v: number | null | undefined): number | null => (v === null || v === undefined || Number.isNaN(v) ? null : v);
