// First run: the library is filled with the case files shipped in data/cases.
import fs from 'node:fs';
import path from 'node:path';
import { parseCaseText, CaseFileInvalid } from '../../src-core/case-file.ts';
import type { CaseRepository } from './case-repository.ts';

/** The shipped case a new library lists, and the app opens, first: the short introductory case. */
export const FIRST_SHIPPED_CASE = 'ukraine-talks-2025-08.json';

/** Shipped case files in seeding order: the first case, then the others by file name. */
export function shippedCaseFiles(casesDir: string): string[] {
  if (!fs.existsSync(casesDir)) return [];
  return fs
    .readdirSync(casesDir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => Number(b === FIRST_SHIPPED_CASE) - Number(a === FIRST_SHIPPED_CASE) || (a < b ? -1 : a > b ? 1 : 0))
    .map((f) => path.join(casesDir, f));
}

/** Imports every shipped case the library does not have yet. A broken shipped file is a bug: it throws. */
export function seedLibrary(repo: CaseRepository, casesDir: string): string[] {
  const added: string[] = [];
  for (const file of shippedCaseFiles(casesDir)) {
    const r = parseCaseText(fs.readFileSync(file, 'utf8'));
    if (!r.ok) throw new CaseFileInvalid(r.errors, file);
    if (repo.has(r.case.id)) continue;
    repo.insert(r.case);
    added.push(r.case.id);
  }
  return added;
}
