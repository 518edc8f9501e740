// `parley sensitivity` (DESIGN.md §12), run in-process against a real library file in a temp folder.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCaseText } from '../../../src-core/case-file.ts';
import type { Case } from '../../../src-core/model.ts';
import { analyseRobustness } from '../../../src-core/robustness/sensitivity.ts';
import { cli as parley, ROOT } from './cli-harness.ts';

const UKRAINE = 'data/cases/ukraine-talks-2025-08.json';

function ukraine(): Case {
  const r = parseCaseText(fs.readFileSync(path.join(ROOT, UKRAINE), 'utf8'));
  if (!r.ok) throw new Error('the default case does not parse');
  return r.case;
}

/** RFC 4180 rows (no quoted line breaks in these files). */
function csvRows(text: string): string[][] {
  return text.trimEnd().split('\r\n').map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')));
}

describe('parley sensitivity', () => {
  it('--format json has the shape of DESIGN §12 and equals the engine run with the same settings', async () => {
    const r = await parley('sensitivity', UKRAINE, '--format', 'json', '--samples', '500', '--seed', '9', '--salience-jitter', '2', '--stance-flip', '0.2');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const out = JSON.parse(r.stdout);
    const c = ukraine();
    const expected = analyseRobustness(c, c.scenarios, { objective: 'maximin', samples: 500, seed: 9, salienceJitter: 2, stanceFlip: 0.2 }, c.asOf ?? null).report;
    expect(out).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(Object.keys(out)).toEqual(['case', 'asOf', 'objective', 'samples', 'seed', 'salienceJitter', 'stanceFlip', 'best', 'scenarios', 'flips']);
    expect(Object.keys(out.scenarios[0])).toEqual(['id', 'name', 'pBest', 'pAllAcceptable', 'parties']);
    expect(Object.keys(out.scenarios[0].parties[0])).toEqual(['party', 'pAcceptable', 'p5', 'p50', 'p95']);
    expect(out.scenarios.map((s: { id: string }) => s.id)).toEqual(c.scenarios.map((s) => s.id));
    for (const f of out.flips) expect(Object.keys(f)).toEqual(['party', 'issue', 'salience', 'to', 'best']);
  });

  it('gives the same output for the same seed, from a file or from the library', async () => {
    const a = await parley('sensitivity', UKRAINE, '--format', 'json', '--samples', '300');
    const b = await parley('sensitivity', 'ukraine-talks-2025-08', '--format', 'json', '--samples', '300');
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const other = await parley('sensitivity', UKRAINE, '--format', 'json', '--samples', '300', '--seed', '2');
    expect(other.stdout).not.toBe(a.stdout);
  });

  it('with --salience-jitter 0 --stance-flip 0 reports the unperturbed scores of `parley score`', async () => {
    const sens = JSON.parse((await parley('sensitivity', UKRAINE, '--format', 'json', '--samples', '10', '--salience-jitter', '0', '--stance-flip', '0')).stdout);
    const score = JSON.parse((await parley('score', UKRAINE, '--format', 'json')).stdout);
    sens.scenarios.forEach((s: { parties: { p5: number; p50: number; p95: number; pAcceptable: number }[] }, i: number) => {
      s.parties.forEach((p, j) => {
        const exact = score.scenarios[i].parties[j];
        expect([p.p5, p.p50, p.p95]).toEqual([exact.match, exact.match, exact.match]);
        expect(p.pAcceptable).toBe(exact.acceptable ? 1 : 0);
      });
    });
  });

  it('--scenario compares the given scenarios in that order; --objective party:ID ranks by that party', async () => {
    const r = await parley('sensitivity', UKRAINE, '--scenario', 'europe-ceasefire-first', '--scenario', 'alaska-terms', '--objective', 'party:russia', '--format', 'json', '--samples', '200');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.scenarios.map((s: { id: string }) => s.id)).toEqual(['europe-ceasefire-first', 'alaska-terms']);
    expect(out.objective).toBe('party:russia');
    expect(out.best).toBe('alaska-terms');
  });

  it('prints a readable table with the settings, the shares, the percentiles and the flip points in words', async () => {
    const r = await parley('sensitivity', UKRAINE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2000 samples, seed 1: saliences ±1, each stance moves one step with probability 0.1');
    expect(r.stdout).toMatch(/Scenario\s+Ranks first\s+Acceptable to all/);
    expect(r.stdout).toMatch(/Party\s+Acceptable\s+p5\s+p50\s+p95/);
    const c = ukraine();
    const { report } = analyseRobustness(c, c.scenarios, { objective: 'maximin', samples: 2000, seed: 1, salienceJitter: 1, stanceFlip: 0.1 }, c.asOf ?? null);
    expect(report.flips.length).toBeGreaterThan(0);
    for (const f of report.flips) {
      const party = c.parties.find((p) => p.id === f.party)!.name;
      const issue = c.issues.find((i) => i.id === f.issue)!.name;
      const best = c.scenarios.find((s) => s.id === f.best)!.name;
      expect(r.stdout).toContain(`If ${party}’s salience of ${issue} were ${f.to} instead of ${f.salience}, “${best}” would rank first.`);
    }
  });

  it('--format csv holds one row per scenario and party and one per flip point, unrounded', async () => {
    const json = JSON.parse((await parley('sensitivity', UKRAINE, '--format', 'json', '--samples', '400')).stdout);
    const rows = csvRows((await parley('sensitivity', UKRAINE, '--format', 'csv', '--samples', '400')).stdout);
    const [header, ...body] = rows;
    const col = (row: string[], name: string) => row[header!.indexOf(name)]!;
    const partyRows = body.filter((r) => r[0] === 'party');
    const flipRows = body.filter((r) => r[0] === 'flip');
    expect(partyRows).toHaveLength(json.scenarios.length * json.scenarios[0].parties.length);
    expect(flipRows).toHaveLength(json.flips.length);
    partyRows.forEach((row, k) => {
      const s = json.scenarios[Math.floor(k / 4)];
      const p = s.parties[k % 4];
      expect([col(row, 'scenario'), col(row, 'party'), col(row, 'seed'), col(row, 'samples')]).toEqual([s.id, p.party, '1', '400']);
      expect([Number(col(row, 'p_best')), Number(col(row, 'p_acceptable')), Number(col(row, 'p5')), Number(col(row, 'p95'))]).toEqual([s.pBest, p.pAcceptable, p.p5, p.p95]);
    });
    flipRows.forEach((row, k) => expect([col(row, 'party'), col(row, 'issue'), Number(col(row, 'salience')), Number(col(row, 'to')), col(row, 'best')]).toEqual(Object.values(json.flips[k])));
  });

  it.each([
    [['--samples', '0'], '--samples must be a whole number from 1 to 20000'],
    [['--samples', 'many'], '--samples must be a whole number'],
    [['--seed=-3'], '--seed must be a whole number'],
    [['--seed', '1.5'], '--seed must be a whole number'],
    [['--salience-jitter', '5'], '--salience-jitter must be a whole number from 0 to 4'],
    [['--stance-flip', '1.5'], '--stance-flip must be a probability from 0 to 1'],
    [['--stance-flip', 'often'], '--stance-flip must be a probability from 0 to 1'],
    [['--objective', 'best'], '--objective must be maximin, mean, nash or party:ID'],
    [['--format', 'xml'], '--format must be one of table, json, csv'],
    [['--bogus'], 'Unknown option'],
  ])('a bad flag %j exits 2 with one clear line and the usage', async (flags, message) => {
    const r = await parley('sensitivity', UKRAINE, ...flags);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const [first, second, ...rest] = r.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^parley: /);
    expect(first).toContain(message);
    expect(second).toMatch(/^usage: parley sensitivity CASE/);
    expect(rest).toEqual([]);
  });

  it.each([
    [['--scenario', 'nope'], 'no scenario "nope" in case "ukraine-talks-2025-08" (scenarios: alaska-terms, ukraine-conditions, us-make-the-deal, europe-ceasefire-first)'],
    [['--scenario', 'alaska-terms', '--scenario', 'alaska-terms'], 'scenario "alaska-terms" is given twice'],
    [['--objective', 'party:mars'], '--objective party:mars: "mars" is not a party of case "ukraine-talks-2025-08" (parties: russia, ukraine, united-states, europe)'],
  ])('bad data %j exits 1 with one line naming what is wrong', async (flags, message) => {
    const r = await parley('sensitivity', UKRAINE, ...flags);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `parley: ${message}\n` });
  });
});
