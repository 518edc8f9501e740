// Incompatible terms (DESIGN.md §11): the case format, validation, the library, score JSON and the helpers.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCase, parseCaseText, serializeCase, type CaseFileError } from '../../../src-core/case-file.ts';
import { addIncompatible, removeIncompatible, setIncompatible } from '../../../src-core/incompatible-edits.ts';
import { conflicts, describeEntry } from '../../../src-core/incompatible.ts';
import type { Case } from '../../../src-core/model.ts';
import { scoreReport } from '../../../src-core/score-report.ts';
import { compileCase } from '../../../src-core/scoring.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { tableCounts, tempLibraryPath } from '../store/temp-library.ts';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const DEFAULT_TEXT = readFileSync(root('data/cases/ukraine-talks-2025-08.json'), 'utf8');

type Json = Record<string, any>;

function file(): Json {
  return {
    format: 'parley-case',
    version: 1,
    id: 'tiny',
    title: 'Tiny',
    parties: [{ id: 'a', name: 'A' }],
    issues: [
      { id: 'land', name: 'Land', statusQuo: 'split', options: [{ id: 'ceded', label: 'Ceded' }, { id: 'split', label: 'Split' }] },
      { id: 'troops', name: 'Troops', options: [{ id: 'stay', label: 'Stay' }, { id: 'leave', label: 'Leave' }] },
      { id: 'money', name: 'Money', options: [{ id: 'none', label: 'None' }, { id: 'some', label: 'Some' }] },
    ],
    sources: [{ id: 'news', title: 'News' }],
    positions: [{ party: 'a', issue: 'land', salience: 3, stances: { ceded: 'demand' } }],
    scenarios: [],
    incompatible: [{ terms: { land: 'split', troops: 'leave' }, reason: 'Troops cannot leave land that stays split.', source: 'news' }],
  };
}

