// Small random cases for the robustness laws: few parties, issues and options, integer utilities from a
// short list (so that ties between scenarios are common), sometimes no stake, sometimes an older
// position that is no longer in force, sometimes a status quo, sometimes a duplicated scenario.
import fc from 'fast-check';
import { parseCaseOrThrow } from '../../../src-core/case-file.ts';
import { STANCES, type Case } from '../../../src-core/model.ts';
import type { Objective } from '../../../src-core/robustness/objective.ts';

const stance = fc.option(fc.constantFrom(...STANCES), { nil: undefined, freq: 8 });
const override = fc.option(fc.constantFrom(0, 40, 60, 100), { nil: undefined, freq: 6 });

const position = (nOptions: number) =>
  fc.option(
    fc.record({
      salience: fc.integer({ min: 1, max: 5 }),
      stances: fc.array(stance, { minLength: nOptions, maxLength: nOptions }),
      utilities: fc.array(override, { minLength: nOptions, maxLength: nOptions }),
      older: fc.boolean(),
    }),
    { nil: undefined, freq: 6 },
  );

export interface SmallCase {
  c: Case;
  objective: Objective;
}

export const smallCaseArb: fc.Arbitrary<SmallCase> = fc
  .record({
    nParties: fc.integer({ min: 2, max: 4 }),
    options: fc.array(fc.integer({ min: 2, max: 3 }), { minLength: 2, maxLength: 4 }),
    nScenarios: fc.integer({ min: 2, max: 4 }),
  })
  .chain(({ nParties, options, nScenarios }) =>
    fc.record({
      reservations: fc.array(fc.constantFrom(0, 30, 50, 70, 100), { minLength: nParties, maxLength: nParties }),
      statusQuo: fc.tuple(...options.map((n) => fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: undefined, freq: 3 }))),
      positions: fc.tuple(...Array.from({ length: nParties }, () => fc.tuple(...options.map(position)))),
      scenarios: fc.array(fc.tuple(...options.map((n) => fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: undefined, freq: 4 }))), { minLength: nScenarios, maxLength: nScenarios }),
      duplicate: fc.boolean(),
      objective: fc.constantFrom<Objective>('maximin', 'mean', 'nash', 'party:p0'),
    }).map((spec) => {
      const terms = spec.scenarios.map((chosen) => Object.fromEntries(chosen.flatMap((k, i) => (k === undefined ? [] : [[`i${i}`, `o${k}`]]))));
      if (spec.duplicate) terms.push({ ...terms[0]! });
      const file = {
        format: 'parley-case',
        version: 1,
        id: 'small',
        title: 'Small random case',
        parties: spec.reservations.map((r, p) => ({ id: `p${p}`, name: `Party ${p}`, reservation: r })),
        issues: options.map((n, i) => ({
          id: `i${i}`,
          name: `Issue ${i}`,
          ...(spec.statusQuo[i] !== undefined && { statusQuo: `o${spec.statusQuo[i]}` }),
          options: Array.from({ length: n }, (_, k) => ({ id: `o${k}`, label: `Option ${k}` })),
        })),
        positions: spec.positions.flatMap((byIssue, p) =>
          byIssue.flatMap((pos, i) => {
            if (!pos) return [];
            const stances = Object.fromEntries(pos.stances.flatMap((s, k) => (s === undefined ? [] : [[`o${k}`, s]])));
            const utilities = Object.fromEntries(pos.utilities.flatMap((u, k) => (u === undefined ? [] : [[`o${k}`, u]])));
            const current = { party: `p${p}`, issue: `i${i}`, salience: pos.salience, date: '2025-06-01', stances, ...(Object.keys(utilities).length > 0 && { utilities }) };
            // An older position, no longer in force, with the opposite salience: it must play no part.
            return pos.older ? [{ ...current, date: '2024-01-01', salience: 6 - pos.salience }, current] : [current];
          }),
        ),
        scenarios: terms.map((t, s) => ({ id: `s${s}`, name: `Scenario ${s}`, terms: t })),
      };
      return { c: parseCaseOrThrow(file, 'small random case'), objective: spec.objective };
    }),
  );
