// The rows of a case's incompatible entries (migration 003), written whole: entries are few and are edited
// as a list, so a change replaces them all, in one statement set shared by whole-case and patch writes.
import type Database from 'better-sqlite3';
import type { IncompatibleTerms } from '../../src-core/model.ts';

const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(db: Database.Database) {
  return {
    clear: db.prepare('DELETE FROM incompatible_entries WHERE case_id = ?'),
    entry: db.prepare('INSERT INTO incompatible_entries (case_id, ord, reason, source_id) VALUES (?, ?, ?, ?)'),
    term: db.prepare('INSERT INTO incompatible_terms (case_id, entry_ord, issue_id, option_id) VALUES (?, ?, ?, ?)'),
  };
}

/** Replaces the case's entries with `entries`. Must run inside the caller's transaction. */
export function writeIncompatible(db: Database.Database, caseId: string, entries: readonly IncompatibleTerms[]): void {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = prepare(db)));
  s.clear.run(caseId);
  entries.forEach((entry, i) => {
    s.entry.run(caseId, i, entry.reason, entry.source ?? null);
    for (const [issueId, optionId] of Object.entries(entry.terms)) s.term.run(caseId, i, issueId, optionId);
  });
}
