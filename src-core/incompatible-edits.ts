// Pure helpers to add, change and remove incompatible entries (DESIGN.md §11), validated by the case file's
// own rules with path-named errors: for the authoring views and the api.
import { parseCase, toCaseFile, type CaseFileError } from './case-file.ts';
import type { Case, IncompatibleTerms } from './model.ts';

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
