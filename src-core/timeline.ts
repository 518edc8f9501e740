// How a scenario's support moves over time (DESIGN §10): the scenario scored as of every date on which
// some party's position in force changes, oldest first.
import type { Case } from './model.ts';
import { compileCaseByDates, scoreScenario, type CompiledCase, type Terms } from './scoring.ts';

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

/** The case compiled as of each change date: what timeline() scores; worth keeping while only the terms change. */
export const compileByDate = (c: Case): CompiledCase[] => compileCaseByDates(c, changeDates(c));

export function timeline(c: Case, terms: Terms, compiled: readonly CompiledCase[] = compileByDate(c)): Timeline {
  const dates = compiled.map((cc) => cc.asOf!);
  const parties = c.parties.map((p) => ({ party: p.id, points: [] as TimelinePoint[] }));
  for (const cc of compiled) {
    const date = cc.asOf!;
    const score = scoreScenario(cc, terms, { contributions: false });
    score.parties.forEach((s, i) => parties[i]!.points.push({ date, match: s.match, redLines: s.redLines, acceptable: s.acceptable }));
  }
  return { dates, parties };
}

/** The statements that take effect on `date` (what changed the scores there), in case order. */
export function statementsOn(c: Case, date: string) {
  return c.positions.filter((p) => p.date === date);
}
