// The engine against the reference scorer (written from DESIGN.md §5 alone) on the property tests' random
// cases: every output — match, coverage, red lines, acceptability, contributions and the aggregates — for
// random scenarios, at the case's as-of date and with the latest positions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCase, scoreScenario } from '../../../src-core/scoring.ts';
import { caseArb, termsArb } from './case-arbitraries.ts';
import { referenceScores } from './reference-scorer.ts';

const SEED = Number(process.env.PARLEY_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CASES = 400;
const EPS = 1e-9;

const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= EPS * Math.max(1, Math.abs(b)));

describe('the engine agrees with the reference scorer (property)', () => {
  it(`on ${CASES} random cases × 4 scenarios × 2 as-of dates: every output`, { timeout: 120_000 }, () => {
    console.log(`reference scorer: seed ${SEED} (replay with PARLEY_FUZZ_SEED=${SEED})`);
    let compared = 0;
    const arb = caseArb.chain(({ spec, c }) => fc.tuple(fc.constant({ spec, c }), fc.array(termsArb(c), { minLength: 4, maxLength: 4 })));
    fc.assert(
      fc.property(arb, ([{ spec, c }, scenarios]) => {
        for (const asOf of [spec.asOf, null]) {
          const compiled = compileCase(c, asOf);
          for (const terms of scenarios) {
            const engine = scoreScenario(compiled, terms);
            const ref = referenceScores(c, terms, asOf);
            const where = `asOf ${asOf}, terms ${JSON.stringify(terms)}`;
            engine.parties.forEach((e, i) => {
              const r = ref.parties[i]!;
              expect(e.party).toBe(r.party);
              expect(close(e.match, r.match), `${r.party} match ${e.match} vs ${r.match} (${where})`).toBe(true);
              expect(close(e.coverage, r.coverage), `${r.party} coverage ${e.coverage} vs ${r.coverage} (${where})`).toBe(true);
              expect(e.redLines, `${r.party} red lines (${where})`).toEqual(r.redLines);
              // Acceptability compares a match with a reservation: only a match within rounding of it may differ.
              if (r.match === null || Math.abs(r.match - c.parties[i]!.reservation) > EPS) expect(e.acceptable, `${r.party} acceptable (${where})`).toBe(r.acceptable);
              expect(Object.keys(e.contributions), `${r.party} contributions (${where})`).toEqual(Object.keys(r.contributions));
              for (const [issue, v] of Object.entries(r.contributions)) expect(close(e.contributions[issue]!, v), `${r.party} contribution of ${issue} (${where})`).toBe(true);
            });
            for (const k of ['worst', 'mean', 'spread', 'nash'] as const) {
              expect(close(engine.aggregate[k], ref.aggregate[k]), `${k} ${engine.aggregate[k]} vs ${ref.aggregate[k]} (${where})`).toBe(true);
            }
            compared++;
          }
        }
      }),
      { numRuns: CASES, seed: SEED },
    );
    expect(compared).toBe(CASES * 8);
  });
});
