// The edit operations of DESIGN §10 as pure functions: (case, edit) → { case, summary }. Every change a
// user makes to a case in the app is one of these; the service validates the result with the case file's
// rules, stores the difference (case-patch.ts) and keeps the reverse difference for undo.
import { z } from 'zod';
import { date, id, issueSchema, optionSchema, partySchema, positionSchema, scenarioSchema, sourceSchema, utility } from './case-file.ts';
import { DEFAULT_RESERVATION, STANCES, type Case, type Issue, type Option, type Party, type Position, type Scenario, type Source, type StanceUtilities } from './model.ts';

const at = z.number().int('must be a whole number').min(0, 'must be 0 or more').optional();
const positionRef = z.strictObject({ party: id, issue: id, date: date.optional() });
const target = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('party'), id }),
  z.strictObject({ kind: z.literal('issue'), id }),
  z.strictObject({ kind: z.literal('option'), issue: id, id }),
  z.strictObject({ kind: z.literal('source'), id }),
  z.strictObject({ kind: z.literal('position'), party: id, issue: id, date: date.optional() }),
  z.strictObject({ kind: z.literal('scenario'), id }),
]);
const savedScenario = scenarioSchema.extend({ saved: z.boolean().optional() });

/** The edits, as the api accepts them (zod-validated at every transport). */
export const editSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('setCase'),
    title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
    description: z.string().max(4000, 'must be at most 4000 characters').nullable().optional(),
    asOf: date.nullable().optional(),
  }),
  z.strictObject({
    op: z.literal('setRules'),
    stanceUtilities: z.strictObject(Object.fromEntries(STANCES.map((s) => [s, utility.optional()])) as Record<(typeof STANCES)[number], z.ZodOptional<typeof utility>>).optional(),
    unstatedUtility: utility.optional(),
  }),
  z.strictObject({ op: z.literal('addParty'), party: partySchema, at }),
  z.strictObject({ op: z.literal('updateParty'), party: partySchema }),
  z.strictObject({ op: z.literal('addIssue'), issue: issueSchema, at }),
  z.strictObject({ op: z.literal('updateIssue'), issue: issueSchema.omit({ options: true }) }),
  z.strictObject({ op: z.literal('addOption'), issue: id, option: optionSchema, at }),
  z.strictObject({ op: z.literal('updateOption'), issue: id, option: optionSchema }),
  z.strictObject({ op: z.literal('addSource'), source: sourceSchema, at }),
  z.strictObject({ op: z.literal('updateSource'), source: sourceSchema }),
  z.strictObject({ op: z.literal('addPosition'), position: positionSchema }),
  z.strictObject({ op: z.literal('updatePosition'), ref: positionRef, position: positionSchema }),
  z.strictObject({ op: z.literal('putScenario'), scenario: savedScenario }),
  z.strictObject({ op: z.literal('remove'), target, cascade: z.boolean().optional() }),
  z.strictObject({ op: z.literal('move'), target, to: z.number().int('must be a whole number').min(0, 'must be 0 or more') }),
  z.strictObject({ op: z.literal('setPositions'), positions: z.array(positionSchema).max(100_000, 'at most 100,000 statements'), label: z.string().max(200).optional() }),
]);

export type Edit = z.output<typeof editSchema>;
export type EditInput = z.input<typeof editSchema>;
export type Target = z.output<typeof target>;
export type PositionRef = z.output<typeof positionRef>;

/** Something refers to what an edit would remove: the edit is refused unless `cascade` is set. */
export interface Reference {
  path: string;
  message: string;
}

export class EditRefused extends Error {
  override name = 'EditRefused';
  readonly kind: 'not_found' | 'conflict' | 'referenced';
  readonly references: Reference[];
  constructor(kind: EditRefused['kind'], message: string, references: Reference[] = []) {
    super(message);
    this.kind = kind;
    this.references = references;
  }
}

export interface EditResult {
  case: Case;
  /** One line for the history, e.g. "Russia on Donetsk region: salience 4 → 5". */
  summary: string;
}

