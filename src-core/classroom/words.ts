// The classroom in plain words: a role's own priorities and red lines, and a package issue by issue.
// Shared by the screens and the debrief PDF so both say the same thing.
import type { Case, Stance } from '../model.ts';

export interface Priority {
  issue: string;
  name: string;
  /** 1–5. */
  salience: number;
  /** Option labels by this party's stance on them. */
  options: Record<Stance, string[]>;
}

const SALIENCE_WORDS = ['', 'matters little', 'matters somewhat', 'matters', 'matters a lot', 'matters most'];
export const salienceWords = (s: number) => SALIENCE_WORDS[s] ?? `salience ${s}`;

/** The party's positions in force, most important issue first (case order among equals). */
export function priorities(c: Case, party: string): Priority[] {
  const out: Priority[] = [];
  for (const issue of c.issues) {
    const pos = c.positions.find((p) => p.party === party && p.issue === issue.id);
    if (!pos) continue;
    const options: Priority['options'] = { demand: [], acceptable: [], neutral: [], oppose: [], red_line: [] };
    for (const o of issue.options) {
      const stance = pos.stances[o.id];
      if (stance) options[stance].push(o.label);
    }
    out.push({ issue: issue.id, name: issue.name, salience: pos.salience, options });
  }
  return out.sort((a, b) => b.salience - a.salience);
}

/** One line per issue: the option chosen, else what leaving it open means (its status quo, or nothing). */
export function termsInWords(c: Case, terms: Record<string, string>): { issue: string; text: string; open: boolean }[] {
  return c.issues.map((issue) => {
    const o = issue.options.find((x) => x.id === terms[issue.id]);
    const quo = issue.options.find((x) => x.id === issue.statusQuo);
    return { issue: issue.name, text: o ? o.label : quo ? `not addressed (status quo: ${quo.label})` : 'not addressed', open: !o };
  });
}
