import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CaseFileInvalid,
  caseFileJsonSchema,
  formatCaseFileError,
  parseCase,
  parseCaseOrThrow,
  parseCaseText,
  serializeCase,
  type CaseFileError,
} from '../../../src-core/case-file.ts';
import { DEFAULT_STANCE_UTILITIES } from '../../../src-core/model.ts';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const DEFAULT_CASE_PATH = root('data/cases/ukraine-talks-2025-08.json');
const SCHEMA_PATH = root('data/parley-case.schema.json');

type Json = Record<string, any>;

/** A small valid case file; every test below breaks one thing in a fresh copy. */
function validFile(): Json {
  return {
    format: 'parley-case',
    version: 1,
    id: 'small-case',
    title: 'A small case',
    parties: [
      { id: 'north', name: 'North' },
      { id: 'south', name: 'South', reservation: 60 },
    ],
    issues: [
      {
        id: 'donetsk',
        name: 'Donetsk',
        statusQuo: 'contact-line',
        options: [
          { id: 'ceded', label: 'Ceded' },
          { id: 'contact-line', label: 'Contact line' },
        ],
      },
      { id: 'nato', name: 'NATO', options: [{ id: 'never', label: 'Never' }, { id: 'member', label: 'Member' }] },
    ],
    sources: [{ id: 'news', title: 'News report', date: '2025-08-17', url: 'https://example.org/a' }],
    positions: [
      { party: 'north', issue: 'donetsk', salience: 5, date: '2025-08-15', stances: { ceded: 'demand' }, source: 'news' },
      { party: 'south', issue: 'donetsk', salience: 4, stances: { ceded: 'red_line' } },
      { party: 'south', issue: 'nato', salience: 3, stances: { member: 'demand' }, utilities: { never: 10 } },
    ],
    scenarios: [{ id: 'deal', name: 'Deal', terms: { donetsk: 'ceded' }, source: 'news' }],
  };
}

function errorsOf(data: unknown): CaseFileError[] {
  const r = parseCase(data);
  if (r.ok) throw new Error('expected the case file to be invalid');
  return r.errors;
}

function expectError(errors: CaseFileError[], path: string, message: string | RegExp): void {
  const atPath = errors.filter((e) => e.path === path);
  expect(atPath, `no error at "${path}"; got:\n${errors.map(formatCaseFileError).join('\n')}`).not.toHaveLength(0);
  const matches = atPath.some((e) => (typeof message === 'string' ? e.message.includes(message) : message.test(e.message)));
  expect(matches, `no error at "${path}" saying ${String(message)}; got:\n${atPath.map(formatCaseFileError).join('\n')}`).toBe(true);
}

describe('the shipped default case', () => {
  const text = readFileSync(DEFAULT_CASE_PATH, 'utf8');

  it('parses without errors', () => {
    const r = parseCaseText(text);
    expect(r.ok ? [] : r.errors).toEqual([]);
    expect(r.ok && r.case.id).toBe('ukraine-talks-2025-08');
  });

  it('survives parse → serialize → parse unchanged, and serializing again is byte-identical', () => {
    const first = parseCaseOrThrow(JSON.parse(text));
    const written = serializeCase(first);
    const second = parseCaseOrThrow(JSON.parse(written));
    expect(second).toEqual(first);
    expect(serializeCase(second)).toBe(written);
    expect(written.endsWith('}\n')).toBe(true);
  });
});

