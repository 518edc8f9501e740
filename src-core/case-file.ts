// Case file format v1 (DESIGN.md §4): the schema, parsing with every error reported by JSON path,
// cross-reference validation, normalisation of defaults, and canonical serialisation.
import { z } from 'zod';
import {
  DATE_PATTERN,
  DEFAULT_RESERVATION,
  DEFAULT_STANCE_UTILITIES,
  DEFAULT_UNSTATED_UTILITY,
  ID_PATTERN,
  STANCES,
  type Case,
  type Position,
} from './model.ts';
import { positionKey, type CasePatch } from './case-patch.ts';

export const CASE_FORMAT = 'parley-case';
export const CASE_VERSION = 1;

export const id = z.string().regex(ID_PATTERN, 'must be 1–64 characters of a–z, 0–9 and "-", starting with a letter or digit');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => z.string().max(max, `must be at most ${max} characters`).optional();
export const date = z.string().regex(DATE_PATTERN, 'must be a date written YYYY-MM-DD').refine(isRealDate, 'is not a real calendar date');
export const utility = z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100');
const stance = z.enum(STANCES, { error: `must be one of ${STANCES.join(', ')}` });

export const partySchema = z.strictObject({
  id,
  name: text(120),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb').optional(),
  reservation: utility.optional(),
  description: optionalText(2000),
});

export const optionSchema = z.strictObject({
  id,
  label: text(200),
  description: optionalText(2000),
});

export const issueSchema = z.strictObject({
  id,
  name: text(120),
  description: optionalText(2000),
  statusQuo: id.optional(),
  options: z.array(optionSchema).min(1, 'an issue needs at least one option').max(50, 'at most 50 options per issue'),
});

const httpUrl = z.url({ protocol: /^https?$/ });
const HTTP_URL = 'must be an http(s) URL, starting with http:// or https://';

export const sourceSchema = z.strictObject({
  id,
  title: text(500),
  publisher: optionalText(200),
  // A web address written with http:// or https:// in lower case, as the library stores it: never javascript:, data: or file:.
  url: z
    .string()
    .regex(/^https?:\/\//, { error: HTTP_URL, abort: true })
    .refine((u) => httpUrl.safeParse(u).success, HTTP_URL)
    .optional(),
  date: date.optional(),
});

export const positionSchema = z.strictObject({
  party: id,
  issue: id,
  salience: z.number().int('must be a whole number from 1 to 5').min(1, 'must be from 1 to 5').max(5, 'must be from 1 to 5'),
  date: date.optional(),
  stances: z.record(z.string(), stance),
  utilities: z.record(z.string(), utility).optional(),
  source: id.optional(),
  quote: optionalText(4000),
});

export const scenarioSchema = z.strictObject({
  id,
  name: text(200),
  date: date.optional(),
  description: optionalText(4000),
  terms: z.record(z.string(), z.string()),
  source: id.optional(),
});

const incompatibleSchema = z.strictObject({
  terms: z.record(z.string(), z.string()),
  reason: text(2000),
  source: id.optional(),
});

export const caseFileSchema = z.strictObject({
  format: z.literal(CASE_FORMAT, { error: `must be "${CASE_FORMAT}"` }),
  version: z.literal(CASE_VERSION, { error: `must be ${CASE_VERSION} (this version of Parley reads format v1)` }),
  id,
  title: text(200),
  description: optionalText(4000),
  asOf: date.optional(),
  stanceUtilities: z.strictObject(Object.fromEntries(STANCES.map((s) => [s, utility])) as Record<(typeof STANCES)[number], typeof utility>).optional(),
  unstatedUtility: utility.optional(),
  // A case being built in the app may have no parties or issues yet.
  parties: z.array(partySchema),
  issues: z.array(issueSchema),
  sources: z.array(sourceSchema).default([]),
  positions: z.array(positionSchema).default([]),
  scenarios: z.array(scenarioSchema).default([]),
  /** Optional, still format v1 (DESIGN.md §11): sets of terms that cannot all hold at once. */
  incompatible: z.array(incompatibleSchema).default([]),
});

export type CaseFile = z.input<typeof caseFileSchema>;

export interface CaseFileError {
  /** JSON path of the offending value, e.g. `positions[3].stances.cede-all`; empty only for an error about
   * the whole file (it is not JSON, or not a JSON object). */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; case: Case } | { ok: false; errors: CaseFileError[] };

export class CaseFileInvalid extends Error {
  readonly errors: CaseFileError[];
  constructor(errors: CaseFileError[], where?: string) {
    const head = `${where ? `${where}: ` : ''}invalid case file (${errors.length} error${errors.length === 1 ? '' : 's'})`;
    super(`${head}\n${errors.map(formatCaseFileError).join('\n')}`);
    this.name = 'CaseFileInvalid';
    this.errors = errors;
  }
}

export function formatCaseFileError(e: CaseFileError): string {
  return e.path ? `${e.path}: ${e.message}` : e.message;
}

/**
 * `positions[3].stances.cede-all`. A key that is empty or holds characters other than letters, digits, "_"
 * and "-" is written quoted, `stances["a.b"]`, so that every path names exactly one place in the file.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (!/^[\w-]+$/.test(String(key))) out += `[${JSON.stringify(String(key))}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function isRealDate(s: string): boolean {
  if (!DATE_PATTERN.test(s)) return true; // the pattern check already reports it
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Parses JSON text; a syntax error is reported with its line and column. */
export function parseCaseText(textContent: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(textContent);
  } catch (err) {
    return { ok: false, errors: [{ path: '', message: describeJsonError(textContent, err) }] };
  }
  return parseCase(data);
}