const q = (s: string) => `“${s.length > 60 ? `${s.slice(0, 59)}…` : s}”`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function insertAt<T>(list: readonly T[], item: T, index: number | undefined): T[] {
  const out = list.slice();
  out.splice(index === undefined ? out.length : Math.min(index, out.length), 0, item);
  return out;
}

function moveTo<T>(list: readonly T[], from: number, to: number): T[] {
  const out = list.slice();
  const [item] = out.splice(from, 1);
  out.splice(Math.min(to, out.length), 0, item!);
  return out;
}

function findIndex<T>(list: readonly T[], pred: (t: T) => boolean, what: string): number {
  const i = list.findIndex(pred);
  if (i < 0) throw new EditRefused('not_found', `no ${what} in this case`);
  return i;
}

const partyName = (c: Case, p: string) => c.parties.find((x) => x.id === p)?.name ?? p;
const issueOf = (c: Case, i: string) => c.issues.find((x) => x.id === i);
const issueName = (c: Case, i: string) => issueOf(c, i)?.name ?? i;
const optionLabel = (c: Case, i: string, o: string) => issueOf(c, i)?.options.find((x) => x.id === o)?.label ?? o;
const samePosition = (p: Position, r: PositionRef) => p.party === r.party && p.issue === r.issue && (p.date ?? undefined) === (r.date ?? undefined);
export const statementLabel = (c: Case, p: PositionRef) => `${partyName(c, p.party)} on ${issueName(c, p.issue)}${p.date ? ` (${p.date})` : ' (undated)'}`;

/** Applies one edit. Throws EditRefused when the target does not exist, an id is taken, or a removal is
 * referenced and not confirmed. The result is not yet validated as a whole: the caller does that. */