describe('a valid case file', () => {
  it('round-trips through serializeCase to an identical case', () => {
    const c = parseCaseOrThrow(validFile());
    const again = parseCaseOrThrow(JSON.parse(serializeCase(c)));
    expect(again).toEqual(c);
    expect(serializeCase(again)).toBe(serializeCase(c));
  });

  it('has its defaults filled in: stance utilities, unstated utility 50, reservation 50', () => {
    const c = parseCaseOrThrow(validFile());
    expect(c.stanceUtilities).toEqual({ demand: 100, acceptable: 70, neutral: 50, oppose: 25, red_line: 0 });
    expect(c.stanceUtilities).toEqual(DEFAULT_STANCE_UTILITIES);
    expect(c.unstatedUtility).toBe(50);
    expect(c.parties.map((p) => p.reservation)).toEqual([50, 60]);
  });

  it('has sources, positions and scenarios default to empty lists when absent', () => {
    const f = validFile();
    delete f.sources;
    delete f.positions;
    delete f.scenarios;
    const c = parseCaseOrThrow(f);
    expect(c.sources).toEqual([]);
    expect(c.positions).toEqual([]);
    expect(c.scenarios).toEqual([]);
  });

  it('keeps stance utilities and unstated utility the file gives', () => {
    const f = validFile();
    f.stanceUtilities = { demand: 90, acceptable: 60, neutral: 40, oppose: 20, red_line: 5 };
    f.unstatedUtility = 33;
    const c = parseCaseOrThrow(f);
    expect(c.stanceUtilities).toEqual({ demand: 90, acceptable: 60, neutral: 40, oppose: 20, red_line: 5 });
    expect(c.unstatedUtility).toBe(33);
  });

  it('writes the defaults out when serialized', () => {
    const written = JSON.parse(serializeCase(parseCaseOrThrow(validFile())));
    expect(written.format).toBe('parley-case');
    expect(written.version).toBe(1);
    expect(written.unstatedUtility).toBe(50);
    expect(written.stanceUtilities).toEqual(DEFAULT_STANCE_UTILITIES);
    expect(written.parties[0].reservation).toBe(50);
  });
});

describe('validation: references', () => {
  it('names an option that is not an option of the issue, with its JSON path', () => {
    const f = validFile();
    f.positions.push({ party: 'north', issue: 'donetsk', salience: 3, date: '2025-08-20', stances: { 'cede-all': 'demand' } });
    const errors = errorsOf(f);
    expect(errors).toContainEqual({ path: 'positions[3].stances.cede-all', message: '"cede-all" is not an option of issue "donetsk"' });
    expect(formatCaseFileError(errors.find((e) => e.path === 'positions[3].stances.cede-all')!)).toBe(
      'positions[3].stances.cede-all: "cede-all" is not an option of issue "donetsk"',
    );
  });

  it('names an unknown option in the utilities overrides', () => {
    const f = validFile();
    f.positions[2].utilities = { maybe: 40 };
    expectError(errorsOf(f), 'positions[2].utilities.maybe', '"maybe" is not an option of issue "nato"');
  });

  it('names an unknown party, issue and source of a position', () => {
    const f = validFile();
    f.positions[0].party = 'east';
    f.positions[1].issue = 'crimea';
    f.positions[2].source = 'rumour';
    const errors = errorsOf(f);
    expectError(errors, 'positions[0].party', '"east" is not a party of this case');
    expectError(errors, 'positions[1].issue', '"crimea" is not an issue of this case');
    expectError(errors, 'positions[2].source', '"rumour" is not a source of this case');
  });

  it('names an unknown source of a scenario', () => {
    const f = validFile();
    f.scenarios[0].source = 'rumour';
    expectError(errorsOf(f), 'scenarios[0].source', '"rumour" is not a source of this case');
  });

  it('names a status quo that is not an option of its issue', () => {
    const f = validFile();
    f.issues[0].statusQuo = 'restored';
    expectError(errorsOf(f), 'issues[0].statusQuo', '"restored" is not an option of issue "donetsk"');
  });

  it('names scenario terms with an unknown issue or an unknown option', () => {
    const f = validFile();
    f.scenarios[0].terms = { crimea: 'ceded', donetsk: 'restored', nato: 'never' };
    const errors = errorsOf(f);
    expectError(errors, 'scenarios[0].terms.crimea', '"crimea" is not an issue of this case');
    expectError(errors, 'scenarios[0].terms.donetsk', '"restored" is not an option of issue "donetsk"');
    expect(errors.filter((e) => e.path.startsWith('scenarios'))).toHaveLength(2);
  });
});

