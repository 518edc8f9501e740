// The `parley` command, run in-process through runCli against a real library file in a temp folder,
// plus the bundled binary run as a child process.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCaseText, serializeCase } from '../../../src-core/case-file.ts';
import type { Case, Scenario } from '../../../src-core/model.ts';
import { scoreReport, type ScoreReport } from '../../../src-core/score-report.ts';
import { COMMANDS } from '../../../src-main/cli/main.ts';
import { cli, ROOT, tmp, type Run } from './cli-harness.ts';

const UKRAINE = 'data/cases/ukraine-talks-2025-08.json';
/** The shipped cases a new library is seeded with, in the order it lists them. */
const SHIPPED = ['ukraine-talks-2025-08', 'ukraine-proposals-2014-2026'];
const SMALL = 'tests/fixtures/cli-small-case.json';
const INVALID = 'tests/fixtures/cli-invalid-case.json';
const NOT_JSON = 'tests/fixtures/cli-not-json.json';


function loadFile(rel: string): Case {
  const r = parseCaseText(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
  if (!r.ok) throw new Error(`${rel} is invalid`);
  return r.case;
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
/** JSON as printed: the report the CLI must print, through the same serialisation. */
const asJson = (report: ScoreReport): unknown => JSON.parse(JSON.stringify(report));

function expectOneCleanMessage(r: Run): void {
  expect(r.stdout).toBe('');
  expect(r.stderr.match(/parley:/g)).toHaveLength(1);
  expect(r.stderr.startsWith('parley: ')).toBe(true);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toContain('unexpected error');
}

async function caseIds(): Promise<string[]> {
  const r = await cli('cases', '--format', 'json');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { id: string }[]).map((c) => c.id);
}

describe('validate', () => {
  it('a valid file exits 0 and says so', async () => {
    const r = await cli('validate', SMALL);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('valid case "cli-small"');
  });

  it('a malformed file exits 1 naming every field path, without a stack trace, and leaves the library alone', async () => {
    await cli('cases');
    const before = sha256(tmp.db);
    const r = await cli('validate', INVALID);
    expect(r.code).toBe(1);
    expectOneCleanMessage(r);
    expect(r.stderr).toContain(INVALID);
    expect(r.stderr).toContain('positions[1].stances.flood');
    expect(r.stderr).toContain('positions[4].salience');
    expect(r.stderr).toContain('scenarios[0].terms.dam');
    expect(sha256(tmp.db)).toBe(before);
  });

  it('text that is not JSON exits 1 with its line', async () => {
    const r = await cli('validate', NOT_JSON);
    expect(r.code).toBe(1);
    expectOneCleanMessage(r);
    expect(r.stderr).toMatch(/line 5/);
  });

  it('a missing file exits 1', async () => {
    const r = await cli('validate', 'tests/fixtures/cli-no-such-file.json');
    expect(r.code).toBe(1);
    expectOneCleanMessage(r);
    expect(r.stderr).toContain('no such file');
  });
});

describe('import', () => {
  it('adds a valid case to the library (seeded on first use)', async () => {
    const r = await cli('import', SMALL);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('cli-small');
    expect(await caseIds()).toEqual([...SHIPPED, 'cli-small']);
  });

  it('an invalid file exits 1 and imports nothing', async () => {
    const before = await caseIds();
    const r = await cli('import', INVALID);
    expect(r.code).toBe(1);
    expectOneCleanMessage(r);
    expect(r.stderr).toContain('positions[4].salience');
    expect(await caseIds()).toEqual(before);
  });

  it('a duplicate id exits 1 and points to --replace; --replace replaces it in place', async () => {
    expect((await cli('import', SMALL)).code).toBe(0);
    const dup = await cli('import', SMALL);
    expect(dup.code).toBe(1);
    expectOneCleanMessage(dup);
    expect(dup.stderr).toContain('--replace');
    const changed = { ...loadFile(SMALL), title: 'Renamed talks' };
    const file = path.join(tmp.dir, 'changed.json');
    fs.writeFileSync(file, serializeCase(changed));
    expect((await cli('import', file, '--replace')).code).toBe(0);
    const list = JSON.parse((await cli('cases', '--format', 'json')).stdout) as { id: string; title: string }[];
    expect(list.map((c) => c.id)).toEqual([...SHIPPED, 'cli-small']);
    expect(list[2]!.title).toBe('Renamed talks');
  });
});

describe('export', () => {
  it('--out writes the case file, which re-imports into another library unchanged', async () => {
    const out = path.join(tmp.dir, 'exported.json');
    const r = await cli('export', 'ukraine-talks-2025-08', '--out', out);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toBe(serializeCase(loadFile(UKRAINE)));

    const other = path.join(tmp.dir, 'other.sqlite');
    const dup = await cli('import', out, '--db', other);
    expect(dup.code).toBe(1); // the other library is seeded with the same case on first use
    expect(dup.stderr).toContain('--replace');
    expect((await cli('import', out, '--db', other, '--replace')).code).toBe(0);
    const again = path.join(tmp.dir, 'again.json');
    expect((await cli('export', 'ukraine-talks-2025-08', '--db', other, '--out', again)).code).toBe(0);
    expect(fs.readFileSync(again, 'utf8')).toBe(text);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--out - writes to stdout; an unknown case exits 1; no --out is a usage error', async () => {
    const r = await cli('export', 'ukraine-talks-2025-08', '--out', '-');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(serializeCase(loadFile(UKRAINE)));
    const missing = await cli('export', 'no-such-case', '--out', path.join(tmp.dir, 'x.json'));
    expect(missing.code).toBe(1);
    expectOneCleanMessage(missing);
    expect(missing.stderr).toContain('no case "no-such-case"');
    expect(fs.existsSync(path.join(tmp.dir, 'x.json'))).toBe(false);
    expect((await cli('export', 'ukraine-talks-2025-08')).code).toBe(2);
  });
});

describe('cases', () => {
  it('lists the library as a table and as JSON', async () => {
    await cli('import', SMALL);
    const table = await cli('cases');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Case\s+Title\s+Parties\s+Issues\s+Scenarios/);
    expect(table.stdout).toMatch(/ukraine-talks-2025-08\s+Ukraine peace talks, August 2025\s+4\s+9\s+4/);
    expect(table.stdout).toMatch(/ukraine-proposals-2014-2026\s+Ukraine peace proposals, 2014–2026\s+6\s+16\s+16/);
    expect(table.stdout).toMatch(/cli-small\s+Water-sharing talks \(test case\)\s+3\s+3\s+3/);
    const json = await cli('cases', '--format', 'json');
    const list = JSON.parse(json.stdout);
    expect(list).toEqual([
      expect.objectContaining({ id: 'ukraine-talks-2025-08', parties: 4, issues: 9, scenarios: 4 }),
      expect.objectContaining({ id: 'ukraine-proposals-2014-2026', parties: 6, issues: 16, scenarios: 16 }),
      expect.objectContaining({ id: 'cli-small', title: 'Water-sharing talks (test case)', parties: 3, issues: 3, scenarios: 3 }),
    ]);
  });
});

