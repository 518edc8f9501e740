// Compiling a case for many dates in one walk (compileCaseByDates, what timelines use) gives exactly what
// compiling it for each date on its own gives: the same positions in force, the same scores to the last bit.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../../src-core/model.ts';
import { compileCase, compileCaseByDates, scoreScenario } from '../../../src-core/scoring.ts';
import { changeDates, timeline } from '../../../src-core/timeline.ts';
import { generateCase, seededRandom } from '../../fixtures/generate-case.ts';

/** A generated case with extra statements on random dates, some on the same day for several parties. */
function datedCase(seed: number): Case {
  const c = generateCase({ parties: 5, issues: 8, options: 4, scenarios: 6, seed });
  const rnd = seededRandom(seed * 31);
  const taken = new Set(c.positions.map((p) => `${p.party}|${p.issue}|${p.date ?? ''}`));
  const positions = [...c.positions];
  for (const p of c.positions) {
    for (let k = 0; k < 3; k++) {
      const date = `2025-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 10)}`;
      if (taken.has(`${p.party}|${p.issue}|${date}`)) continue;
      taken.add(`${p.party}|${p.issue}|${date}`);
      positions.push({ ...p, date, salience: 1 + Math.floor(rnd() * 5), stances: Object.fromEntries(Object.entries(p.stances).reverse()) });
    }
  }
  return { ...c, positions };
}

describe('compileCaseByDates', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: every date compiles and scores as compileCase does for that date alone`, () => {
      const c = datedCase(seed);
      const dates = changeDates(c);
      expect(dates.length).toBeGreaterThan(10);
      const walked = compileCaseByDates(c, dates);
      dates.forEach((date, i) => {
        const alone = compileCase(c, date);
        expect(walked[i]!.asOf).toBe(date);
        expect(walked[i]!.stakes.map((list) => list.map((s) => s.position))).toEqual(alone.stakes.map((list) => list.map((s) => s.position)));
        for (const s of c.scenarios) expect(scoreScenario(walked[i]!, s.terms)).toEqual(scoreScenario(alone, s.terms));
      });
    });
  }

  it('the timeline is the scenario scored on every change date, oldest first', () => {
    const c = datedCase(9);
    const t = timeline(c, c.scenarios[0]!.terms);
    expect(t.dates).toEqual(changeDates(c));
    t.dates.forEach((date, i) => {
      const score = scoreScenario(compileCase(c, date), c.scenarios[0]!.terms);
      t.parties.forEach((p, j) => expect(p.points[i]).toEqual({ date, match: score.parties[j]!.match, redLines: score.parties[j]!.redLines, acceptable: score.parties[j]!.acceptable }));
    });
  });
});