describe('validation: unique ids', () => {
  it('reports duplicate party, issue, source and scenario ids', () => {
    const f = validFile();
    f.parties.push({ id: 'north', name: 'North again' });
    f.issues.push({ id: 'nato', name: 'NATO again', options: [{ id: 'x', label: 'X' }] });
    f.sources.push({ id: 'news', title: 'Same id' });
    f.scenarios.push({ id: 'deal', name: 'Deal again', terms: {} });
    const errors = errorsOf(f);
    expectError(errors, 'parties[2].id', 'duplicate party id "north"');
    expectError(errors, 'issues[2].id', 'duplicate issue id "nato"');
    expectError(errors, 'sources[1].id', 'duplicate source id "news"');
    expectError(errors, 'scenarios[1].id', 'duplicate scenario id "deal"');
    expect(errors).toHaveLength(4);
  });

  it('reports duplicate option ids within one issue, but allows the same option id in two issues', () => {
    const f = validFile();
    f.issues[1].options.push({ id: 'never', label: 'Never, again' });
    expect(errorsOf(f)).toEqual([{ path: 'issues[1].options[2].id', message: 'duplicate option id "never"' }]);

    const g = validFile();
    g.issues[1].options.push({ id: 'ceded', label: 'Same id as a Donetsk option' });
    expect(parseCase(g).ok).toBe(true);
  });

  it('reports two positions of one party on one issue with the same date', () => {
    const f = validFile();
    f.positions.push({ party: 'north', issue: 'donetsk', salience: 2, date: '2025-08-15', stances: {} });
    expectError(errorsOf(f), 'positions[3]', /second position of "north" on "donetsk" dated 2025-08-15 \(the first is positions\[0\]\)/);
  });

  it('reports two undated positions of one party on one issue', () => {
    const f = validFile();
    f.positions.push({ party: 'south', issue: 'donetsk', salience: 2, stances: {} });
    expectError(errorsOf(f), 'positions[3]', /second position of "south" on "donetsk" without a date \(the first is positions\[1\]\)/);
  });

  it('accepts positions of one party on one issue at different dates, one of them undated', () => {
    const f = validFile();
    f.positions.push({ party: 'north', issue: 'donetsk', salience: 2, date: '2025-08-16', stances: {} });
    f.positions.push({ party: 'north', issue: 'donetsk', salience: 2, stances: {} });
    expect(parseCase(f).ok).toBe(true);
  });
});

