// Checking an edit as it is typed, with the case file's own rules: the edit is applied to the case here
// (src-core/edits.ts) and the result validated as a case file (src-core/case-file.ts: validateEditedCase, which
// re-checks only what the edit changed), so every message is the one a case file would get, named by its path.
import { validateEditedCase, type CaseFileError } from '../../src-core/case-file.ts';
import { diffCases } from '../../src-core/case-patch.ts';
import { applyEdit, EditRefused, type Edit, type EditInput } from '../../src-core/edits.ts';
import type { Case } from '../../src-core/model.ts';

export type Checked = { ok: true; case: Case } | { ok: false; errors: CaseFileError[] };

/** The case after `edit`, validated as a case file; or every reason it cannot be saved. */
export function checkEdit(c: Case, edit: EditInput): Checked {
  let next: Case;
  try {
    next = applyEdit(c, edit as Edit).case;
  } catch (err) {
    if (err instanceof EditRefused) return { ok: false, errors: [{ path: '', message: err.message }] };
    throw err;
  }
  const errors = validateEditedCase(next, diffCases(c, next));
  return errors.length === 0 ? { ok: true, case: next } : { ok: false, errors };
}

/** The message for the field at `path` (e.g. `parties[2].name`): its own error first, else any other, named by its path. */
export function messageFor(checked: Checked, path: string): string | null {
  if (checked.ok) return null;
  const own = checked.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`));
  if (own) return own.message;
  const other = checked.errors[0]!;
  return other.path ? `${other.path}: ${other.message}` : other.message;
}
