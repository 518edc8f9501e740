// What changes between two versions of a case, in words a user can check before anything is written:
// the re-import dialog ("what will be lost") and the positions spreadsheet preview (added / changed /
// removed statements) both list these lines. Also the merge rule of a re-import (issue 13): the file's case
// data replaces the library's, and scenarios saved in the app stay unless the file has one with the same id.
import { countList, diffCases, positionKey, type PatchCounts } from './case-patch.ts';
import type { Case, Position, Scenario } from './model.ts';

export type ChangeKind = 'case' | 'party' | 'issue' | 'option' | 'source' | 'statement' | 'scenario';

export interface ChangeLine {
  kind: ChangeKind;
  change: 'added' | 'changed' | 'removed';
  /** e.g. `Russia on Donetsk region (2025-08-15)` or `scenario “My deal”`. */
  label: string;
}

const q = (s: string) => `“${s}”`;

export function statementName(c: Case, p: Pick<Position, 'party' | 'issue' | 'date'>): string {
  const party = c.parties.find((x) => x.id === p.party)?.name ?? p.party;
  const issue = c.issues.find((x) => x.id === p.issue)?.name ?? p.issue;
  return `${party} on ${issue} (${p.date ?? 'undated'})`;
}

/** Every added, changed and removed entity from `before` to `after`, in case order (after's, then before's). */
export function describeChanges(before: Case, after: Case): ChangeLine[] {
  const patch = diffCases(before, after);
  const lines: ChangeLine[] = [];
  if (patch.fields) lines.push({ kind: 'case', change: 'changed', label: `case details (${Object.keys(patch.fields).join(', ')})` });
  const list = <T>(kind: ChangeKind, a: readonly T[], put: readonly T[] | undefined, remove: readonly string[] | undefined, key: (t: T) => string, name: (t: T, c: Case) => string) => {
    const old = new Map(a.map((t) => [key(t), t]));
    for (const t of put ?? []) lines.push({ kind, change: old.has(key(t)) ? 'changed' : 'added', label: name(t, after) });
    for (const k of remove ?? []) lines.push({ kind, change: 'removed', label: name(old.get(k)!, before) });
  };
  list('party', before.parties, patch.parties?.put, patch.parties?.remove, (p) => p.id, (p) => q(p.name));
  list('issue', before.issues.map(({ options: _o, ...h }) => h), patch.issues?.put, patch.issues?.remove, (i) => i.id, (i) => q(i.name));
  const issueName = (id: string) => after.issues.find((i) => i.id === id)?.name ?? before.issues.find((i) => i.id === id)?.name ?? id;
  for (const [issueId, o] of Object.entries(patch.options ?? {})) {
    const old = before.issues.find((i) => i.id === issueId)?.options ?? [];
    if (old.length === 0 && !before.issues.some((i) => i.id === issueId)) continue; // a new issue's options come with it
    list('option', old, o.put, o.remove, (x) => x.id, (x) => `${q(x.label)} of ${q(issueName(issueId))}`);
  }
  // Options of removed issues go with them and are not listed one by one.
  list('source', before.sources, patch.sources?.put, patch.sources?.remove, (s) => s.id, (s) => q(s.title));
  list('statement', before.positions, patch.positions?.put, patch.positions?.remove, positionKey, (p, c) => statementName(c, p));
  list('scenario', before.scenarios, patch.scenarios?.put, patch.scenarios?.remove, (s) => s.id, (s) => `${q(s.name)}${s.saved ? ' (saved in the app)' : ''}`);
  return lines;
}

/** Added, changed and removed statements from `before` to `after`. */
export function statementCounts(before: Case, after: Case): PatchCounts {
  return countList(before.positions, diffCases(before, after).positions, positionKey);
}

export interface ImportPlan {
  /** The case as it will be after the import. */
  merged: Case;
  /** Saved scenarios that stay. */
  kept: Scenario[];
  /** Saved scenarios the file replaces (it has a scenario with the same id). */
  replaced: Scenario[];
  /** Terms dropped from kept scenarios because the file's case no longer has that issue or option. */
  droppedTerms: { scenario: string; issue: string; option: string }[];
}

/**
 * Re-importing a case that is already in the library: the file's case data replaces the library's, and the
 * scenarios saved in the app stay (after the file's own), unless the file has one with the same id. A kept
 * scenario loses only the terms whose issue or option the file no longer has; those are reported.
 */
export function planImport(existing: Case, incoming: Case): ImportPlan {
  const fileIds = new Set(incoming.scenarios.map((s) => s.id));
  const options = new Map(incoming.issues.map((i) => [i.id, new Set(i.options.map((o) => o.id))]));
  const kept: Scenario[] = [];
  const replaced: Scenario[] = [];
  const droppedTerms: ImportPlan['droppedTerms'] = [];
  for (const s of existing.scenarios) {
    if (!s.saved) continue;
    if (fileIds.has(s.id)) {
      replaced.push(s);
      continue;
    }
    const terms: Record<string, string> = {};
    for (const [issue, option] of Object.entries(s.terms)) {
      if (options.get(issue)?.has(option)) terms[issue] = option;
      else droppedTerms.push({ scenario: s.name, issue, option });
    }
    const { source, ...rest } = s;
    // A kept scenario may cite a source the file no longer has; it then loses the citation, not the scenario.
    const citation = source !== undefined && incoming.sources.some((x) => x.id === source) ? { source } : {};
    kept.push({ ...rest, ...citation, terms });
  }
  return { merged: { ...incoming, scenarios: [...incoming.scenarios, ...kept] }, kept, replaced, droppedTerms };
}
