// Scenario dates (optional `date`, still format v1): validated like every date, kept in order on export,
// and absent from older files, which round-trip unchanged.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apiInputs } from '../../../src-core/api.ts';
import { caseFileJsonSchema, parseCase, parseCaseOrThrow, serializeCase } from '../../../src-core/case-file.ts';

const OLD_FILE = fileURLToPath(new URL('../../../data/cases/ukraine-talks-2025-08.json', import.meta.url));

function fileWithScenario(scenario: Record<string, unknown>): Record<string, unknown> {
  return {
    format: 'parley-case',
    version: 1,
    id: 'dated',
    title: 'Dated scenarios',
    parties: [{ id: 'a', name: 'A' }],
    issues: [{ id: 'x', name: 'X', options: [{ id: 'one', label: 'One' }] }],
    scenarios: [scenario],
  };
}

describe('a scenario date', () => {
  it('is optional, and a file without one round-trips byte for byte', () => {
    const text = readFileSync(OLD_FILE, 'utf8');
    const c = parseCaseOrThrow(JSON.parse(text));
    expect(c.scenarios.every((s) => s.date === undefined)).toBe(true);
    expect(serializeCase(c)).toBe(text);
  });

  it('is kept, and written right after the name', () => {
    const c = parseCaseOrThrow(fileWithScenario({ id: 's', name: 'S', description: 'd', terms: { x: 'one' }, date: '2015-02-12' }));
    expect(c.scenarios[0]!.date).toBe('2015-02-12');
    const written = serializeCase(c);
    expect(Object.keys(JSON.parse(written).scenarios[0])).toEqual(['id', 'name', 'date', 'description', 'terms']);
    expect(serializeCase(parseCaseOrThrow(JSON.parse(written)))).toBe(written);
  });

  it.each([
    ['12/02/2015', 'must be a date written YYYY-MM-DD'],
    ['2015-02-30', 'is not a real calendar date'],
    [20150212, 'must be a string'],
  ])('%s is refused with its path', (date, message) => {
    const r = parseCase(fileWithScenario({ id: 's', name: 'S', terms: {}, date }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContainEqual({ path: 'scenarios[0].date', message: expect.stringContaining(message) });
  });

  it('is in the shipped JSON Schema and accepted by the saveScenario api input', () => {
    const schema = caseFileJsonSchema() as { properties: { scenarios: { items: { properties: Record<string, unknown> } } } };
    expect(schema.properties.scenarios.items.properties.date).toMatchObject({ type: 'string' });
    const ok = apiInputs.saveScenario.safeParse({ caseId: 'c', scenario: { id: 's', name: 'S', terms: {}, date: '2025-11-20' } });
    expect(ok.success).toBe(true);
    const bad = apiInputs.saveScenario.safeParse({ caseId: 'c', scenario: { id: 's', name: 'S', terms: {}, date: 'November 2025' } });
    expect(bad.success).toBe(false);
  });
});