function describeJsonError(source: string, err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const m = /position (\d+)/.exec(raw);
  const pos = m ? Number(m[1]) : jsonErrorOffset(source);
  if (pos === undefined) return `not valid JSON: ${raw}`;
  const before = source.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  const reason = raw
    .replace(/\s*(?:in JSON )?at position \d+.*$/, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '')
    .replace(/^(Unexpected token '.*?'), [\s\S]*$/, '$1');
  return `not valid JSON at line ${line}, column ${column}: ${reason}`;
}

/** Offset of the first character that no valid JSON text can have there, for messages without a position:
 * the shortest prefix that already fails for a reason other than ending too early. */
function jsonErrorOffset(source: string): number | undefined {
  const failsInside = (k: number): boolean => {
    try {
      JSON.parse(source.slice(0, k));
      return false;
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (/Unexpected end of JSON input/.test(msg)) return false;
      const at = /position (\d+)/.exec(msg);
      return at ? Number(at[1]) < k : true;
    }
  };
  if (!failsInside(source.length)) return /\S/.test(source) ? source.length : undefined;
  let lo = 0;
  let hi = source.length; // failsInside(hi) holds; find the smallest such prefix length
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid)) hi = mid;
    else lo = mid;
  }
  return hi - 1;
}

/** Validates a parsed JSON value as a case file v1 and returns the normalised case, or every error found. */
export function parseCase(data: unknown): ParseResult {
  // reportInput: zod 4 leaves `input` out of its issues otherwise, and describeIssue needs it.
  const structural = caseFileSchema.safeParse(data, { reportInput: true });
  const errors: CaseFileError[] = structural.success ? [] : structural.error.issues.flatMap(toCaseFileErrors);
  // Cross-references are checked on whatever is readable, so one run reports every problem.
  errors.push(...checkReferences(data));
  if (!structural.success || errors.length > 0) return { ok: false, errors: dedupe(errors) };
  return { ok: true, case: normalise(structural.data) };
}

/**
 * Validates a case after an edit, given the patch that made it from a valid case: the same checks and messages
 * as parseCase, but only the changed entities are checked against their schemas (an unchanged one was valid
 * and stays so), while case fields and every cross-reference are checked in full. Several times faster than
 * parseCase on a large case, which keeps an edit well inside a frame.
 */
export function validateEditedCase(c: Case, patch: CasePatch): CaseFileError[] {
  const file = toCaseFile(c);
  const errors: CaseFileError[] = [];
  const collect = (r: z.ZodSafeParseResult<unknown>, prefix: string) => {
    if (r.success) return;
    for (const issue of r.error.issues) errors.push(...toCaseFileErrors({ ...issue, path: [...parsePath(prefix), ...issue.path] }));
  };
  collect(caseFileSchema.safeParse({ ...file, parties: [], issues: [], sources: [], positions: [], scenarios: [] }, { reportInput: true }), '');
  const check = <T>(schema: z.ZodType, list: readonly T[], changed: ReadonlySet<string>, key: (t: T) => string, name: string) => {
    if (changed.size === 0) return;
    list.forEach((item, i) => {
      if (changed.has(key(item))) collect(schema.safeParse(item, { reportInput: true }), `${name}[${i}]`);
    });
  };
  const ids = (list: readonly { id: string }[] | undefined) => new Set((list ?? []).map((x) => x.id));
  check(partySchema, file.parties, ids(patch.parties?.put), (p) => p.id, 'parties');
  check(issueSchema, file.issues, new Set([...ids(patch.issues?.put), ...Object.keys(patch.options ?? {})]), (i) => i.id, 'issues');
  check(sourceSchema, file.sources ?? [], ids(patch.sources?.put), (s) => s.id, 'sources');
  check(positionSchema, file.positions ?? [], new Set((patch.positions?.put ?? []).map(positionKey)), (p) => positionKey(p as Position), 'positions');
  check(scenarioSchema, file.scenarios ?? [], ids(patch.scenarios?.put), (s) => s.id, 'scenarios');
  errors.push(...checkReferences(file));
  return dedupe(errors);
}