export function applyEdit(c: Case, edit: Edit): EditResult {
  switch (edit.op) {
    case 'setCase': {
      const next: Case = { ...c };
      const changes: string[] = [];
      if (edit.title !== undefined && edit.title !== c.title) {
        next.title = edit.title;
        changes.push(`title ${q(c.title)} → ${q(edit.title)}`);
      }
      if (edit.description !== undefined && (edit.description || undefined) !== c.description) {
        if (edit.description) next.description = edit.description;
        else delete next.description;
        changes.push(edit.description ? 'description edited' : 'description removed');
      }
      if (edit.asOf !== undefined && (edit.asOf ?? undefined) !== c.asOf) {
        if (edit.asOf) next.asOf = edit.asOf;
        else delete next.asOf;
        changes.push(`as-of date ${c.asOf ?? 'latest'} → ${edit.asOf ?? 'latest'}`);
      }
      return { case: next, summary: `Case: ${changes.join(', ') || 'no change'}` };
    }
    case 'setRules': {
      const stanceUtilities: StanceUtilities = { ...c.stanceUtilities };
      const changes: string[] = [];
      for (const s of STANCES) {
        const v = edit.stanceUtilities?.[s];
        if (v !== undefined && v !== c.stanceUtilities[s]) {
          stanceUtilities[s] = v;
          changes.push(`${s.replace('_', ' ')} ${c.stanceUtilities[s]} → ${v}`);
        }
      }
      let unstatedUtility = c.unstatedUtility;
      if (edit.unstatedUtility !== undefined && edit.unstatedUtility !== c.unstatedUtility) {
        unstatedUtility = edit.unstatedUtility;
        changes.push(`unstated ${c.unstatedUtility} → ${unstatedUtility}`);
      }
      return { case: { ...c, stanceUtilities, unstatedUtility }, summary: `Utilities: ${changes.join(', ') || 'no change'}` };
    }
    case 'addParty':
      if (c.parties.some((p) => p.id === edit.party.id)) throw new EditRefused('conflict', `a party with id "${edit.party.id}" already exists`);
      return { case: { ...c, parties: insertAt(c.parties, withReservation(edit.party), edit.at) }, summary: `Added party ${q(edit.party.name)}` };
    case 'updateParty': {
      const i = findIndex(c.parties, (p) => p.id === edit.party.id, `party "${edit.party.id}"`);
      const old = c.parties[i]!;
      const party = withReservation(edit.party);
      const parties = c.parties.slice();
      parties[i] = party;
      return { case: { ...c, parties }, summary: `${old.name}: ${fieldChanges(old, party, { name: 'name', color: 'colour', reservation: 'reservation', description: 'description' })}` };
    }
    case 'addIssue':
      if (c.issues.some((x) => x.id === edit.issue.id)) throw new EditRefused('conflict', `an issue with id "${edit.issue.id}" already exists`);
      return {
        case: { ...c, issues: insertAt(c.issues, edit.issue as Issue, edit.at) },
        summary: `Added issue ${q(edit.issue.name)} with ${plural(edit.issue.options.length, 'option')}`,
      };
    case 'updateIssue': {
      const i = findIndex(c.issues, (x) => x.id === edit.issue.id, `issue "${edit.issue.id}"`);
      const old = c.issues[i]!;
      const issue: Issue = { ...edit.issue, options: old.options };
      const issues = c.issues.slice();
      issues[i] = issue;
      const label = (o: string | undefined) => (o === undefined ? 'none' : q(optionLabel(c, old.id, o)));
      const sq = old.statusQuo !== issue.statusQuo ? [`status quo ${label(old.statusQuo)} → ${label(issue.statusQuo)}`] : [];
      const rest = fieldChanges(old, issue, { name: 'name', description: 'description' });
      return { case: { ...c, issues }, summary: `${old.name}: ${[...sq, ...(rest === 'no change' && sq.length ? [] : [rest])].join(', ')}` };
    }
    case 'addOption':
    case 'updateOption': {
      const ii = findIndex(c.issues, (x) => x.id === edit.issue, `issue "${edit.issue}"`);
      const issue = c.issues[ii]!;
      const oi = issue.options.findIndex((o) => o.id === edit.option.id);
      let options: Option[];
      let summary: string;
      if (edit.op === 'addOption') {
        if (oi >= 0) throw new EditRefused('conflict', `issue ${q(issue.name)} already has an option with id "${edit.option.id}"`);
        options = insertAt(issue.options, edit.option as Option, edit.at);
        summary = `${issue.name}: added option ${q(edit.option.label)}`;
      } else {
        if (oi < 0) throw new EditRefused('not_found', `no option "${edit.option.id}" in issue ${q(issue.name)}`);
        options = issue.options.slice();
        options[oi] = edit.option as Option;
        summary = `${issue.name}, option ${q(issue.options[oi]!.label)}: ${fieldChanges(issue.options[oi]!, edit.option as Option, { label: 'label', description: 'description' })}`;
      }
      const issues = c.issues.slice();
      issues[ii] = { ...issue, options };
      return { case: { ...c, issues }, summary };
    }
    case 'addSource':
      if (c.sources.some((s) => s.id === edit.source.id)) throw new EditRefused('conflict', `a source with id "${edit.source.id}" already exists`);
      return { case: { ...c, sources: insertAt(c.sources, edit.source as Source, edit.at) }, summary: `Added source ${q(edit.source.title)}` };
    case 'updateSource': {
      const i = findIndex(c.sources, (s) => s.id === edit.source.id, `source "${edit.source.id}"`);
      const old = c.sources[i]!;
      const sources = c.sources.slice();
      sources[i] = edit.source as Source;
      return { case: { ...c, sources }, summary: `Source ${q(old.title)}: ${fieldChanges(old, edit.source as Source, { title: 'title', publisher: 'publisher', url: 'URL', date: 'date' })}` };
    }
    case 'addPosition': {
      const p = edit.position as Position;
      if (c.positions.some((x) => samePosition(x, p))) {
        throw new EditRefused('conflict', `${statementLabel(c, p)} already has a statement on that date; edit it, or give the new statement another date`);
      }
      return { case: { ...c, positions: [...c.positions, p] }, summary: `${statementLabel(c, p)}: new statement` };
    }
    case 'updatePosition': {
      const i = findIndex(c.positions, (x) => samePosition(x, edit.ref), `statement of ${statementLabel(c, edit.ref)}`);
      const p = edit.position as Position;
      if (p.party !== edit.ref.party || p.issue !== edit.ref.issue) {
        throw new EditRefused('conflict', 'a statement keeps its party and issue; add a new statement for another party or issue');
      }
      if (!samePosition(p, edit.ref) && c.positions.some((x) => samePosition(x, p))) {
        throw new EditRefused('conflict', `${statementLabel(c, p)} already has a statement on that date`);
      }
      const positions = c.positions.slice();
      const old = positions[i]!;
      positions[i] = p;
      return { case: { ...c, positions }, summary: `${statementLabel(c, edit.ref)}: ${positionChanges(c, old, p)}` };
    }
    case 'putScenario': {
      const s = edit.scenario as Scenario;
      const i = c.scenarios.findIndex((x) => x.id === s.id);
      if (i < 0) return { case: { ...c, scenarios: [...c.scenarios, s] }, summary: `Saved scenario ${q(s.name)}` };
      const scenarios = c.scenarios.slice();
      const old = scenarios[i]!;
      scenarios[i] = s;
      const renamed = old.name !== s.name ? `renamed ${q(old.name)} → ${q(s.name)}` : '';
      const termsChanged = JSON.stringify(old.terms) !== JSON.stringify(s.terms) ? 'terms changed' : '';
      return { case: { ...c, scenarios }, summary: `Scenario ${q(old.name)}: ${[renamed, termsChanged].filter(Boolean).join(', ') || 'saved'}` };
    }
    case 'remove':
      return removeTarget(c, edit.target, edit.cascade ?? false);
    case 'move':
      return moveTarget(c, edit.target, edit.to);
    case 'setPositions':
      return { case: { ...c, positions: edit.positions as Position[] }, summary: edit.label ?? `Replaced all statements (${plural(edit.positions.length, 'statement')})` };
  }
}

