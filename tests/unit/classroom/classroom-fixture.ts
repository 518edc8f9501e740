// The classroom test case (tests/fixtures/classroom-case.json): three towns and an observer, with reservations
// and utility overrides whose digits appear nowhere else, so a leak of one role's numbers to another is
// visible byte for byte in a serialized answer.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
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

const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g;

/**
 * The privacy check, whatever carried the answers (the server to a role token, the hot seat's api to a role's
 * seat): `texts`, every answer a role got, as serialized JSON, hold its own private numbers and brief and no byte
 * of another role's; `state`, its last state, has only its own party, positions, saliences and reservation.
 */
export function expectOnlyOwnSecrets(role: string, texts: string[], state: unknown, briefs: Record<string, string> = {}): void {
  // Times are public and could hold "41.37" as seconds and milliseconds: they are blanked before looking.
  const seen = texts.join('\n').replace(ISO_TIME, 'TIME');
  for (const [owner, numbers] of Object.entries(PRIVATE_NUMBERS)) for (const n of numbers) (owner === role ? expect(seen) : expect(seen).not).toContain(n);
  for (const [owner, text] of Object.entries(briefs)) (owner === role ? expect(seen) : expect(seen).not).toContain(text);
  const s = state as { case: { parties: { id: string }[]; positions: { party: string }[] } };
  expect(s.case.parties.map((p) => p.id)).toEqual([role]);
  expect(new Set(s.case.positions.map((p) => p.party))).toEqual(new Set([role]));
  // Nowhere in the answer is there a salience, stance, utility or reservation of anyone else.
  walk(state, (o) => {
    if ('salience' in o || 'stances' in o || 'utilities' in o) expect(o.party).toBe(role);
    if ('reservation' in o) expect(o.id).toBe(role);
  });
}

function walk(value: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value && typeof value === 'object') {
    visit(value as Record<string, unknown>);
    for (const v of Object.values(value)) walk(v, visit);
  }
}
