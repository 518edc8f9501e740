// `parley search`, `frontier` and `nearest` run in-process on the shipped case: the JSON of DESIGN §11, the
// same lists as the core, readable tables, and bad flags refused with one clear line (exit 2 usage, 1 data).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCaseText } from '../../../src-core/case-file.ts';
import { conflicts } from '../../../src-core/incompatible.ts';
import type { Case } from '../../../src-core/model.ts';
import { compileCase, scoreScenario } from '../../../src-core/scoring.ts';
import { dealFrontier, nearestDeals, searchDeals } from '../../../src-core/search/index.ts';
import { runCli } from '../../../src-main/cli/main.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const UKRAINE = 'data/cases/ukraine-talks-2025-08.json';
let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-search-cli-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { PARLEY_DB: path.join(dir, 'lib.sqlite') }, cwd: ROOT });
  return { code, stdout, stderr };
}

const ukraine = (): Case => {
  const r = parseCaseText(fs.readFileSync(path.join(ROOT, UKRAINE), 'utf8'));
  if (!r.ok) throw new Error('invalid shipped case');
  return r.case;
};
const withoutTimes = (j: Record<string, unknown>) => ({ ...j, elapsedMs: 0 });

describe('parley search', () => {
  it('prints the JSON of §11: the core’s list, with each package scored as score does', async () => {
    const r = await cli('search', UKRAINE, '--top', '4', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['case', 'asOf', 'objective', 'exact', 'bound', 'space', 'elapsedMs', 'results']);
    expect(json).toMatchObject({ case: 'ukraine-talks-2025-08', asOf: '2025-08-17', objective: 'maximin', exact: true, space: 3 * 4 * 3 * 3 * 4 * 4 * 4 * 3 * 3 });
    const c = ukraine();
    expect(withoutTimes(json)).toEqual(withoutTimes(JSON.parse(JSON.stringify(searchDeals(c, { top: 4 })))));
    const compiled = compileCase(c, c.asOf);
    expect(json.results).toHaveLength(4);
    for (const res of json.results) {
      const s = scoreScenario(compiled, res.terms);
      expect(res.parties).toEqual(JSON.parse(JSON.stringify(s.parties)));
      expect(res.value).toBe(s.aggregate.worst);
      expect(conflicts(compiled, res.terms)).toEqual([]);
      expect(s.parties.every((p) => p.redLines.length === 0)).toBe(true);
    }
    expect(json.bound).toBe(json.results[0].value);
  });

  it('honours locks, exclusions, minimums and another objective', async () => {
    const r = await cli('search', UKRAINE, '--lock', 'nato=membership,donetsk=none', '--exclude', 'sanctions=lifted', '--min', 'ukraine=70', '--objective', 'party:europe', '--top', '3', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.space).toBe(4 * 3 * 3 * 4 * 4 * 3 * 3);
    for (const res of json.results) {
      expect(res.terms.nato).toBe('membership');
      expect(res.terms.donetsk).toBeUndefined();
      expect(res.terms.sanctions).not.toBe('lifted');
      // NATO membership with anything but binding guarantees is inconsistent in the shipped case.
      expect(res.terms['security-guarantees']).toBe('binding-with-us');
      expect(res.parties.find((p: { party: string }) => p.party === 'ukraine').match).toBeGreaterThanOrEqual(70);
      expect(res.value).toBe(res.parties.find((p: { party: string }) => p.party === 'europe').match);
    }
  });

  it('says why when nothing is feasible, and still exits 0', async () => {
    const r = await cli('search', UKRAINE, '--acceptable-to', 'all', '--min', 'russia=95', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.results).toEqual([]);
    expect(json.why.join(' ')).toMatch(/Russia reaches at most 84\.\d/);
    const table = await cli('search', UKRAINE, '--lock', 'donetsk=ceded', '--no-red-lines', 'ukraine');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('No package meets the constraints');
    expect(table.stdout).toContain('red line of Ukraine');
  });

  it('prints a readable table', async () => {
    const r = await cli('search', UKRAINE, '--top', '3');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^#\s+Value\s+Russia\s+Ukraine\s+United States\s+European coalition$/m);
    expect(r.stdout).toMatch(/^ {2}3\. donetsk=/m);
  });

  it('a time limit marks the result inexact with an upper bound', async () => {
    const r = await cli('search', 'tests/fixtures/cli-small-case.json', '--time-limit', '0.000001', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(typeof json.exact).toBe('boolean');
    if (!json.exact && json.results.length) expect(json.bound).toBeGreaterThanOrEqual(json.results[0].value);
  });
});

describe('parley frontier', () => {
  it('prints every non-dominated pair ascending in the first party, as the core computes', async () => {
    const r = await cli('frontier', UKRAINE, '--parties', 'russia,ukraine', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ parties: ['russia', 'ukraine'], exact: true });
    expect(withoutTimes(json)).toEqual(withoutTimes(JSON.parse(JSON.stringify(dealFrontier(ukraine(), { parties: ['russia', 'ukraine'] })))));
    const xs = json.points.map((p: { match: number[] }) => p.match[0]);
    const ys = json.points.map((p: { match: number[] }) => p.match[1]);
    expect(xs).toEqual([...xs].sort((a: number, b: number) => a - b));
    expect(ys).toEqual([...ys].sort((a: number, b: number) => b - a));
    expect(json.points.length).toBeGreaterThan(1);
  });

  it('needs two parties', async () => {
    const r = await cli('frontier', UKRAINE, '--parties', 'russia');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^parley: --parties takes two party ids/);
    const bad = await cli('frontier', UKRAINE, '--parties', 'russia,china');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('parley: --parties: "china" is not a party of case "ukraine-talks-2025-08" (parties: russia, ukraine, united-states, europe)\n');
  });
});