const withReservation = (p: Omit<Party, 'reservation'> & { reservation?: number }): Party => ({ ...p, reservation: p.reservation ?? DEFAULT_RESERVATION });

function fieldChanges<T extends object>(a: T, b: T, names: Partial<Record<keyof T, string>>): string {
  const out: string[] = [];
  for (const [k, label] of Object.entries(names) as [keyof T, string][]) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (typeof x === 'number' || typeof y === 'number') out.push(`${label} ${x ?? 'none'} → ${y ?? 'none'}`);
    else if (k === 'name' || k === 'title' || k === 'label') out.push(`${label} ${q(String(x))} → ${q(String(y))}`);
    else out.push(`${label} ${y === undefined ? 'removed' : 'changed'}`);
  }
  return out.join(', ') || 'no change';
}

function positionChanges(c: Case, a: Position, b: Position): string {
  const out: string[] = [];
  if (a.date !== b.date) out.push(`date ${a.date ?? 'none'} → ${b.date ?? 'none'}`);
  if (a.salience !== b.salience) out.push(`salience ${a.salience} → ${b.salience}`);
  const options = new Set([...Object.keys(a.stances), ...Object.keys(b.stances)]);
  for (const o of options) {
    if (a.stances[o] !== b.stances[o]) out.push(`${q(optionLabel(c, a.issue, o))} ${a.stances[o]?.replace('_', ' ') ?? 'unstated'} → ${b.stances[o]?.replace('_', ' ') ?? 'unstated'}`);
  }
  if (JSON.stringify(a.utilities ?? {}) !== JSON.stringify(b.utilities ?? {})) out.push('utility overrides changed');
  if (a.source !== b.source) out.push(b.source ? 'source changed' : 'source removed');
  if (a.quote !== b.quote) out.push(b.quote ? 'quote edited' : 'quote removed');
  return out.join(', ') || 'no change';
}

