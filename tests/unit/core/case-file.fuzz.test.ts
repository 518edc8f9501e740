// Fuzzing the case file validator: arbitrary JSON values and mutations of the shipped case. Whatever comes
// in, the validator answers with a result (never throws), every error says where (a path naming a place in
// the file, empty only when the whole file is not a JSON object) and what (a message), and each mutation is
// reported at the place it was made. Seeded; the seed is printed (replay with PARLEY_FUZZ_SEED=<seed>).
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseFileSchema, formatPath, parseCase, parseCaseText, serializeCase, type ParseResult } from '../../../src-core/case-file.ts';

const SEED = Number(process.env.PARLEY_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`case-file fuzz: seed ${SEED} (replay with PARLEY_FUZZ_SEED=${SEED})`);

const ARBITRARY_VALUES = 10_000;
const SINGLE_MUTATIONS = 2_500;
const MIXED_MUTATIONS = 1_000;

const SHIPPED_TEXT = fs.readFileSync(path.resolve(import.meta.dirname, '../../../data/cases/ukraine-talks-2025-08.json'), 'utf8');
const shipped = (): Record<string, unknown> => JSON.parse(SHIPPED_TEXT);
const TOP_LEVEL_FIELDS = new Set(Object.keys(caseFileSchema.shape));

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Step = string | number;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The path the validator writes for a list of steps: `positions[3].stances.cede-all`, `terms["a.b"]`. */
function formatSteps(steps: Step[]): string {
  return formatPath(steps);
}

/** The steps a path names, read back: the inverse of formatPath. */
function parsePath(p: string): Step[] {
  const steps: Step[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([\w-]+)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < p.length && (m = re.exec(p))) steps.push(m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? (JSON.parse(m[2]) as string) : m[3]!);
  expect(re.lastIndex === p.length || p === '', `path ${p} reads back whole`).toBe(true);
  return steps;
}

/** Never a throw; every error has a message, and a path unless the whole input is not an object. */
function checkResult(r: ParseResult, input: unknown): void {
  expect(typeof r.ok).toBe('boolean');
  if (r.ok) {
    // What the validator accepts is a case that survives its own file format.
    expect(parseCase(JSON.parse(serializeCase(r.case)))).toEqual({ ok: true, case: r.case });
    return;
  }
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(typeof e.message).toBe('string');
    expect(e.message.trim().length, JSON.stringify(e)).toBeGreaterThan(0);
    expect(e.message).not.toContain('[object Object]');
    expect(typeof e.path).toBe('string');
    if (isPlainObject(input)) {
      expect(e.path, `an error about part of an object names that part: ${JSON.stringify(e)}`).not.toBe('');
      // Everything but the last step is in the file (the last may be a required field that is missing).
      const steps = parsePath(e.path);
      let at: unknown = input;
      for (const step of steps.slice(0, -1)) {
        expect(at !== null && typeof at === 'object' && Object.hasOwn(at, step), `path ${e.path} leads through the file`).toBe(true);
        at = (at as Record<string | number, unknown>)[step];
      }
    }
  }
}

function parsesSafely(input: unknown): ParseResult {
  let r: ParseResult | undefined;
  expect(() => (r = parseCase(input))).not.toThrow();
  checkResult(r!, input);
  return r!;
}