describe('score', () => {
  const ukraine = () => loadFile(UKRAINE);
  const small = () => loadFile(SMALL);

  it('--format json on a file has the shape of DESIGN.md §6 and equals scoreReport', async () => {
    const r = await cli('score', UKRAINE, '--format', 'json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const printed = JSON.parse(r.stdout);
    const c = ukraine();
    expect(printed).toEqual(asJson(scoreReport(c, c.scenarios, c.asOf ?? null)));
    expect(Object.keys(printed)).toEqual(['case', 'asOf', 'scenarios']);
    expect(printed.scenarios).toHaveLength(c.scenarios.length);
    for (const s of printed.scenarios) {
      expect(Object.keys(s)).toEqual(['id', 'name', 'terms', 'parties', 'aggregate', 'conflicts']);
      expect(s.conflicts).toEqual([]); // none of the case's proposals holds an incompatible entry
      expect(Object.keys(s.aggregate).sort()).toEqual(['mean', 'nash', 'spread', 'worst']);
      expect(s.parties.map((p: { party: string }) => p.party)).toEqual(c.parties.map((p) => p.id));
      for (const p of s.parties) {
        expect(Object.keys(p).sort()).toEqual(['acceptable', 'contributions', 'coverage', 'match', 'party', 'redLines']);
        expect(typeof p.acceptable).toBe('boolean');
        expect(Array.isArray(p.redLines)).toBe(true);
        if (p.match !== null) {
          const sum = Object.values(p.contributions as Record<string, number>).reduce((a, b) => a + b, 0);
          expect(sum).toBeCloseTo(p.match, 9);
        }
      }
    }
  });

  it('a library id scores the same as the file', async () => {
    const fromFile = await cli('score', UKRAINE, '--format', 'json');
    const fromLibrary = await cli('score', 'ukraine-talks-2025-08', '--format', 'json');
    expect(fromLibrary.code).toBe(0);
    expect(fromLibrary.stdout).toBe(fromFile.stdout);
  });

  it('scoring a file does not import it', async () => {
    expect((await cli('score', SMALL, '--format', 'json')).code).toBe(0);
    expect(await caseIds()).toEqual(SHIPPED);
  });

  it('an unknown case id exits 1 and lists the cases', async () => {
    const r = await cli('score', 'no-such-case');
    expect(r.code).toBe(1);
    expectOneCleanMessage(r);
    expect(r.stderr).toContain('ukraine-talks-2025-08');
  });

  it('--scenario picks scenarios in the order given; an unknown one exits 1', async () => {
    const c = small();
    const r = await cli('score', SMALL, '--scenario', 'halt-dam', '--scenario', 'split', '--format', 'json');
    expect(r.code).toBe(0);
    const pick = (id: string) => c.scenarios.find((s) => s.id === id)!;
    expect(JSON.parse(r.stdout)).toEqual(asJson(scoreReport(c, [pick('halt-dam'), pick('split')], c.asOf ?? null)));
    const bad = await cli('score', SMALL, '--scenario', 'nope');
    expect(bad.code).toBe(1);
    expectOneCleanMessage(bad);
    expect(bad.stderr).toContain('"nope"');
  });

  it('--terms scores an ad-hoc scenario "adhoc"; an unknown issue or option exits 1', async () => {
    const c = small();
    const r = await cli('score', SMALL, '--terms', 'quota=half, dam=halt', '--format', 'json');
    expect(r.code).toBe(0);
    const adhoc: Scenario = { id: 'adhoc', name: 'Ad-hoc scenario', terms: { quota: 'half', dam: 'halt' } };
    const printed = JSON.parse(r.stdout) as ScoreReport;
    expect(printed.scenarios.map((s) => s.id)).toEqual(['adhoc']);
    expect(printed).toEqual(asJson(scoreReport(c, [adhoc], c.asOf ?? null)));

    const both = JSON.parse((await cli('score', SMALL, '--scenario', 'split', '--terms', 'dam=build', '--format', 'json')).stdout) as ScoreReport;
    expect(both.scenarios.map((s) => s.id)).toEqual(['split', 'adhoc']);

    for (const [spec, named] of [['glaciers=melt', '"glaciers"'], ['dam=maybe', '"maybe"'], ['dam', 'issue=option']]) {
      const bad = await cli('score', SMALL, '--terms', spec!);
      expect(bad.code, spec).toBe(1);
      expectOneCleanMessage(bad);
      expect(bad.stderr).toContain(named);
    }
  });

  it('--as-of scores the positions in force on that date', async () => {
    const c = small();
    const later = JSON.parse((await cli('score', SMALL, '--as-of', '2024-07-01', '--format', 'json')).stdout) as ScoreReport;
    expect(later.asOf).toBe('2024-07-01');
    expect(later).toEqual(asJson(scoreReport(c, c.scenarios, '2024-07-01')));
    const byDefault = JSON.parse((await cli('score', SMALL, '--format', 'json')).stdout) as ScoreReport;
    expect(byDefault.asOf).toBe('2024-05-01');
    // Upstream's dated position of 2024-06-01 drops its red line on halting the dam.
    const upstream = (rep: ScoreReport) => rep.scenarios.find((s) => s.id === 'halt-dam')!.parties.find((p) => p.party === 'upstream')!;
    expect(upstream(byDefault).redLines).toContain('dam');
    expect(upstream(later).redLines).not.toContain('dam');

    const bad = await cli('score', SMALL, '--as-of', 'next week');
    expect(bad.code).toBe(2);
  });

  it('the table names every party and shows "no basis" for a party without one', async () => {
    const r = await cli('score', SMALL, '--scenario', 'halt-dam');
    expect(r.code).toBe(0);
    for (const p of small().parties) expect(r.stdout).toContain(p.name);
    expect(r.stdout).toMatch(/Mediator, "neutral"\s+no basis/);
    expect(r.stdout).toMatch(/worst .* · mean .* · spread .* · nash /);
  });

  it('--format csv parses back to the same numbers', async () => {
    const c = small();
    const r = await cli('score', SMALL, '--format', 'csv');
    expect(r.code).toBe(0);
    const [header, ...rows] = parseCsv(r.stdout);
    expect(header).toEqual(['case', 'as_of', 'scenario', 'scenario_name', 'party', 'party_name', 'match', 'coverage', 'acceptable', 'red_lines']);
    const report = scoreReport(c, c.scenarios, c.asOf ?? null);
    const expected = report.scenarios.flatMap((s) =>
      s.parties.map((p) => [c.id, c.asOf, s.id, s.name, p.party, c.parties.find((x) => x.id === p.party)!.name, p.match, p.coverage, p.acceptable, p.redLines]),
    );
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const [caseId, asOf, scenario, scenarioName, party, partyName, match, coverage, acceptable, redLines] = row;
      const e = expected[i]!;
      expect([caseId, asOf, scenario, scenarioName, party, partyName]).toEqual(e.slice(0, 6));
      expect(match === '' ? null : Number(match)).toBe(e[6]);
      expect(Number(coverage)).toBe(e[7]);
      expect(acceptable === 'true').toBe(e[8]);
      expect(redLines === '' ? [] : redLines!.split(';')).toEqual(e[9]);
    });
  });

  it('--format with an unknown value is a usage error', async () => {
    expect((await cli('score', SMALL, '--format', 'xml')).code).toBe(2);
  });
});

