// How a scenario's support moves over time (DESIGN §10): the scenario scored as of every date on which
// some party's position in force changes, oldest first.
import type { Case } from './model.ts';
import { compileCase, scoreScenario, type Terms } from './scoring.ts';

export interface TimelinePoint {
  date: string;
  match: number | null;
  redLines: string[];
  acceptable: boolean;
}

export interface Timeline {
  dates: string[];
  parties: { party: string; points: TimelinePoint[] }[];
}

/**
 * The dates on which some position in force changes: every date a dated statement carries. An undated
 * statement is in force from the start, so it adds no date.
 */
export function changeDates(c: Case): string[] {
  const dates = new Set<string>();
  for (const p of c.positions) if (p.date !== undefined) dates.add(p.date);
  return [...dates].sort();
}

export function timeline(c: Case, terms: Terms): Timeline {
  const dates = changeDates(c);
  const parties = c.parties.map((p) => ({ party: p.id, points: [] as TimelinePoint[] }));
  for (const date of dates) {
    const score = scoreScenario(compileCase(c, date), terms, { contributions: false });
    score.parties.forEach((s, i) => parties[i]!.points.push({ date, match: s.match, redLines: s.redLines, acceptable: s.acceptable }));
  }
  return { dates, parties };
}

/** The statements that take effect on `date` (what changed the scores there), in case order. */
export function statementsOn(c: Case, date: string) {
  return c.positions.filter((p) => p.date === date);
}
