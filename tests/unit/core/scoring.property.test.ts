import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseCaseOrThrow, serializeCase } from '../../../src-core/case-file.ts';
import type { Case, Stance } from '../../../src-core/model.ts';
import { compileCase, effectivePosition, idealTerms, optionUtility, scoreScenario, type Terms } from '../../../src-core/scoring.ts';
import { caseAndTermsArb, caseArb, caseSpecArb, pid, termsArb, toCase } from './case-arbitraries.ts';

const NUM_RUNS = 200;
const EPS = 1e-9;

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// ---------------------------------------------------------------------------------------------

describe('random cases (property)', () => {
  it('are valid case files that survive serializeCase unchanged', () => {
    fc.assert(
      fc.property(caseArb, ({ c }) => {
        const written = serializeCase(c);
        const again = parseCaseOrThrow(JSON.parse(written));
        expect(again).toEqual(c);
        expect(serializeCase(again)).toBe(written);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('scores of any scenario (property)', () => {
  it('have every match null or within 0–100, and coverage within 0–100', () => {
    fc.assert(
      fc.property(caseAndTermsArb, ({ spec, c, terms }) => {
        const s = scoreScenario(compileCase(c, spec.asOf), terms);
        expect(s.parties).toHaveLength(c.parties.length);
        for (const p of s.parties) {
          if (p.match !== null) {
            expect(p.match).toBeGreaterThanOrEqual(0);
            expect(p.match).toBeLessThanOrEqual(100 + EPS);
            expect(p.coverage).toBeGreaterThan(0);
          }
          expect(p.coverage).toBeGreaterThanOrEqual(0);
          expect(p.coverage).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('have contributions that add up to the match', () => {
    fc.assert(
      fc.property(caseAndTermsArb, ({ spec, c, terms }) => {
        for (const p of scoreScenario(compileCase(c, spec.asOf), terms).parties) {
          if (p.match === null) expect(p.contributions).toEqual({});
          else expect(Math.abs(sum(Object.values(p.contributions)) - p.match)).toBeLessThanOrEqual(EPS);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('are acceptable to a party only with no red line crossed and a match at or above its reservation', () => {
    fc.assert(
      fc.property(caseAndTermsArb, ({ spec, c, terms }) => {
        const s = scoreScenario(compileCase(c, spec.asOf), terms);
        s.parties.forEach((p, i) => {
          const reservation = c.parties[i]!.reservation;
          const expected = p.match !== null && p.redLines.length === 0 && p.match >= reservation;
          expect(p.acceptable).toBe(expected);
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('have aggregates that agree with the matches: nash within 0–100, and nash > 0 only when every party with a match accepts', () => {
    fc.assert(
      fc.property(caseAndTermsArb, ({ spec, c, terms }) => {
        const { parties, aggregate } = scoreScenario(compileCase(c, spec.asOf), terms);
        const matched = parties.filter((p) => p.match !== null);
        if (matched.length === 0) {
          expect(aggregate).toEqual({ worst: null, mean: null, spread: null, nash: null });
          return;
        }
        const ms = matched.map((p) => p.match!);
        expect(aggregate.worst).toBe(Math.min(...ms));
        expect(aggregate.spread).toBeCloseTo(Math.max(...ms) - Math.min(...ms), 9);
        expect(Math.abs(aggregate.mean! - sum(ms) / ms.length)).toBeLessThanOrEqual(EPS);
        expect(aggregate.nash).not.toBeNull();
        expect(aggregate.nash!).toBeGreaterThanOrEqual(0);
        expect(aggregate.nash!).toBeLessThanOrEqual(100 + EPS);
        if (aggregate.nash! > 0) for (const p of matched) expect(p.acceptable).toBe(true);
        if (matched.some((p) => p.redLines.length > 0)) expect(aggregate.nash).toBe(0);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('a party’s own demands (property)', () => {
  // Rewrite every position of one party so that it demands exactly one option (the others get any
  // other stance or none), drop its numeric overrides, and make a demand worth 100.
  const demandsArb = caseSpecArb.chain((spec) =>
    fc
      .record({
        party: fc.integer({ min: 0, max: spec.reservations.length - 1 }),
        seed: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
        others: fc.array(fc.option(fc.constantFrom<Stance>('acceptable', 'neutral', 'oppose', 'red_line'), { nil: undefined }), {
          minLength: 64,
          maxLength: 64,
        }),
      })
      .map(({ party, seed, others }) => {
        let n = 0;
        const positions = spec.positions.map((byIssue, p) =>
          p !== party
            ? byIssue
            : byIssue.map((list, i) =>
                list.map((pos) => {
                  const nOptions = spec.optionCounts[i]!;
                  const demanded = seed[n++ % seed.length]! % nOptions;
                  const stances = Array.from({ length: nOptions }, (_, k) => (k === demanded ? 'demand' : others[(n + k) % others.length]));
                  return { ...pos, stances, utilities: pos.utilities.map(() => undefined) };
                }),
              ),
        );
        const stanceUtilities = { ...(spec.stanceUtilities ?? { demand: 100, acceptable: 70, neutral: 50, oppose: 25, red_line: 0 }), demand: 100 };
        return { spec: { ...spec, positions, stanceUtilities }, party: pid(party) };
      }),
  );

  it('scores exactly 100 on the scenario made of its demands', () => {
    fc.assert(
      fc.property(demandsArb, ({ spec, party }) => {
        const c = toCase(spec);
        const terms: Record<string, string> = {};
        for (const issue of c.issues) {
          const pos = effectivePosition(c.positions, party, issue.id, spec.asOf);
          if (!pos) continue;
          const demanded = Object.entries(pos.stances).filter(([, s]) => s === 'demand');
          expect(demanded).toHaveLength(1);
          terms[issue.id] = demanded[0]![0];
        }
        const score = scoreScenario(compileCase(c, spec.asOf), terms).parties.find((p) => p.party === party)!;
        if (Object.keys(terms).length === 0) {
          expect(score.match).toBeNull();
          return;
        }
        expect(score.match).toBe(100);
        expect(score.coverage).toBe(100);
        expect(score.redLines).toEqual([]);
        expect(score.acceptable).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('scores exactly 100 on its ideal terms', () => {
    fc.assert(
      fc.property(demandsArb, ({ spec, party }) => {
        const compiled = compileCase(toCase(spec), spec.asOf);
        const ideal = idealTerms(compiled, party);
        const score = scoreScenario(compiled, ideal).parties.find((p) => p.party === party)!;
        if (Object.keys(ideal).length === 0) expect(score.match).toBeNull();
        else expect(score.match).toBe(100);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('has ideal terms that beat every scenario deciding the same issues, in any random case', () => {
    fc.assert(
      fc.property(caseAndTermsArb, fc.nat(), ({ spec, c, terms }, pick) => {
        const compiled = compileCase(c, spec.asOf);
        const party = c.parties[pick % c.parties.length]!.id;
        const matchOf = (t: Terms) => scoreScenario(compiled, t).parties.find((p) => p.party === party)!.match;
        const ideal = idealTerms(compiled, party);
        // the random scenario, with every issue the party has a stake in decided (by the scenario where it says so)
        const rival = Object.fromEntries(Object.keys(ideal).map((i) => [i, terms[i] ?? ideal[i]!]));
        const best = matchOf(ideal);
        if (Object.keys(ideal).length === 0) {
          expect(best).toBeNull();
          return;
        }
        expect(best! + EPS).toBeGreaterThanOrEqual(matchOf(rival)!);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('changing a scenario (property)', () => {
  it('never lowers a party’s match when one term is replaced by an option the party values at least as much', () => {
    const arb = caseAndTermsArb.chain(({ spec, c, terms }) =>
      fc
        .record({ party: fc.nat({ max: c.parties.length - 1 }), issue: fc.nat({ max: c.issues.length - 1 }), from: fc.nat(), to: fc.nat() })
        .map((pick) => ({ spec, c, terms, pick })),
    );
    fc.assert(
      fc.property(arb, ({ spec, c, terms, pick }) => {
        const party = c.parties[pick.party]!.id;
        const issue = c.issues[pick.issue]!;
        const options = issue.options.map((o) => o.id);
        const before: Record<string, string> = { ...terms, [issue.id]: terms[issue.id] ?? options[pick.from % options.length]! };
        const current = before[issue.id]!;
        const pos = effectivePosition(c.positions, party, issue.id, spec.asOf);
        const u = (o: string) => (pos ? optionUtility(c, pos, o) : 0);
        const better = options.filter((o) => u(o) >= u(current));
        const after = { ...before, [issue.id]: better[pick.to % better.length]! };

        const compiled = compileCase(c, spec.asOf);
        const m0 = scoreScenario(compiled, before).parties[pick.party]!.match;
        const m1 = scoreScenario(compiled, after).parties[pick.party]!.match;
        if (m0 === null) expect(m1).toBeNull();
        else expect(m1!).toBeGreaterThanOrEqual(m0 - EPS);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('salience is relative (property)', () => {
  it('leaves every match and coverage unchanged when all of a party’s saliences are multiplied by the same factor', () => {
    const arb = caseAndTermsArb.chain((x) =>
      fc
        .record({
          party: fc.nat({ max: x.c.parties.length - 1 }),
          k: fc.double({ min: 1, max: 10, noNaN: true, noDefaultInfinity: true }),
        })
        .map((y) => ({ ...x, ...y })),
    );
    fc.assert(
      fc.property(arb, ({ spec, c, terms, party, k }) => {
        const id = c.parties[party]!.id;
        // Built directly: the engine takes any positive salience, the file format only 1–5.
        const scaled: Case = { ...c, positions: c.positions.map((p) => (p.party === id ? { ...p, salience: p.salience * k } : p)) };
        const a = scoreScenario(compileCase(c, spec.asOf), terms);
        const b = scoreScenario(compileCase(scaled, spec.asOf), terms);
        a.parties.forEach((pa, i) => {
          const pb = b.parties[i]!;
          if (pa.match === null) expect(pb.match).toBeNull();
          else expect(Math.abs(pb.match! - pa.match)).toBeLessThanOrEqual(EPS);
          expect(Math.abs(pb.coverage - pa.coverage)).toBeLessThanOrEqual(EPS);
          expect(pb.redLines).toEqual(pa.redLines);
          expect(Object.keys(pb.contributions)).toEqual(Object.keys(pa.contributions));
          for (const [issue, v] of Object.entries(pa.contributions)) expect(Math.abs(pb.contributions[issue]! - v)).toBeLessThanOrEqual(EPS);
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('as-of dates (property)', () => {
  it('give no basis for anyone before the first position, when every position is dated', () => {
    const arb = caseSpecArb
      .map((spec) => ({
        ...spec,
        positions: spec.positions.map((byIssue) => byIssue.map((list) => list.filter((p) => p.date !== undefined))),
      }))
      .chain((spec) => {
        const c = toCase(spec);
        return termsArb(c).map((terms: Terms) => ({ c, terms }));
      });
    fc.assert(
      fc.property(arb, ({ c, terms }) => {
        expect(c.positions.every((p) => p.date !== undefined)).toBe(true);
        const first = c.positions.map((p) => p.date!).sort()[0];
        const dayBefore = first === undefined ? '2019-12-31' : new Date(Date.parse(first) - 86_400_000).toISOString().slice(0, 10);
        for (const asOf of ['2019-12-31', dayBefore]) {
          const s = scoreScenario(compileCase(c, asOf), terms);
          for (const p of s.parties) {
            expect(p.match).toBeNull();
            expect(p.coverage).toBe(0);
            expect(p.redLines).toEqual([]);
            expect(p.acceptable).toBe(false);
          }
          expect(s.aggregate).toEqual({ worst: null, mean: null, spread: null, nash: null });
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('score with the positions in force: the same as a case holding only those positions', () => {
    fc.assert(
      fc.property(caseAndTermsArb, ({ spec, c, terms }) => {
        const inForce = c.parties.flatMap((p) =>
          c.issues.flatMap((i) => {
            const pos = effectivePosition(c.positions, p.id, i.id, spec.asOf);
            return pos ? [pos] : [];
          }),
        );
        const a = scoreScenario(compileCase(c, spec.asOf), terms);
        const b = scoreScenario(compileCase({ ...c, positions: inForce }, null), terms);
        expect(b).toEqual(a);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
