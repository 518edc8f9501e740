// The classroom test case (tests/fixtures/classroom-case.json): three towns and an observer, with reservations
// and utility overrides whose digits appear nowhere else, so a leak of one role's numbers to another is
// visible byte for byte in a serialized answer.
import fs from 'node:fs';
import path from 'node:path';
import { parseCaseText } from '../../../src-core/case-file.ts';
import type { Case } from '../../../src-core/model.ts';

export const CLASSROOM_CASE_FILE = path.resolve(import.meta.dirname, '../../fixtures/classroom-case.json');

export function classroomCase(): Case {
  const r = parseCaseText(fs.readFileSync(CLASSROOM_CASE_FILE, 'utf8'));
  if (!r.ok) throw new Error(`the classroom fixture is invalid: ${JSON.stringify(r.errors)}`);
  return r.case;
}

/** Per role, the numbers only that role may see: its reservation and its utility overrides. */
export const PRIVATE_NUMBERS: Record<string, string[]> = {
  north: ['41.37', '63.17'],
  south: ['47.83', '38.62', '71.46'],
  east: ['52.19', '57.29', '66.83'],
};

export const T0 = '2024-09-02T09:00:00.000Z';
/** `minutes` after T0, as the ISO time the rules take. */
export const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