function errors(data: Json): CaseFileError[] {
  const r = parseCase(data);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

function parsed(data: Json = file()): Case {
  const r = parseCase(data);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.case;
}

describe('incompatible entries in a case file', () => {
  it('are optional: a file without them parses to an empty list and serialises byte for byte as before', () => {
    const f = file();
    delete f.incompatible;
    const text = `${JSON.stringify(f, null, 2)}\n`;
    const c = parsed(f);
    expect(c.incompatible).toEqual([]);
    expect(serializeCase(c)).not.toContain('incompatible');
    const again = parseCaseText(serializeCase(c));
    expect(again.ok && serializeCase(again.case)).toBe(serializeCase(c));
    expect(text).not.toContain('incompatible');
  });

  it('round-trip through serialisation, source included', () => {
    const c = parsed();
    expect(c.incompatible).toEqual(file().incompatible);
    const r = parseCaseText(serializeCase(c));
    expect(r.ok && r.case).toEqual(c);
  });

  it('name each problem by its path: too few terms, unknown issue or option, missing reason, unknown source', () => {
    const f = file();
    f.incompatible = [
      { terms: { land: 'ceded' }, reason: 'one term only' },
      { terms: { land: 'ceded', sea: 'x' }, reason: 'unknown issue' },
      { terms: { land: 'ceded', troops: 'fly' }, reason: 'unknown option' },
      { terms: { land: 'ceded', troops: 'stay' } },
      { terms: { land: 'ceded', troops: 'stay' }, reason: '  ' },
      { terms: { land: 'ceded', troops: 'stay' }, reason: 'r', source: 'rumour' },
      { terms: { land: 'ceded', troops: 'stay' }, reason: 'r', extra: 1 },
    ];
    const e = errors(f).map((x) => `${x.path}: ${x.message}`);
    expect(e).toContain('incompatible[0].terms: needs terms of at least two different issues (has 1)');
    expect(e).toContain('incompatible[1].terms.sea: "sea" is not an issue of this case');
    expect(e).toContain('incompatible[2].terms.troops: "fly" is not an option of issue "troops"');
    expect(e.some((x) => x.startsWith('incompatible[3].reason: is required'))).toBe(true);
    expect(e).toContain('incompatible[4].reason: must not be empty');
    expect(e).toContain('incompatible[5].source: "rumour" is not a source of this case');
    expect(e).toContain('incompatible[6].extra: unknown field (not part of case format v1; check its spelling)');
  });
});

describe('conflicts', () => {
  const c = parsed();
  const compiled = compileCase(c);

  it('holds when every term of an entry is in force, an unaddressed issue counting as its status quo', () => {
    expect(conflicts(compiled, { troops: 'leave' })).toEqual([0]); // land is unaddressed: status quo "split"
    expect(conflicts(compiled, { land: 'split', troops: 'leave' })).toEqual([0]);
    expect(conflicts(compiled, { land: 'ceded', troops: 'leave' })).toEqual([]);
    expect(conflicts(compiled, { land: 'split' })).toEqual([]); // troops open: no option in force
  });

  it('appear in score JSON per scenario', () => {
    const report = scoreReport(c, [{ id: 'x', name: 'X', terms: { troops: 'leave' } }, { id: 'y', name: 'Y', terms: {} }], null);
    expect(report.scenarios.map((s) => s.conflicts)).toEqual([[0], []]);
  });

  it('the shipped case rules out Donetsk ceded together with a full Russian withdrawal', () => {
    const r = parseCaseText(DEFAULT_TEXT);
    if (!r.ok) throw new Error('shipped case invalid');
    const k = r.case.incompatible.findIndex((e) => e.terms.donetsk === 'ceded' && e.terms['occupied-land'] === 'full-withdrawal');
    expect(k).toBeGreaterThanOrEqual(0);
    expect(conflicts(compileCase(r.case), { donetsk: 'ceded', 'occupied-land': 'full-withdrawal' })).toContain(k);
    // None of the case's own proposals is inconsistent.
    for (const s of r.case.scenarios) expect(conflicts(compileCase(r.case), s.terms), s.id).toEqual([]);
    expect(describeEntry(r.case, r.case.incompatible[k]!)).toBe('Donetsk region: Ukraine cedes all of Donetsk + Recognition of occupied land: Full Russian withdrawal');
  });
});

describe('editing helpers', () => {
  const c = parsed();

  it('add, change and remove an entry, validated like a case file', () => {
    const added = addIncompatible(c, { terms: { money: 'some', troops: 'stay' }, reason: 'No money while troops stay.' });
    expect(added.ok && added.case.incompatible).toHaveLength(2);
    const bad = setIncompatible(c, 0, { terms: { money: 'lots', troops: 'stay' }, reason: 'x' });
    expect(bad.ok ? [] : bad.errors).toEqual([{ path: 'incompatible[0].terms.money', message: '"lots" is not an option of issue "money"' }]);
    const removed = removeIncompatible(c, 0);
    expect(removed.ok && removed.case.incompatible).toEqual([]);
    expect(removeIncompatible(c, 3).ok).toBe(false);
    expect(c.incompatible).toHaveLength(1); // the input is never changed
  });
});

describe('the library keeps incompatible entries', () => {
  it('import → get → export is exact, and deleting the case removes its entries', () => {
    const service = ParleyService.open(tempLibraryPath());
    try {
      const text = serializeCase(parsed());
      service.importCase({ content: text });
      expect(service.getCase({ caseId: 'tiny' }).incompatible).toEqual(file().incompatible);
      expect(service.exportCase({ caseId: 'tiny' }).content).toBe(text);
      expect(tableCounts(service.db)).toMatchObject({ incompatible_entries: 1, incompatible_terms: 2 });
      service.repo.delete('tiny');
      expect(tableCounts(service.db)).toMatchObject({ incompatible_entries: 0, incompatible_terms: 0 });
    } finally {
      service.close();
    }
  });

  it('a refused import leaves the entries of the library untouched', () => {
    const service = ParleyService.open(tempLibraryPath());
    try {
      service.importCase({ content: serializeCase(parsed()) });
      const before = tableCounts(service.db);
      const f = file();
      f.incompatible[0].terms.troops = 'fly';
      expect(() => service.importCase({ content: JSON.stringify(f), replace: true })).toThrow(/incompatible\[0\]\.terms\.troops/);
      expect(tableCounts(service.db)).toEqual(before);
    } finally {
      service.close();
    }
  });
});
