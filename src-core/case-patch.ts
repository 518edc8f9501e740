// A case patch: which entities of a case were added, changed, removed or reordered between two versions.
// diffCases(a, b) gives the patch that turns a into b; applyPatch(a, patch) gives b again. One mechanism
// serves the store (it writes only the rows a patch touches), undo and redo (a revision keeps the patch
// and the reverse patch), and every "what will change" preview (re-import, positions spreadsheet).
import type { Case, IncompatibleTerms, Issue, Option, Party, Position, Scenario, Source } from './model.ts';

export type IssueHead = Omit<Issue, 'options'>;

/** Changes to one list: entities put (added or replaced whole, by key), keys removed, and the new key order
 * when it is not simply "the old order without the removed, then the new ones in the order put". */
export interface ListPatch<T> {
  put?: T[];
  remove?: string[];
  order?: string[];
}

/** Case-level fields after the change; null removes an optional field. */
export interface FieldsPatch {
  title?: string;
  description?: string | null;
  asOf?: string | null;
  stanceUtilities?: Case['stanceUtilities'];
  unstatedUtility?: number;
}

export interface CasePatch {
  fields?: FieldsPatch;
  parties?: ListPatch<Party>;
  /** Issues without their options; an issue put for the first time starts with no options. */
  issues?: ListPatch<IssueHead>;
  /** Options per issue id. */
  options?: Record<string, ListPatch<Option>>;
  sources?: ListPatch<Source>;
  positions?: ListPatch<Position>;
  scenarios?: ListPatch<Scenario>;
  /** The whole new list of incompatible entries, when it changed (entries are few and have no ids). */
  incompatible?: IncompatibleTerms[];
}

/** A position is identified by its party, issue and date (at most one per date, DESIGN §4). */
export const positionKey = (p: Pick<Position, 'party' | 'issue' | 'date'>): string => `${p.party}|${p.issue}|${p.date ?? ''}`;

export function parsePositionKey(key: string): { party: string; issue: string; date: string | undefined } {
  const [party = '', issue = '', date = ''] = key.split('|');
  return { party, issue, date: date || undefined };
}

const byId = (x: { id: string }) => x.id;
const head = (i: Issue): IssueHead => {
  const { options: _options, ...rest } = i;
  return rest;
};

/** An entity's fields in a fixed order; values (stances, terms…) keep their own key order, which files preserve. */
function canonical(x: unknown): string {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return JSON.stringify(x) ?? 'undefined';
  const o = x as Record<string, unknown>;
  return JSON.stringify(Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => [k, o[k]]));
}

const same = (a: unknown, b: unknown) => a === b || canonical(a) === canonical(b);

function diffList<T>(a: readonly T[], b: readonly T[], key: (t: T) => string, equal: (x: T, y: T) => boolean = same): ListPatch<T> | undefined {
  // Fast path for the usual edit: the same entities in the same places, most of them the very same objects.
  if (a.length === b.length) {
    const put: T[] = [];
    let aligned = true;
    for (let i = 0; i < a.length && aligned; i++) {
      const x = a[i]!;
      const y = b[i]!;
      if (x === y) continue;
      if (key(x) !== key(y)) aligned = false;
      else if (!equal(x, y)) put.push(y);
    }
    if (aligned) return put.length ? { put } : undefined;
  }
  const before = new Map(a.map((t) => [key(t), t]));
  const after = new Set<string>();
  const put: T[] = [];
  for (const t of b) {
    const k = key(t);
    after.add(k);
    const old = before.get(k);
    if (old === undefined || !equal(old, t)) put.push(t);
  }
  const remove = [...before.keys()].filter((k) => !after.has(k));
  const keysB = b.map(key);
  const implied = impliedOrder(a.map(key), new Set(remove), keysB.filter((k) => !before.has(k)));
  const order = sameSequence(implied, keysB) ? undefined : keysB;
  if (put.length === 0 && remove.length === 0 && !order) return undefined;
  return { ...(put.length && { put }), ...(remove.length && { remove }), ...(order && { order }) };
}

function impliedOrder(old: readonly string[], removed: ReadonlySet<string>, added: readonly string[]): string[] {
  return [...old.filter((k) => !removed.has(k)), ...added];
}

const sameSequence = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((k, i) => k === y[i]);