describe('validation: values', () => {
  it('rejects salience outside 1–5 and salience that is not a whole number', () => {
    const f = validFile();
    f.positions[0].salience = 0;
    f.positions[1].salience = 6;
    f.positions[2].salience = 2.5;
    const errors = errorsOf(f);
    expectError(errors, 'positions[0].salience', 'from 1 to 5');
    expectError(errors, 'positions[1].salience', 'from 1 to 5');
    expectError(errors, 'positions[2].salience', 'whole number');
  });

  it('says a value of the wrong type is of the wrong type, not that it is missing', () => {
    const f = validFile();
    f.positions[0].salience = '3';
    f.title = 5;
    const errors = errorsOf(f);
    expect(errors).toContainEqual({ path: 'positions[0].salience', message: 'must be a number, not a string' });
    expect(errors).toContainEqual({ path: 'title', message: 'must be a string, not a number' });
    expect(errorsOf([])).toEqual([{ path: '', message: 'must be an object, not an array' }]);
  });

  it('says a missing required field is required', () => {
    const f = validFile();
    delete f.title;
    delete f.parties[0].name;
    const errors = errorsOf(f);
    expectError(errors, 'title', 'is required');
    expectError(errors, 'parties[0].name', 'is required');
  });

  it('rejects a reservation outside 0–100', () => {
    const f = validFile();
    f.parties[0].reservation = 101;
    f.parties[1].reservation = -1;
    const errors = errorsOf(f);
    expectError(errors, 'parties[0].reservation', 'between 0 and 100');
    expectError(errors, 'parties[1].reservation', 'between 0 and 100');
  });

  it('rejects utilities overrides, stance utilities and the unstated utility outside 0–100', () => {
    const f = validFile();
    f.positions[2].utilities = { never: 101, member: -5 };
    f.unstatedUtility = 120;
    f.stanceUtilities = { demand: 200, acceptable: 70, neutral: 50, oppose: 25, red_line: 0 };
    const errors = errorsOf(f);
    expectError(errors, 'positions[2].utilities.never', 'between 0 and 100');
    expectError(errors, 'positions[2].utilities.member', 'between 0 and 100');
    expectError(errors, 'unstatedUtility', 'between 0 and 100');
    expectError(errors, 'stanceUtilities.demand', 'between 0 and 100');
  });

  it('rejects an unknown stance', () => {
    const f = validFile();
    f.positions[0].stances = { ceded: 'love' };
    expectError(errorsOf(f), 'positions[0].stances.ceded', 'must be one of demand, acceptable, neutral, oppose, red_line');
  });

  it('rejects badly written dates once each, and impossible calendar dates', () => {
    const f = validFile();
    f.asOf = '17-08-2025';
    f.sources[0].date = '2025/08/17';
    f.positions[0].date = '2025-02-30';
    f.positions[1].date = '2025-13-01';
    const errors = errorsOf(f);
    expect(errors.filter((e) => e.path === 'asOf')).toEqual([{ path: 'asOf', message: 'must be a date written YYYY-MM-DD' }]);
    expect(errors.filter((e) => e.path === 'sources[0].date')).toEqual([{ path: 'sources[0].date', message: 'must be a date written YYYY-MM-DD' }]);
    expectError(errors, 'positions[0].date', 'is not a real calendar date');
    expectError(errors, 'positions[1].date', 'is not a real calendar date');
  });

  it('accepts 29 February in a leap year only', () => {
    const f = validFile();
    f.asOf = '2024-02-29';
    expect(parseCase(f).ok).toBe(true);
    f.asOf = '2025-02-29';
    expectError(errorsOf(f), 'asOf', 'is not a real calendar date');
  });

  it('rejects ids that do not follow the id pattern', () => {
    const f = validFile();
    f.id = 'Small Case';
    f.parties[0].id = '-north';
    f.issues[0].options[0].id = 'Ceded';
    const errors = errorsOf(f);
    expectError(errors, 'id', 'a–z, 0–9');
    expectError(errors, 'parties[0].id', 'a–z, 0–9');
    expectError(errors, 'issues[0].options[0].id', 'a–z, 0–9');
    f.id = 'x'.repeat(65);
    expectError(errorsOf(f), 'id', 'a–z, 0–9');
  });

  it('rejects unknown fields, naming them', () => {
    const f = validFile();
    f.extra = true;
    f.parties[0].nickname = 'N';
    f.positions[0].weight = 2;
    const errors = errorsOf(f);
    expect(errors).toContainEqual({ path: 'extra', message: 'unknown field (not part of case format v1; check its spelling)' });
    expect(errors).toContainEqual({ path: 'parties[0].nickname', message: 'unknown field (not part of case format v1; check its spelling)' });
    expect(errors).toContainEqual({ path: 'positions[0].weight', message: 'unknown field (not part of case format v1; check its spelling)' });
  });

  it('rejects another format or version', () => {
    const f = validFile();
    f.format = 'other-case';
    f.version = 2;
    const errors = errorsOf(f);
    expectError(errors, 'format', 'must be "parley-case"');
    expectError(errors, 'version', 'must be 1');
  });

  it('rejects an issue without options', () => {
    const f = validFile();
    f.issues[1].options = [];
    expectError(errorsOf(f), 'issues[1].options', 'at least one option');
  });

  it('accepts a case that has no parties or issues yet (one being built in the app)', () => {
    const f = validFile();
    f.parties = [];
    f.issues = [];
    f.positions = [];
    f.scenarios = [];
    expect(parseCase(f).ok).toBe(true);
  });
});