describe('arbitrary input (fuzz)', () => {
  it(`${ARBITRARY_VALUES} arbitrary JSON values get a validation result, never an exception`, { timeout: 120_000 }, () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        if (parsesSafely(v).ok) valid++;
      }),
      { numRuns: ARBITRARY_VALUES, seed: SEED },
    );
    console.log(`case-file fuzz: ${ARBITRARY_VALUES} arbitrary JSON values, each refused with every error placed`);
    expect(valid).toBe(0);
  });

  it('objects shaped like case files, with arbitrary values in every field, get a validation result', { timeout: 120_000 }, () => {
    const shaped = fc.dictionary(fc.constantFrom(...TOP_LEVEL_FIELDS, 'extra', '', 'a.b', '__proto__', 'constructor'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 14 });
    fc.assert(fc.property(shaped, (v) => void parsesSafely(v)), { numRuns: 1_000, seed: SEED });
  });

  it('arbitrary text, JSON or not, gets a validation result: broken JSON is one error about the whole file', { timeout: 120_000 }, () => {
    const texts = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.jsonValue().map((v) => JSON.stringify(v)), fc.constantFrom(SHIPPED_TEXT.slice(0, 500), `${SHIPPED_TEXT}}`, `\uFEFF${SHIPPED_TEXT}`));
    fc.assert(
      fc.property(texts, (t) => {
        let r: ParseResult | undefined;
        expect(() => (r = parseCaseText(t))).not.toThrow();
        let json: unknown;
        try {
          json = JSON.parse(t);
        } catch {
          expect(r!.ok).toBe(false);
          expect(r!.ok === false && r!.errors).toEqual([{ path: '', message: expect.stringMatching(/^not valid JSON/) }]);
          return;
        }
        checkResult(r!, json);
      }),
      { numRuns: 1_000, seed: SEED },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Mutations of the shipped case. Each one says where the validator must report it.
// ---------------------------------------------------------------------------------------------

const KINDS = ['delete', 'rename', 'wrong-type', 'out-of-range', 'bad-id', 'duplicate', 'broken-reference'] as const;

interface Mutation {
  kind: (typeof KINDS)[number];
  what: string;
  /** The validator must report an error at this path; absent when the file may stay valid. */
  expectPath?: string;
  apply(doc: Record<string, unknown>): void;
}

/** Every value of the document with its path, so that fast-check can pick one by index. */
function places(doc: Json): { steps: Step[]; value: Json }[] {
  const out: { steps: Step[]; value: Json }[] = [];
  const walk = (v: Json, steps: Step[]) => {
    if (steps.length) out.push({ steps, value: v });
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...steps, i]));
    else if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) walk(x as Json, [...steps, k]);
  };
  walk(doc, []);
  return out;
}

const BASE_PLACES = places(shipped() as Json);
const keyOf = (steps: Step[]) => steps.at(-1)!;
/** What kind of object holds the value at `steps`: "case", "parties", "options", "stances", …. */
const holder = (steps: Step[]) => (steps.length === 1 ? 'case' : String(typeof steps.at(-2) === 'number' ? steps.at(-3) : steps.at(-2)));

const REQUIRED: Record<string, string[]> = {
  case: ['format', 'version', 'id', 'title', 'parties', 'issues'],
  parties: ['id', 'name'],
  issues: ['id', 'name', 'options'],
  options: ['id', 'label'],
  sources: ['id', 'title'],
  positions: ['party', 'issue', 'salience', 'stances'],
  scenarios: ['id', 'name', 'terms'],
  stanceUtilities: ['demand', 'acceptable', 'neutral', 'oppose', 'red_line'],
};
const isRequired = (steps: Step[]) => typeof keyOf(steps) === 'string' && (REQUIRED[holder(steps)]?.includes(keyOf(steps) as string) ?? false);

const ID_PLACES = BASE_PLACES.filter((p) => typeof p.value === 'string' && /^(id|party|issue|source|statusQuo)$/.test(String(keyOf(p.steps))));
const BAD_IDS = ['Bad Id', '', '-leading-dash', 'x'.repeat(65), 'ünïcödé', 'a.b', 'UPPER', ' padded '];
const rangeOf = (steps: Step[]): number[] | undefined =>
  keyOf(steps) === 'salience'
    ? [0, 6, 2.5, -1, 1e308]
    : /^(reservation|unstatedUtility)$/.test(String(keyOf(steps))) || /^(utilities|stanceUtilities)$/.test(holder(steps))
      ? [-0.01, 100.5, 1e308, -1e308]
      : undefined;
