// The random valid cases the property tests run on (and the reference scorer is compared on): 2–5 parties,
// 1–8 issues with 1–5 options each, positions over time (0–3 per party and issue, at distinct dates, at
// most one undated), utility overrides that are often exactly 0 or 100, and random scenarios.
import fc from 'fast-check';
import { parseCaseOrThrow } from '../../../src-core/case-file.ts';
import { STANCES, type Case, type Stance } from '../../../src-core/model.ts';

// Ids are p0…, i0…, and o0… within each issue.

export interface PositionSpec {
  date: string | undefined;
  salience: number;
  stances: (Stance | undefined)[];
  utilities: (number | undefined)[];
}

export interface CaseSpec {
  optionCounts: number[];
  reservations: number[];
  statusQuo: (number | undefined)[];
  stanceUtilities: Record<Stance, number> | undefined;
  unstatedUtility: number | undefined;
  /** positions[party][issue] */
  positions: PositionSpec[][][];
  asOf: string | null;
}

const DAY0 = Date.UTC(2020, 0, 1);
export const dateArb = fc.integer({ min: 0, max: 2000 }).map((d) => new Date(DAY0 + d * 86_400_000).toISOString().slice(0, 10));
// The edges 0 and 100 are real utilities (a mutation check once found 0 taken for "no override"): drawn often.
export const utilityArb = fc.oneof(fc.constantFrom(0, 100), fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }));
const stanceArb = fc.constantFrom(...STANCES);

const positionsArb = (nOptions: number): fc.Arbitrary<PositionSpec[]> =>
  fc
    .tuple(
      fc.uniqueArray(fc.option(dateArb, { nil: undefined, freq: 4 }), { minLength: 3, maxLength: 3, selector: (d) => d ?? '' }),
      fc.array(
        fc.record({
          salience: fc.integer({ min: 1, max: 5 }),
          stances: fc.array(fc.option(stanceArb, { nil: undefined }), { minLength: nOptions, maxLength: nOptions }),
          utilities: fc.array(fc.option(utilityArb, { nil: undefined, freq: 4 }), { minLength: nOptions, maxLength: nOptions }),
        }),
        { maxLength: 3 },
      ),
    )
    .map(([dates, specs]) => specs.map((s, k) => ({ ...s, date: dates[k] })));

export const caseSpecArb: fc.Arbitrary<CaseSpec> = fc
  .record({
    nParties: fc.integer({ min: 2, max: 5 }),
    optionCounts: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 }),
  })
  .chain(({ nParties, optionCounts }) =>
    fc.record({
      optionCounts: fc.constant(optionCounts),
      reservations: fc.array(utilityArb, { minLength: nParties, maxLength: nParties }),
      statusQuo: fc.tuple(...optionCounts.map((n) => fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: undefined }))),
      stanceUtilities: fc.option(
        fc.record({ demand: utilityArb, acceptable: utilityArb, neutral: utilityArb, oppose: utilityArb, red_line: utilityArb }),
        { nil: undefined },
      ),
      unstatedUtility: fc.option(utilityArb, { nil: undefined }),
      positions: fc.tuple(...Array.from({ length: nParties }, () => fc.tuple(...optionCounts.map((n) => positionsArb(n))))),
      asOf: fc.option(dateArb, { nil: null }),
    }),
  );

export const pid = (p: number) => `p${p}`;
const iid = (i: number) => `i${i}`;
const oid = (k: number) => `o${k}`;

/** The case file a spec describes (what a user would write), before validation. */
export function caseFile(spec: CaseSpec): Record<string, unknown> {
  return {
    format: 'parley-case',
    version: 1,
    id: 'random',
    title: 'Random case',
    ...(spec.stanceUtilities && { stanceUtilities: spec.stanceUtilities }),
    ...(spec.unstatedUtility !== undefined && { unstatedUtility: spec.unstatedUtility }),
    parties: spec.reservations.map((r, p) => ({ id: pid(p), name: `Party ${p}`, reservation: r })),
    issues: spec.optionCounts.map((n, i) => ({
      id: iid(i),
      name: `Issue ${i}`,
      ...(spec.statusQuo[i] !== undefined && { statusQuo: oid(spec.statusQuo[i]!) }),
      options: Array.from({ length: n }, (_, k) => ({ id: oid(k), label: `Option ${k}` })),
    })),
    positions: spec.positions.flatMap((byIssue, p) =>
      byIssue.flatMap((list, i) =>
        list.map((pos) => {
          const stances = Object.fromEntries(pos.stances.flatMap((s, k) => (s === undefined ? [] : [[oid(k), s]])));
          const utilities = Object.fromEntries(pos.utilities.flatMap((u, k) => (u === undefined ? [] : [[oid(k), u]])));
          return {
            party: pid(p),
            issue: iid(i),
            salience: pos.salience,
            ...(pos.date !== undefined && { date: pos.date }),
            stances,
            ...(Object.keys(utilities).length > 0 && { utilities }),
          };
        }),
      ),
    ),
  };
}

export const toCase = (spec: CaseSpec): Case => parseCaseOrThrow(caseFile(spec), 'generated case');
export const caseArb = caseSpecArb.map((spec) => ({ spec, c: toCase(spec) }));

/** A scenario: for each issue, maybe an option. */
export const termsArb = (c: Case): fc.Arbitrary<Record<string, string>> =>
  fc
    .tuple(...c.issues.map((issue) => fc.option(fc.constantFrom(...issue.options.map((o) => o.id)), { nil: undefined, freq: 3 })))
    .map((chosen) => Object.fromEntries(chosen.flatMap((o, i) => (o === undefined ? [] : [[c.issues[i]!.id, o]]))));

export const caseAndTermsArb = caseArb.chain(({ spec, c }) => termsArb(c).map((terms) => ({ spec, c, terms })));
