// `parley timeline`, `parley positions` and `parley delete` (DESIGN §10), in-process on a real library file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCaseText } from '../../../src-core/case-file.ts';
import type { Case } from '../../../src-core/model.ts';
import { compileCase, scoreScenario } from '../../../src-core/scoring.ts';
import { cli, ROOT, tmp } from './cli-harness.ts';

const UKRAINE = 'data/cases/ukraine-talks-2025-08.json';

function ukraine(): Case {
  const r = parseCaseText(fs.readFileSync(path.join(ROOT, UKRAINE), 'utf8'));
  if (!r.ok) throw new Error('invalid');
  return r.case;
}

describe('parley timeline', () => {
  it('prints the JSON of DESIGN §10: every change date, oldest first, with each party\'s match as of it', async () => {
    const c = ukraine();
    const r = await cli('timeline', UKRAINE, '--scenario', 'alaska-terms', '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const dates = [...new Set(c.positions.map((p) => p.date).filter((d): d is string => !!d))].sort();
    expect(out.case).toBe(c.id);
    expect(out.scenario).toBe('alaska-terms');
    expect(out.dates).toEqual(dates);
    expect(out.parties.map((p: { party: string }) => p.party)).toEqual(c.parties.map((p) => p.id));
    const terms = c.scenarios.find((s) => s.id === 'alaska-terms')!.terms;
    for (const [i, date] of dates.entries()) {
      const score = scoreScenario(compileCase(c, date), terms);
      c.parties.forEach((p, k) => {
        expect(out.parties[k].points[i]).toEqual({ date, match: score.parties[k]!.match, redLines: score.parties[k]!.redLines, acceptable: score.parties[k]!.acceptable });
      });
    }
  });

  it('takes ad-hoc --terms, prints a table and CSV, and says when nothing is dated', async () => {
    const table = await cli('timeline', UKRAINE, '--terms', 'donetsk=contact-line');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^As of +Russia +Ukraine/m);
    const csv = await cli('timeline', UKRAINE, '--terms', 'donetsk=contact-line', '--format', 'csv');
    expect(csv.stdout.split('\r\n')[0]).toBe('case,scenario,date,party,match,acceptable,red_lines');
    const undated = ukraine();
    for (const p of undated.positions) delete p.date;
    const file = path.join(tmp.dir, 'undated.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'parley-case', version: 1, ...undated }));
    expect((await cli('timeline', file, '--terms', 'donetsk=contact-line')).stdout).toMatch(/no dated statements/);
  });

  it('refuses bad flags with one clear line', async () => {
    expect((await cli('timeline', UKRAINE)).code).toBe(2);
    expect((await cli('timeline', UKRAINE, '--scenario', 'x', '--terms', 'a=b')).code).toBe(2);
    const r = await cli('timeline', UKRAINE, '--scenario', 'nope');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^parley: no scenario "nope" in case/);
  });
});

describe('parley positions', () => {
  it('exports, re-imports unchanged as no change, and refuses a bad file naming its row and column', async () => {
    const csv = path.join(tmp.dir, 'p.csv');
    expect((await cli('positions', 'ukraine-talks-2025-08', '--out', csv)).code).toBe(0);
    const same = await cli('positions', 'ukraine-talks-2025-08', '--import', csv, '--dry-run');
    expect(same.stdout).toBe(`would import ${csv}: 0 added, 0 changed, 0 removed statements (nothing written)\n`);
    const text = fs.readFileSync(csv, 'utf8').replace('russia,donetsk,2025-08-15,5,ceded,demand', 'russia,donetsk,2025-08-15,5,ceded,demands');
    fs.writeFileSync(csv, text);
    const before = (await cli('export', 'ukraine-talks-2025-08', '--out', '-')).stdout;
    const bad = await cli('positions', 'ukraine-talks-2025-08', '--import', csv);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('row 2, column stance (F): "demands" must be one of demand, acceptable, neutral, oppose, red_line');
    expect((await cli('export', 'ukraine-talks-2025-08', '--out', '-')).stdout).toBe(before);
  });

  it('needs exactly one of --out and --import', async () => {
    expect((await cli('positions', 'ukraine-talks-2025-08')).code).toBe(2);
    expect((await cli('positions', 'ukraine-talks-2025-08', '--out', '-', '--dry-run')).code).toBe(2);
  });
});

describe('parley delete', () => {
  it('deletes a case and leaves the deletion undoable from the app', async () => {
    const r = await cli('delete', 'ukraine-talks-2025-08');
    expect(r.code).toBe(0);
    expect((await cli('cases')).stdout).not.toContain('ukraine-talks-2025-08');
    const missing = await cli('delete', 'ukraine-talks-2025-08');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^parley: no case "ukraine-talks-2025-08"/);
    const { ParleyService } = await import('../../../src-main/service.ts');
    const s = ParleyService.open(tmp.db);
    try {
      expect(s.deletedCases().map((d) => d.id)).toEqual(['ukraine-talks-2025-08']);
      expect(s.undo({ caseId: 'ukraine-talks-2025-08' }).case?.id).toBe('ukraine-talks-2025-08');
    } finally {
      s.close();
    }
  });
});
