// Incompatible terms (DESIGN.md §11): which entries a scenario holds, and pure helpers to add, change and
// remove entries with the case file's own validation (for the authoring views and the api).
import { parseCase, toCaseFile, type CaseFileError } from './case-file.ts';
import type { Case, IncompatibleTerms } from './model.ts';
import { effectiveOptions, type CompiledCase, type Terms } from './scoring.ts';

/** An entry as (issue index, option index) pairs; entries naming an unknown issue or option never hold. */
export interface CompiledEntry {
  index: number;
  issues: Int32Array;
  options: Int32Array;
}

const compiledEntries = new WeakMap<CompiledCase, CompiledEntry[]>();

export function incompatibleEntries(compiled: CompiledCase): CompiledEntry[] {
  let entries = compiledEntries.get(compiled);
  if (entries) return entries;
  entries = [];
  compiled.case.incompatible.forEach((entry, index) => {
    const pairs = Object.entries(entry.terms).map(([issueId, optionId]) => {
      const i = compiled.issueIndex.get(issueId);
      return [i ?? -1, i === undefined ? -1 : (compiled.optionIndex[i]!.get(optionId) ?? -1)] as const;
    });
    if (pairs.some(([i, k]) => i < 0 || k < 0)) return;
    entries!.push({ index, issues: Int32Array.from(pairs, (p) => p[0]), options: Int32Array.from(pairs, (p) => p[1]) });
  });
  compiledEntries.set(compiled, entries);
  return entries;
}

/** Indices of the entries whose every term is in force (an unaddressed issue holds its status quo). */
export function conflictsOfOptions(compiled: CompiledCase, effective: Int32Array): number[] {
  const out: number[] = [];
  for (const e of incompatibleEntries(compiled)) {
    let all = true;
    for (let t = 0; t < e.issues.length && all; t++) all = effective[e.issues[t]!] === e.options[t];
    if (all) out.push(e.index);
  }
  return out;
}

/** Indices (into case.incompatible) of the entries a scenario holds: such a scenario is inconsistent. */
export function conflicts(compiled: CompiledCase, terms: Terms): number[] {
  if (compiled.case.incompatible.length === 0) return [];
  return conflictsOfOptions(compiled, effectiveOptions(compiled, terms));
}

/** "Donetsk region: Ukraine cedes all of Donetsk + Recognition of occupied land: Full Russian withdrawal" */
export function describeEntry(c: Case, entry: IncompatibleTerms): string {
  return Object.entries(entry.terms)
    .map(([issueId, optionId]) => {
      const issue = c.issues.find((i) => i.id === issueId);
      const option = issue?.options.find((o) => o.id === optionId);
      return `${issue?.name ?? issueId}: ${option?.label ?? optionId}`;
    })
    .join(' + ');
}

export type IncompatibleEdit = { ok: true; case: Case } | { ok: false; errors: CaseFileError[] };

/** The case with `entry` at `index` (appended when index is the list's length), validated like a case file. */
export function setIncompatible(c: Case, index: number, entry: IncompatibleTerms): IncompatibleEdit {
  if (!Number.isInteger(index) || index < 0 || index > c.incompatible.length) {
    return { ok: false, errors: [{ path: 'incompatible', message: `there is no entry ${index} (the case has ${c.incompatible.length})` }] };
  }
  const incompatible = [...c.incompatible];
  incompatible[index] = entry;
  return checked({ ...c, incompatible }, index);
}

export const addIncompatible = (c: Case, entry: IncompatibleTerms): IncompatibleEdit => setIncompatible(c, c.incompatible.length, entry);

export function removeIncompatible(c: Case, index: number): IncompatibleEdit {
  if (!Number.isInteger(index) || index < 0 || index >= c.incompatible.length) {
    return { ok: false, errors: [{ path: 'incompatible', message: `there is no entry ${index} (the case has ${c.incompatible.length})` }] };
  }
  return { ok: true, case: { ...c, incompatible: c.incompatible.filter((_, i) => i !== index) } };
}

/** Only the errors of the entry that changed count, so an unrelated problem elsewhere does not block it. */
function checked(candidate: Case, index: number): IncompatibleEdit {
  const r = parseCase(toCaseFile(candidate));
  if (r.ok) return { ok: true, case: r.case };
  const prefix = `incompatible[${index}]`;
  const mine = r.errors.filter((e) => e.path === prefix || e.path.startsWith(`${prefix}.`));
  return mine.length ? { ok: false, errors: mine } : { ok: true, case: candidate };
}