describe('validation reports every error in one run', () => {
  it('returns all of several different errors at once', () => {
    const f = validFile();
    f.version = 2; // 1
    f.parties[0].reservation = 150; // 2
    f.parties.push({ id: 'south', name: 'Duplicate' }); // 3
    f.issues[0].statusQuo = 'nowhere'; // 4
    f.sources[0].date = '2025-02-30'; // 5
    f.positions[0].salience = 9; // 6
    f.positions[1].party = 'east'; // 7
    f.positions[2].stances = { maybe: 'demand' }; // 8
    f.scenarios[0].terms = { crimea: 'ceded' }; // 9
    f.unknown = 1; // 10
    const errors = errorsOf(f);
    expect(errors.map(formatCaseFileError).sort()).toEqual(
      [
        'version: must be 1 (this version of Parley reads format v1)',
        'parties[0].reservation: must be between 0 and 100',
        'parties[2].id: duplicate party id "south"',
        'issues[0].statusQuo: "nowhere" is not an option of issue "donetsk"',
        'sources[0].date: is not a real calendar date',
        'positions[0].salience: must be from 1 to 5',
        'positions[1].party: "east" is not a party of this case',
        'positions[2].stances.maybe: "maybe" is not an option of issue "nato"',
        'scenarios[0].terms.crimea: "crimea" is not an issue of this case',
        'unknown: unknown field (not part of case format v1; check its spelling)',
      ].sort(),
    );
    expect(errors).toHaveLength(10);
  });

  it('parseCaseOrThrow throws CaseFileInvalid carrying every error, one per line', () => {
    const f = validFile();
    f.parties.push({ id: 'south', name: 'South again' });
    f.positions[0].stances = { nope: 'demand' };
    let thrown: unknown;
    try {
      parseCaseOrThrow(f, 'small.json');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(CaseFileInvalid);
    const err = thrown as CaseFileInvalid;
    expect(err.errors).toHaveLength(2);
    expect(err.message.split('\n')[0]).toBe('small.json: invalid case file (2 errors)');
    expect(err.message).toContain('parties[2].id: duplicate party id "south"');
    expect(err.message).toContain('positions[0].stances.nope: "nope" is not an option of issue "donetsk"');
  });
});

describe('parseCaseText', () => {
  it('parses valid JSON text', () => {
    const r = parseCaseText(JSON.stringify(validFile(), null, 2));
    expect(r.ok).toBe(true);
  });

  it('reports a stray token with its line and column', () => {
    const r = parseCaseText('{\n  "format": "parley-case",\n  "id": ,\n}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.path).toBe('');
    expect(r.errors[0]!.message).toMatch(/^not valid JSON at line 3, column 9\b/);
  });

  it('reports a trailing comma with its line and column', () => {
    const r = parseCaseText('{\n  "a": [1, 2,]\n}');
    expect(!r.ok && r.errors[0]!.message).toMatch(/^not valid JSON at line 2, column 14\b/);
    const s = parseCaseText('{\n  "a": 1,\n}');
    expect(!s.ok && s.errors[0]!.message).toMatch(/^not valid JSON at line 3, column 1\b/);
  });

  it('reports text that stops too early at its end', () => {
    const r = parseCaseText('{\n  "format": "parley-case"');
    expect(!r.ok && r.errors[0]!.message).toMatch(/^not valid JSON at line 2, column 26\b/);
  });

  it('reports an empty file as not valid JSON', () => {
    const r = parseCaseText('');
    expect(!r.ok && r.errors[0]!.message).toMatch(/^not valid JSON/);
  });

  it('validates well-formed JSON that is not a valid case', () => {
    const r = parseCaseText('{"format": "parley-case", "version": 1}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['id', 'title', 'parties', 'issues']));
  });
});

describe('the JSON Schema of the format', () => {
  const schema = caseFileJsonSchema() as { properties: Record<string, unknown>; required: string[]; type: string };

  it('describes every top-level field of the case file', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual(
      [
        'format',
        'version',
        'id',
        'title',
        'description',
        'asOf',
        'stanceUtilities',
        'unstatedUtility',
        'parties',
        'issues',
        'sources',
        'positions',
        'scenarios',
        'incompatible',
      ].sort(),
    );
  });

  it('requires format, version, id, title, parties and issues', () => {
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'version', 'id', 'title', 'parties', 'issues']));
    expect(schema.required).not.toContain('scenarios');
  });

  it('ships in data/ exactly as generated', () => {
    const generated = `${JSON.stringify(caseFileJsonSchema(), null, 2)}\n`;
    expect(existsSync(SCHEMA_PATH), 'data/parley-case.schema.json is missing').toBe(true);
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(generated);
  });
});