const NUMBER_PLACES = BASE_PLACES.filter((p) => typeof p.value === 'number' && rangeOf(p.steps));

const jsonType = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
function wrongTypeFor(v: Json, pick: number): Json {
  const candidates = ([null, true, 42, "text", [], {}, [1, "two"], { nested: { deep: [] } }] as Json[]).filter((o) => jsonType(o) !== jsonType(v));
  return candidates[pick % candidates.length]!;
}

const LISTS = ['parties', 'issues', 'sources', 'positions', 'scenarios'] as const;

function mutation(kind: Mutation['kind'], at: number, pick: number): Mutation {
  const set = (steps: Step[], value: Json) => (d: Record<string, unknown>) => void (parentOf(d, steps)[keyOf(steps)] = value);
  switch (kind) {
    case 'delete': {
      const { steps } = BASE_PLACES[at % BASE_PLACES.length]!;
      return {
        kind,
        what: `delete ${formatSteps(steps)}`,
        ...(isRequired(steps) && { expectPath: formatSteps(steps) }),
        apply: (d) => {
          const parent = parentOf(d, steps);
          if (Array.isArray(parent)) parent.splice(keyOf(steps) as number, 1);
          else delete parent[keyOf(steps)];
        },
      };
    }
    case 'rename': {
      // Keys of objects and of the stances, utilities and terms maps: an unknown field, or an option or issue that does not exist.
      const named = BASE_PLACES.filter((p) => typeof keyOf(p.steps) === 'string');
      const { steps } = named[at % named.length]!;
      const renamed = [...steps.slice(0, -1), `${String(keyOf(steps))}-renamed`];
      return {
        kind,
        what: `rename ${formatSteps(steps)} to ${formatSteps(renamed)}`,
        expectPath: formatSteps(renamed),
        apply: (d) => {
          const parent = parentOf(d, steps);
          parent[keyOf(renamed)] = parent[keyOf(steps)];
          delete parent[keyOf(steps)];
        },
      };
    }
    case 'wrong-type': {
      const { steps, value } = BASE_PLACES[at % BASE_PLACES.length]!;
      const v = wrongTypeFor(value, pick);
      return { kind, what: `set ${formatSteps(steps)} to ${JSON.stringify(v)}`, expectPath: formatSteps(steps), apply: set(steps, v) };
    }
    case 'out-of-range': {
      const { steps } = NUMBER_PLACES[at % NUMBER_PLACES.length]!;
      const values = rangeOf(steps)!;
      const n = values[pick % values.length]!;
      return { kind, what: `set ${formatSteps(steps)} to ${n}`, expectPath: formatSteps(steps), apply: set(steps, n) };
    }
    case 'bad-id': {
      const { steps } = ID_PLACES[at % ID_PLACES.length]!;
      const bad = BAD_IDS[pick % BAD_IDS.length]!;
      return { kind, what: `set ${formatSteps(steps)} to ${JSON.stringify(bad)}`, expectPath: formatSteps(steps), apply: set(steps, bad) };
    }
    case 'duplicate': {
      const list = LISTS[pick % LISTS.length]!;
      const n = (shipped()[list] as unknown[]).length;
      const from = at % n;
      return {
        kind,
        what: `copy ${list}[${from}] to the end`,
        expectPath: list === 'positions' ? `positions[${n}]` : `${list}[${n}].id`,
        apply: (d) => void (d[list] as unknown[]).push(structuredClone((d[list] as unknown[])[from])),
      };
    }
    case 'broken-reference': {
      const doc = shipped() as { positions: unknown[]; scenarios: unknown[]; issues: unknown[] };
      const pos = pick % doc.positions.length;
      const sc = pick % doc.scenarios.length;
      const issue = pick % doc.issues.length;
      const refs: [Step[], Json][] = [
        [['positions', pos, 'party'], 'no-such-party'],
        [['positions', pos, 'issue'], 'no-such-issue'],
        [['positions', pos, 'source'], 'no-such-source'],
        [['positions', pos, 'stances', 'no-such-option'], 'demand'],
        [['positions', pos, 'utilities'], { 'no-such-option': 10 }],
        [['scenarios', sc, 'terms', 'no-such-issue'], 'ceded'],
        [['scenarios', sc, 'terms', 'donetsk'], 'no-such-option'],
        [['scenarios', sc, 'source'], 'no-such-source'],
        [['issues', issue, 'statusQuo'], 'no-such-option'],
      ];
      const [steps, value] = refs[at % refs.length]!;
      const where = keyOf(steps) === 'utilities' ? [...steps, 'no-such-option'] : steps;
      return { kind, what: `set ${formatSteps(steps)} to ${JSON.stringify(value)}`, expectPath: formatSteps(where), apply: set(steps, value) };
    }
  }
}