/** Everything in the case that refers to a target, with its path in the case file and a readable label. */
export function referencesTo(c: Case, t: Target): Reference[] {
  const refs: Reference[] = [];
  const statement = (p: Position, i: number) => refs.push({ path: `positions[${i}]`, message: `statement of ${statementLabel(c, p)}` });
  const scenario = (s: Scenario, i: number, why: string) => refs.push({ path: `scenarios[${i}]`, message: `scenario ${q(s.name)} (${why})` });
  // Incompatible entries (DESIGN §11) name terms; an entry that loses one no longer says the same thing.
  const entries = (holds: (e: Case['incompatible'][number]) => boolean) =>
    c.incompatible.forEach((e, i) => holds(e) && refs.push({ path: `incompatible[${i}]`, message: `incompatible terms: ${q(e.reason)}` }));
  switch (t.kind) {
    case 'party':
      c.positions.forEach((p, i) => p.party === t.id && statement(p, i));
      break;
    case 'issue':
      c.positions.forEach((p, i) => p.issue === t.id && statement(p, i));
      c.scenarios.forEach((s, i) => s.terms[t.id] !== undefined && scenario(s, i, `its term on ${issueName(c, t.id)}`));
      entries((e) => e.terms[t.id] !== undefined);
      break;
    case 'option': {
      const issue = issueOf(c, t.issue);
      if (issue?.statusQuo === t.id) refs.push({ path: `issues[${c.issues.indexOf(issue)}].statusQuo`, message: `the status quo of ${q(issue.name)}` });
      c.positions.forEach((p, i) => p.issue === t.issue && (p.stances[t.id] !== undefined || p.utilities?.[t.id] !== undefined) && statement(p, i));
      c.scenarios.forEach((s, i) => s.terms[t.issue] === t.id && scenario(s, i, 'it chooses this option'));
      entries((e) => e.terms[t.issue] === t.id);
      break;
    }
    case 'source':
      c.positions.forEach((p, i) => p.source === t.id && statement(p, i));
      c.scenarios.forEach((s, i) => s.source === t.id && scenario(s, i, 'it cites this source'));
      entries((e) => e.source === t.id);
      break;
    case 'position':
    case 'scenario':
      break;
  }
  return refs;
}

function targetLabel(c: Case, t: Target): string {
  switch (t.kind) {
    case 'party':
      return `party ${q(partyName(c, t.id))}`;
    case 'issue':
      return `issue ${q(issueName(c, t.id))}`;
    case 'option':
      return `option ${q(optionLabel(c, t.issue, t.id))} of ${q(issueName(c, t.issue))}`;
    case 'source':
      return `source ${q(c.sources.find((s) => s.id === t.id)?.title ?? t.id)}`;
    case 'position':
      return `statement of ${statementLabel(c, t)}`;
    case 'scenario':
      return `scenario ${q(c.scenarios.find((s) => s.id === t.id)?.name ?? t.id)}`;
  }
}

function exists(c: Case, t: Target): boolean {
  switch (t.kind) {
    case 'party':
      return c.parties.some((p) => p.id === t.id);
    case 'issue':
      return c.issues.some((i) => i.id === t.id);
    case 'option':
      return issueOf(c, t.issue)?.options.some((o) => o.id === t.id) ?? false;
    case 'source':
      return c.sources.some((s) => s.id === t.id);
    case 'position':
      return c.positions.some((p) => samePosition(p, t));
    case 'scenario':
      return c.scenarios.some((s) => s.id === t.id);
  }
}

const withoutKey = <V>(o: Record<string, V>, k: string): Record<string, V> => {
  const { [k]: _gone, ...rest } = o;
  return rest;
};

