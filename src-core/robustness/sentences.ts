// Robustness findings in plain words, the same in the app, the charts' text alternatives, the CLI and the PDF.
import type { FlipPoint, FlipSide, FlipSides } from './flips.ts';

export interface Names {
  party(id: string): string;
  issue(id: string): string;
  scenario(id: string): string;
}

/** Names from a case, with the compared scenarios' own names (the draft or an ad-hoc one may not be in the case). */
interface Named {
  id: string;
  name: string;
}

export function namesOf(c: { parties: readonly Named[]; issues: readonly Named[] }, scenarios: readonly Named[]): Names {
  const party = new Map(c.parties.map((p) => [p.id, p.name]));
  const issue = new Map(c.issues.map((i) => [i.id, i.name]));
  const scenario = new Map(scenarios.map((s) => [s.id, s.name]));
  return { party: (id) => party.get(id) ?? id, issue: (id) => issue.get(id) ?? id, scenario: (id) => scenario.get(id) ?? id };
}

/** "Ukraine's", "United States'". */
export const possessive = (name: string) => (/s$/i.test(name) ? `${name}’` : `${name}’s`);

/** "If Ukraine’s salience of NATO membership were 5 instead of 3, “European plan” would rank first." */
export function flipSentence(flip: Pick<FlipPoint, 'party' | 'issue' | 'salience'> & FlipSide, names: Names): string {
  return `If ${possessive(names.party(flip.party))} salience of ${names.issue(flip.issue)} were ${flip.to} instead of ${flip.salience}, “${names.scenario(flip.best)}” would rank first.`;
}

/** Both directions of a tornado row in words; the side without a flip says so. */
export function sidesSentence(x: FlipSides, names: Names): string {
  const parts = [x.down, x.up].filter((s): s is FlipSide => s !== null).map((s) => flipSentence({ ...x, ...s }, names));
  if (!x.down) parts.push(`No lower salience changes the ranking.`);
  if (!x.up) parts.push(`No higher salience changes the ranking.`);
  return parts.join(' ');
}

/** A share as a whole percent; a share that is neither 0 nor 1 never rounds to either ("<1%", ">99%"). */
export function percent(p: number): string {
  if (p > 0 && p < 0.005) return '<1%';
  if (p < 1 && p > 0.995) return '>99%';
  return `${Math.round(p * 100)}%`;
}
