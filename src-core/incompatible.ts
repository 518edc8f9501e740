// Incompatible terms (DESIGN.md §11): which entries a scenario holds. Editing helpers are in
// incompatible-edits.ts (they validate with the case file's schema, which the search worker does not need).
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