function applyList<T>(list: readonly T[], patch: ListPatch<T> | undefined, key: (t: T) => string): T[] {
  if (!patch) return list as T[];
  const removed = new Set(patch.remove ?? []);
  const out = list.filter((t) => !removed.has(key(t)));
  const index = new Map(out.map((t, i) => [key(t), i]));
  for (const t of patch.put ?? []) {
    const i = index.get(key(t));
    if (i === undefined) {
      index.set(key(t), out.length);
      out.push(t);
    } else out[i] = t;
  }
  if (!patch.order) return out;
  const byKey = new Map(out.map((t) => [key(t), t]));
  const ordered = patch.order.map((k) => byKey.get(k)).filter((t): t is T => t !== undefined);
  if (ordered.length !== out.length) throw new Error('case patch: the order does not list every entity');
  return ordered;
}

const FIELD_KEYS = ['title', 'description', 'asOf', 'stanceUtilities', 'unstatedUtility'] as const;

/** The patch that turns case `a` into case `b` (same id). Unchanged entities are compared by value. */
export function diffCases(a: Case, b: Case): CasePatch {
  const patch: CasePatch = {};
  const fields: FieldsPatch = {};
  for (const k of FIELD_KEYS) {
    if (!same(a[k], b[k])) (fields as Record<string, unknown>)[k] = b[k] ?? null;
  }
  if (Object.keys(fields).length) patch.fields = fields;
  const parties = diffList(a.parties, b.parties, byId);
  if (parties) patch.parties = parties;
  const issues = diffList(a.issues.map(head), b.issues.map(head), byId);
  if (issues) patch.issues = issues;
  const oldIssues = new Map(a.issues.map((i) => [i.id, i]));
  const options: Record<string, ListPatch<Option>> = {};
  for (const issue of b.issues) {
    const o = diffList(oldIssues.get(issue.id)?.options ?? [], issue.options, byId);
    if (o) options[issue.id] = o;
  }
  if (Object.keys(options).length) patch.options = options;
  const sources = diffList(a.sources, b.sources, byId);
  if (sources) patch.sources = sources;
  const positions = diffList(a.positions, b.positions, positionKey);
  if (positions) patch.positions = positions;
  const scenarios = diffList(a.scenarios, b.scenarios, byId);
  if (scenarios) patch.scenarios = scenarios;
  if (!same(a.incompatible, b.incompatible)) patch.incompatible = b.incompatible;
  return patch;
}

export const isEmptyPatch = (p: CasePatch): boolean => Object.keys(p).length === 0;

/** Applies a patch to a case, returning a new case; untouched entities are shared, not copied. */
export function applyPatch(c: Case, patch: CasePatch): Case {
  const next: Case = { ...c };
  if (patch.fields) {
    for (const [k, v] of Object.entries(patch.fields)) {
      if (v === null) delete (next as unknown as Record<string, unknown>)[k];
      else (next as unknown as Record<string, unknown>)[k] = v;
    }
  }
  if (patch.incompatible) next.incompatible = patch.incompatible;
  next.parties = applyList(c.parties, patch.parties, byId);
  if (patch.issues || patch.options) {
    const oldOptions = new Map(c.issues.map((i) => [i.id, i.options]));
    const heads = applyList(c.issues.map(head), patch.issues, byId);
    next.issues = heads.map((h) => {
      const prev = c.issues.find((i) => i.id === h.id);
      const options = applyList(oldOptions.get(h.id) ?? [], patch.options?.[h.id], byId);
      if (prev && same(head(prev), h) && options === prev.options) return prev;
      return { ...h, options };
    });
  }
  next.sources = applyList(c.sources, patch.sources, byId);
  next.positions = applyList(c.positions, patch.positions, positionKey);
  next.scenarios = applyList(c.scenarios, patch.scenarios, byId);
  return next;
}

export interface PatchCounts {
  added: number;
  changed: number;
  removed: number;
}

/** Added, changed and removed counts of one list of a patch, relative to the case it applies to. */
export function countList<T>(before: readonly T[], patch: ListPatch<T> | undefined, key: (t: T) => string): PatchCounts {
  if (!patch) return { added: 0, changed: 0, removed: 0 };
  const keys = new Set(before.map(key));
  const put = patch.put ?? [];
  const added = put.filter((t) => !keys.has(key(t))).length;
  return { added, changed: put.length - added, removed: patch.remove?.length ?? 0 };
}