/** `positions[3]` → ['positions', 3]; '' → []. */
function parsePath(prefix: string): PropertyKey[] {
  const m = /^(\w+)\[(\d+)\]$/.exec(prefix);
  return m ? [m[1]!, Number(m[2])] : [];
}

/** Like parseCase, but throws CaseFileInvalid. */
export function parseCaseOrThrow(data: unknown, where?: string): Case {
  const r = parseCase(data);
  if (!r.ok) throw new CaseFileInvalid(r.errors, where);
  return r.case;
}

/** One error per problem, at the path of the value it is about: an unknown field is named by its own path. */
function toCaseFileErrors(issue: z.core.$ZodIssue): CaseFileError[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field (not part of case format v1; check its spelling)' }));
  }
  return [{ path: formatPath(issue.path), message: describeIssue(issue) }];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `is required (${issue.expected})`;
      // A number that is not whole fails `.int()` as an invalid_type "int": keep the schema's message.
      if (issue.expected === 'int' && typeof issue.input === 'number') return issue.message;
      return `must be ${article(issue.expected)}, not ${typeName(issue.input)}`;
    default:
      return issue.message;
  }
}

function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return article(typeof v);
}

function dedupe(errors: CaseFileError[]): CaseFileError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = formatCaseFileError(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type Loose = Record<string, unknown>;
const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function checkUnique(items: unknown[], path: string, what: string, errors: CaseFileError[]): Map<string, Loose> {
  const byId = new Map<string, Loose>();
  items.forEach((item, i) => {
    if (!isObj(item)) return;
    const itemId = str(item.id);
    if (itemId === undefined) return;
    if (byId.has(itemId)) errors.push({ path: `${path}[${i}].id`, message: `duplicate ${what} id "${itemId}"` });
    else byId.set(itemId, item);
  });
  return byId;
}

export function checkReferences(data: unknown): CaseFileError[] {
  const errors: CaseFileError[] = [];
  if (!isObj(data)) {
    if (data !== undefined && !isObj(data)) return [];
    return errors;
  }
  const parties = checkUnique(list(data.parties), 'parties', 'party', errors);
  const issues = checkUnique(list(data.issues), 'issues', 'issue', errors);
  const sources = checkUnique(list(data.sources), 'sources', 'source', errors);
  checkUnique(list(data.scenarios), 'scenarios', 'scenario', errors);

  const optionsOf = new Map<string, Set<string>>();
  list(data.issues).forEach((issue, i) => {
    if (!isObj(issue)) return;
    const opts = checkUnique(list(issue.options), `issues[${i}].options`, 'option', errors);
    const issueId = str(issue.id);
    if (issueId !== undefined && !optionsOf.has(issueId)) optionsOf.set(issueId, new Set(opts.keys()));
    const sq = str(issue.statusQuo);
    if (sq !== undefined && !opts.has(sq)) {
      errors.push({ path: `issues[${i}].statusQuo`, message: `"${sq}" is not an option of issue "${issueId ?? '?'}"` });
    }
  });

  const sourceRef = (v: unknown, path: string) => {
    const s = str(v);
    if (s !== undefined && !sources.has(s)) errors.push({ path, message: `"${s}" is not a source of this case` });
  };

  const seenPosition = new Map<string, number>();
  list(data.positions).forEach((pos, i) => {
    if (!isObj(pos)) return;
    const p = str(pos.party);
    const iss = str(pos.issue);
    if (p !== undefined && !parties.has(p)) errors.push({ path: `positions[${i}].party`, message: `"${p}" is not a party of this case` });
    if (iss !== undefined && !issues.has(iss)) errors.push({ path: `positions[${i}].issue`, message: `"${iss}" is not an issue of this case` });
    const opts = iss !== undefined ? optionsOf.get(iss) : undefined;
    for (const field of ['stances', 'utilities'] as const) {
      const map = pos[field];
      if (!isObj(map) || !opts) continue;
      for (const optionId of Object.keys(map)) {
        if (!opts.has(optionId)) {
          errors.push({ path: formatPath(['positions', i, field, optionId]), message: `"${optionId}" is not an option of issue "${iss}"` });
        }
      }
    }
    sourceRef(pos.source, `positions[${i}].source`);
    if (p !== undefined && iss !== undefined) {
      const d = str(pos.date) ?? '';
      const key = `${p}\u0000${iss}\u0000${d}`;
      const first = seenPosition.get(key);
      if (first !== undefined) {
        errors.push({
          path: `positions[${i}]`,
          message: `a second position of "${p}" on "${iss}" ${d ? `dated ${d}` : 'without a date'} (the first is positions[${first}])`,
        });
      } else seenPosition.set(key, i);
    }
  });

  list(data.scenarios).forEach((sc, i) => {
    if (!isObj(sc)) return;
    sourceRef(sc.source, `scenarios[${i}].source`);
    if (!isObj(sc.terms)) return;
    for (const [issueId, optionId] of Object.entries(sc.terms)) {
      const opts = optionsOf.get(issueId);
      if (!opts) errors.push({ path: formatPath(['scenarios', i, 'terms', issueId]), message: `"${issueId}" is not an issue of this case` });
      else if (typeof optionId === 'string' && !opts.has(optionId)) {
        errors.push({ path: formatPath(['scenarios', i, 'terms', issueId]), message: `"${optionId}" is not an option of issue "${issueId}"` });
      }
    }
  });

  list(data.incompatible).forEach((entry, i) => {
    if (!isObj(entry)) return;
    sourceRef(entry.source, `incompatible[${i}].source`);
    if (!isObj(entry.terms)) return;
    const termIssues = Object.keys(entry.terms);
    if (termIssues.length < 2) {
      errors.push({ path: `incompatible[${i}].terms`, message: `needs terms of at least two different issues (has ${termIssues.length})` });
    }
    for (const [issueId, optionId] of Object.entries(entry.terms)) {
      const opts = optionsOf.get(issueId);
      if (!opts) errors.push({ path: `incompatible[${i}].terms.${issueId}`, message: `"${issueId}" is not an issue of this case` });
      else if (typeof optionId === 'string' && !opts.has(optionId)) {
        errors.push({ path: `incompatible[${i}].terms.${issueId}`, message: `"${optionId}" is not an option of issue "${issueId}"` });
      }
    }
  });
  return errors;
}

type ParsedCaseFile = z.output<typeof caseFileSchema>;

function normalise(f: ParsedCaseFile): Case {
  return {
    id: f.id,
    title: f.title,
    ...(f.description !== undefined && { description: f.description }),
    ...(f.asOf !== undefined && { asOf: f.asOf }),
    stanceUtilities: { ...DEFAULT_STANCE_UTILITIES, ...f.stanceUtilities },
    unstatedUtility: f.unstatedUtility ?? DEFAULT_UNSTATED_UTILITY,
    parties: f.parties.map((p) => ({ ...p, reservation: p.reservation ?? DEFAULT_RESERVATION })),
    issues: f.issues,
    sources: f.sources,
    positions: f.positions,
    scenarios: f.scenarios,
    incompatible: f.incompatible,
  };
}

/** The canonical case file of a case: stable key order, defaults written out, two-space JSON. */
export function serializeCase(c: Case): string {
  return `${JSON.stringify(toCaseFile(c), null, 2)}\n`;
}

export function toCaseFile(c: Case): CaseFile {
  const pick = <T extends object>(o: T, keys: (keyof T)[]): Partial<T> => {
    const out: Partial<T> = {};
    for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
    return out;
  };
  return {
    format: CASE_FORMAT,
    version: CASE_VERSION,
    id: c.id,
    title: c.title,
    ...pick(c, ['description', 'asOf']),
    stanceUtilities: pick(c.stanceUtilities, [...STANCES]) as Case['stanceUtilities'],
    unstatedUtility: c.unstatedUtility,
    parties: c.parties.map((p) => pick(p, ['id', 'name', 'color', 'reservation', 'description']) as Case['parties'][number]),
    issues: c.issues.map((i) => ({
      ...(pick(i, ['id', 'name', 'description', 'statusQuo']) as Omit<Case['issues'][number], 'options'>),
      options: i.options.map((o) => pick(o, ['id', 'label', 'description']) as Case['issues'][number]['options'][number]),
    })),
    sources: c.sources.map((s) => pick(s, ['id', 'title', 'publisher', 'url', 'date']) as Case['sources'][number]),
    positions: c.positions.map((p) => pick(p, ['party', 'issue', 'salience', 'date', 'stances', 'utilities', 'source', 'quote']) as Case['positions'][number]),
    scenarios: c.scenarios.map((s) => pick(s, ['id', 'name', 'date', 'description', 'terms', 'source']) as Case['scenarios'][number]),
    // Left out when empty, so files written before incompatible terms existed round-trip byte for byte.
    ...(c.incompatible.length > 0 && {
      incompatible: c.incompatible.map((e) => pick(e, ['terms', 'reason', 'source']) as Case['incompatible'][number]),
    }),
  };
}

/** JSON Schema (draft 2020-12) of the case file format, for other tools; shipped as data/parley-case.schema.json. */
export function caseFileJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://parley.invalid/schema/parley-case-v1.json',
    title: 'Parley case file, format v1',
    ...z.toJSONSchema(caseFileSchema, { io: 'input' }),
  };
}