function removeTarget(c: Case, t: Target, cascade: boolean): EditResult {
  const label = targetLabel(c, t);
  if (!exists(c, t)) throw new EditRefused('not_found', `no ${label} in this case`);
  const refs = referencesTo(c, t);
  if (refs.length > 0 && !cascade) {
    throw new EditRefused('referenced', `${label} is referred to by ${plural(refs.length, 'item')}; confirm to delete it and what refers to it`, refs);
  }
  const also = refs.length ? ` (and ${plural(refs.length, 'reference')} to it)` : '';
  const next: Case = { ...c };
  switch (t.kind) {
    case 'party':
      next.parties = c.parties.filter((p) => p.id !== t.id);
      next.positions = c.positions.filter((p) => p.party !== t.id);
      break;
    case 'issue':
      next.issues = c.issues.filter((i) => i.id !== t.id);
      next.positions = c.positions.filter((p) => p.issue !== t.id);
      next.scenarios = c.scenarios.map((s) => (s.terms[t.id] === undefined ? s : { ...s, terms: withoutKey(s.terms, t.id) }));
      next.incompatible = c.incompatible.filter((e) => e.terms[t.id] === undefined);
      break;
    case 'option':
      next.issues = c.issues.map((i) => {
        if (i.id !== t.issue) return i;
        const issue: Issue = { ...i, options: i.options.filter((o) => o.id !== t.id) };
        if (issue.statusQuo === t.id) delete issue.statusQuo;
        return issue;
      });
      next.positions = c.positions.map((p) => {
        if (p.issue !== t.issue || (p.stances[t.id] === undefined && p.utilities?.[t.id] === undefined)) return p;
        const pos: Position = { ...p, stances: withoutKey(p.stances, t.id) };
        if (p.utilities) {
          const u = withoutKey(p.utilities, t.id);
          if (Object.keys(u).length) pos.utilities = u;
          else delete pos.utilities;
        }
        return pos;
      });
      next.scenarios = c.scenarios.map((s) => (s.terms[t.issue] === t.id ? { ...s, terms: withoutKey(s.terms, t.issue) } : s));
      next.incompatible = c.incompatible.filter((e) => e.terms[t.issue] !== t.id);
      break;
    case 'source': {
      const unset = <T extends { source?: string }>(x: T): T => {
        if (x.source !== t.id) return x;
        const { source: _gone, ...rest } = x;
        return rest as T;
      };
      next.sources = c.sources.filter((s) => s.id !== t.id);
      next.positions = c.positions.map(unset);
      next.scenarios = c.scenarios.map(unset);
      next.incompatible = c.incompatible.map(unset);
      break;
    }
    case 'position':
      next.positions = c.positions.filter((p) => !samePosition(p, t));
      break;
    case 'scenario':
      next.scenarios = c.scenarios.filter((s) => s.id !== t.id);
      break;
  }
  return { case: next, summary: `Deleted ${label}${also}` };
}

function moveTarget(c: Case, t: Target, to: number): EditResult {
  const label = targetLabel(c, t);
  const moved = (n: number) => `Moved ${label} to place ${Math.min(to, n - 1) + 1}`;
  switch (t.kind) {
    case 'party':
      return { case: { ...c, parties: moveTo(c.parties, findIndex(c.parties, (p) => p.id === t.id, label), to) }, summary: moved(c.parties.length) };
    case 'issue':
      return { case: { ...c, issues: moveTo(c.issues, findIndex(c.issues, (i) => i.id === t.id, label), to) }, summary: moved(c.issues.length) };
    case 'option': {
      const ii = findIndex(c.issues, (i) => i.id === t.issue, `issue "${t.issue}"`);
      const issue = c.issues[ii]!;
      const issues = c.issues.slice();
      issues[ii] = { ...issue, options: moveTo(issue.options, findIndex(issue.options, (o) => o.id === t.id, label), to) };
      return { case: { ...c, issues }, summary: moved(issue.options.length) };
    }
    case 'source':
      return { case: { ...c, sources: moveTo(c.sources, findIndex(c.sources, (s) => s.id === t.id, label), to) }, summary: moved(c.sources.length) };
    case 'scenario':
      return { case: { ...c, scenarios: moveTo(c.scenarios, findIndex(c.scenarios, (s) => s.id === t.id, label), to) }, summary: moved(c.scenarios.length) };
    case 'position':
      throw new EditRefused('conflict', 'statements are ordered by date; change the date instead of moving it');
  }
}