function parentOf(doc: Record<string, unknown>, steps: Step[]): Record<string | number, unknown> {
  let v: unknown = doc;
  for (const s of steps.slice(0, -1)) v = (v as Record<string | number, unknown>)[s];
  return v as Record<string | number, unknown>;
}

const singleMutation = (): fc.Arbitrary<Mutation> => fc.tuple(fc.constantFrom(...KINDS), fc.nat(), fc.nat()).map(([kind, at, pick]) => mutation(kind, at, pick));

/** The shipped case with the mutations made in turn; one that no longer fits (its place was deleted) is skipped. */
function applied(mutations: Mutation[]): Record<string, unknown> {
  const doc = shipped();
  for (const m of mutations) {
    try {
      m.apply(doc);
    } catch {
      /* an earlier mutation removed what this one changes */
    }
  }
  return doc;
}

describe('mutations of the shipped case (fuzz)', () => {
  it('the shipped case has the size the mutations assume', { timeout: 120_000 }, () => {
    const doc = shipped() as { positions: unknown[]; scenarios: unknown[]; issues: unknown[] };
    expect(doc.positions.length).toBeGreaterThanOrEqual(20);
    expect(doc.scenarios.length).toBeGreaterThanOrEqual(4);
    expect(doc.issues.length).toBeGreaterThanOrEqual(9);
    expect(parseCase(doc).ok).toBe(true);
  });

  it(`${SINGLE_MUTATIONS} single mutations are each reported at the place they were made`, { timeout: 120_000 }, () => {
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(singleMutation(), (m) => {
        kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
        const r = parsesSafely(applied([m]));
        if (!m.expectPath) return;
        expect(r.ok, `${m.what} must be refused`).toBe(false);
        expect(r.ok ? [] : r.errors.map((e) => e.path), `${m.what}: an error at ${m.expectPath}`).toContain(m.expectPath);
      }),
      { numRuns: SINGLE_MUTATIONS, seed: SEED },
    );
    console.log(`case-file fuzz: ${SINGLE_MUTATIONS} single mutations of the shipped case, each reported at its place: ${[...kinds].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    // Every kind of mutation was tried many times.
    expect([...kinds.keys()].sort()).toEqual([...KINDS].sort());
    for (const n of kinds.values()) expect(n).toBeGreaterThan(200);
  });

  it(`${MIXED_MUTATIONS} combinations of 2–5 mutations get a validation result with every error placed`, { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.array(singleMutation(), { minLength: 2, maxLength: 5 }), (ms) => {
        const r = parsesSafely(applied(ms));
        if (ms.some((m) => m.expectPath) && ms.every((m) => m.kind !== 'delete')) expect(r.ok).toBe(false);
      }),
      { numRuns: MIXED_MUTATIONS, seed: SEED },
    );
    console.log(`case-file fuzz: ${MIXED_MUTATIONS} combinations of 2–5 mutations, every error placed`);
  });
});