/** RFC 4180: quoted fields with doubled quotes, CRLF or LF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('usage', () => {
  it.each(COMMANDS.map((c) => [c.name]))('%s --help exits 0 with its usage', async (name) => {
    const r = await cli(name, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`usage: parley ${name}`);
    expect(r.stderr).toBe('');
    expect((await cli(name, '-h')).code).toBe(0);
  });

  it('parley --help exits 0 and lists every command; no command exits 2', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(c.name);
    expect((await cli()).code).toBe(2);
  });

  it('an unknown command exits 2', async () => {
    const r = await cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });

  it.each([
    ['score', UKRAINE, '--bogus'],
    ['cases', '--verbose'],
    ['validate'],
    ['validate', SMALL, SMALL],
    ['import', SMALL, '--force'],
    ['cases', '--format', 'yaml'],
  ])('bad arguments exit 2: %s %s %s', async (...argv) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^parley: /);
    expect(r.stderr).toContain('usage: parley');
    expect(r.stdout).toBe('');
  });
});

describe('the bundled binary', () => {
  // The bundle is built once for the whole run by tests/unit/global-setup.ts.
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/parley.js', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PARLEY_DB: tmp.db, XDG_CONFIG_HOME: tmp.dir, PARLEY_DEBUG: '' },
    });

  it('scores the shipped case as a readable table', () => {
    const r = run('score', UKRAINE);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const p of loadFile(UKRAINE).parties) expect(r.stdout).toContain(p.name);
    expect(r.stdout).toContain('Ukraine peace talks, August 2025');
    expect(r.stdout).toMatch(/Party\s+Match\s+Reservation\s+Coverage\s+Acceptable\s+Red lines crossed/);
    expect(r.stdout).toContain('─');
  });

  it('a malformed file gives exit 1 and one clear message', () => {
    const r = run('score', INVALID);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.match(/parley:/g)).toHaveLength(1);
    expect(r.stderr).toContain('positions[4].salience');
    expect(r.stderr).not.toMatch(/^ {4}at /m);
  });
});

describe('counts in words', () => {
  it('validate says "1 scenario", "1 party", "1 issue" and "1 position" in the singular', async () => {
    const c = JSON.parse(fs.readFileSync(path.join(ROOT, SMALL), 'utf8'));
    c.parties = c.parties.slice(0, 1);
    c.issues = c.issues.slice(0, 1);
    c.positions = c.positions.slice(0, 1);
    c.scenarios = [{ id: 'one', name: 'One', terms: { quota: 'half' } }];
    const file = path.join(tmp.dir, 'one.json');
    fs.writeFileSync(file, JSON.stringify(c));
    const r = await cli('validate', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('— 1 party, 1 issue, 1 position, 1 scenario\n');
  });
});