describe('parley nearest', () => {
  it('lists the fewest changes first, from a scenario or from terms', async () => {
    const r = await cli('nearest', UKRAINE, '--scenario', 'alaska-terms', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    const c = ukraine();
    const alaska = c.scenarios.find((s) => s.id === 'alaska-terms')!;
    expect(json.from).toEqual(alaska.terms);
    expect(withoutTimes(json)).toEqual(withoutTimes(JSON.parse(JSON.stringify(nearestDeals(c, { from: alaska.terms })))));
    const counts = json.results.map((x: { changes: unknown[] }) => x.changes.length);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => a - b));
    for (const x of json.results) expect(x.parties.every((p: { acceptable: boolean }) => p.acceptable)).toBe(true);
    const added = json.results[0].changes.find((ch: { from: string | null }) => ch.from === null);
    if (added) expect(alaska.terms[added.issue]).toBeUndefined();
    const fromTerms = await cli('nearest', UKRAINE, '--terms', 'donetsk=ceded', '--target', 'ukraine', '--top', '2');
    expect(fromTerms.code).toBe(0);
    expect(fromTerms.stdout).toContain('acceptable to Ukraine');
    expect(fromTerms.stdout).toMatch(/1\. donetsk: ceded → /);
  });

  it('an already acceptable scenario needs no change', async () => {
    const best = searchDeals(ukraine(), { top: 1, acceptableTo: 'all' }).results[0]!;
    const spec = Object.entries(best.terms).map(([i, o]) => `${i}=${o}`).join(',');
    const r = await cli('nearest', UKRAINE, '--terms', spec, '--top', '1', '--format', 'json');
    expect(JSON.parse(r.stdout).results[0].changes).toEqual([]);
  });
});

describe('bad flags: one clear line, exit 2 for usage and 1 for data', () => {
  it.each([
    [['search', UKRAINE, '--top', '0'], 2, /^parley: --top must be a whole number of at least 1, got "0"\n/],
    [['search', UKRAINE, '--min', 'russia'], 2, /^parley: --min takes KEY=VALUE, got "russia"\n/],
    [['search', UKRAINE, '--min', 'russia=120'], 2, /^parley: --min russia=120: the minimum is a number from 0 to 100\n/],
    [['search', UKRAINE, '--time-limit', 'soon'], 2, /^parley: --time-limit takes a number of seconds above 0\n/],
    [['search', UKRAINE, '--format', 'csv'], 2, /^parley: --format must be one of table, json\n/],
    [['nearest', UKRAINE], 2, /^parley: give either --scenario ID or --terms/],
    [['search', UKRAINE, '--lock', 'nato=maybe'], 1, /^parley: --lock: "maybe" is not an option of issue "nato" \(options: membership, no-decision, never\)\n$/],
    [['search', UKRAINE, '--exclude', 'crimea=x'], 1, /^parley: --exclude: "crimea" is not an issue of case "ukraine-talks-2025-08"/],
    [['search', UKRAINE, '--acceptable-to', 'china'], 1, /^parley: --acceptable-to: "china" is not a party/],
    [['search', UKRAINE, '--objective', 'best'], 1, /^parley: --objective: "best" is not an objective/],
    [['search', UKRAINE, '--lock', 'nato=never', '--exclude', 'nato=never'], 1, /^parley: --lock nato=never locks an option that --exclude removes\n$/],
    [['nearest', UKRAINE, '--scenario', 'nope'], 1, /^parley: no scenario "nope" in case/],
  ])('%j exits %i', async (argv, code, message) => {
    const r = await cli(...(argv as string[]));
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('every command has --help', async () => {
    for (const name of ['search', 'frontier', 'nearest']) {
      const r = await cli(name, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^usage: parley ${name} CASE`));
      expect(r.stdout).toContain('--no-red-lines');
    }
  });
});
