// The robustness charts and the report's robustness pages (DESIGN.md §12): drawn from the same analysis as
// `parley sensitivity`, exported by the CLI and the api, and reproducible from what the report prints.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateInput } from '../../../src-core/api.ts';
import { compareData } from '../../../src-core/charts/compare-data.ts';
import { chartCsv } from '../../../src-core/charts/index.ts';
import { analyseRobustness } from '../../../src-core/robustness/sensitivity.ts';
import { percent } from '../../../src-core/robustness/sentences.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { ROOT, ukraine, UKRAINE_FILE } from '../charts/chart-fixtures.ts';
import { cli as parley, tmp } from '../cli/cli-harness.ts';
import { itWithTools, parseCsv, parseSvg, pdfInfo, pdfText } from './export-helpers.ts';

const needTools = itWithTools(['pdfinfo', 'pdftotext']);
const CASE = 'ukraine-talks-2025-08';
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('parley chart --kind ranges|tornado', () => {
  it('draws the analysis the robustness flags describe, the same one `parley sensitivity` prints', async () => {
    const dir = tmp.dir;
    const flags = ['--objective', 'mean', '--samples', '300', '--seed', '5', '--salience-jitter', '2', '--stance-flip', '0.25'];
    expect((await parley('chart', UKRAINE_FILE, '--kind', 'ranges', ...flags, '--out', path.join(dir, 'r.csv'))).code).toBe(0);
    const sens = JSON.parse((await parley('sensitivity', UKRAINE_FILE, ...flags, '--format', 'json')).stdout);
    const [header, ...rows] = parseCsv(fs.readFileSync(path.join(dir, 'r.csv'), 'utf8'));
    const col = (row: string[], name: string) => row[header!.indexOf(name)]!;
    expect(rows).toHaveLength(16);
    for (const row of rows) {
      const s = sens.scenarios.find((x: { id: string }) => x.id === col(row, 'scenario'));
      const p = s.parties.find((x: { party: string }) => x.party === col(row, 'party'));
      expect([Number(col(row, 'p5')), Number(col(row, 'p50')), Number(col(row, 'p95')), Number(col(row, 'p_acceptable'))]).toEqual([p.p5, p.p50, p.p95, p.pAcceptable]);
      expect([col(row, 'samples'), col(row, 'seed'), col(row, 'salience_jitter'), col(row, 'stance_flip')]).toEqual(['300', '5', '2', '0.25']);
    }
    const c = ukraine();
    const data = { ...compareData(c, c.scenarios, c.asOf ?? null), robustness: analyseRobustness(c, c.scenarios, { objective: 'mean', samples: 300, seed: 5, salienceJitter: 2, stanceFlip: 0.25 }, c.asOf ?? null) };
    expect((await parley('chart', UKRAINE_FILE, '--kind', 'tornado', ...flags, '--out', path.join(dir, 't.csv'))).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 't.csv'), 'utf8')).toBe(chartCsv('tornado', data, {}));
  });

  it('names the flip point the CLI reports, in words, on its bar', async () => {
    const dir = tmp.dir;
    expect((await parley('chart', UKRAINE_FILE, '--kind', 'tornado', '--out', path.join(dir, 't.svg'))).code).toBe(0);
    const svg = fs.readFileSync(path.join(dir, 't.svg'), 'utf8');
    const { flips } = JSON.parse((await parley('sensitivity', UKRAINE_FILE, '--format', 'json')).stdout);
    expect(flips.length).toBeGreaterThan(0);
    const marked = Array.from(parseSvg(svg).querySelectorAll('.mark.flip[data-flip-point="true"]')).map((m) => {
      const row = m.parentElement!;
      return `${row.getAttribute('data-party')} ${row.getAttribute('data-issue')} ${m.getAttribute('data-to')} ${m.getAttribute('data-best')}`;
    });
    expect(marked.sort()).toEqual(flips.map((f: { party: string; issue: string; to: number; best: string }) => `${f.party} ${f.issue} ${f.to} ${f.best}`).sort());
  });

  it.each([
    [['--kind', 'bars', '--samples', '100'], 2, '--samples applies to --kind ranges or tornado only'],
    [['--kind', 'ranges', '--samples', '0'], 2, '--samples must be a whole number from 1 to 20000'],
    [['--kind', 'tornado', '--objective', 'party:mars'], 1, '"mars" is not a party of case "ukraine-talks-2025-08"'],
  ])('%j exits %i: %s', async (args, code, message) => {
    const dir = tmp.dir;
    const r = await parley('chart', UKRAINE_FILE, ...(args as string[]), '--out', path.join(dir, 'x.svg'));
    expect(r.code).toBe(code);
    expect(r.stderr.split('\n')[0]).toContain(message);
    expect(fs.existsSync(path.join(dir, 'x.svg'))).toBe(false);
  });
});

describe('the report’s robustness pages', () => {
  needTools('print the settings, the seed and the command that reproduces every figure on them', async () => {
    const dir = tmp.dir;
    const r = await parley('report', UKRAINE_FILE, '--seed', '42', '--samples', '1500', '--stance-flip', '0.2', '--out', path.join(dir, 'r.pdf'));
    expect(r.code).toBe(0);
    const text = flat(pdfText(path.join(dir, 'r.pdf')));
    expect(text).toContain('How robust are these results?');
    expect(text).toContain('Settings: 1500 samples · seed 42 · salience jitter ±1 · stance flip 0.2 · objective maximin · positions as of 2025-08-17');
    // A reader runs the printed command (case file in place of the id) and gets the printed figures.
    const command = /parley sensitivity (.*?--as-of \S+)/.exec(text.replace(/ \\ /g, ' '))![1]!.split(' ');
    expect(command).toContain('--seed');
    const rerun = await parley('sensitivity', UKRAINE_FILE, ...command.slice(1), '--format', 'json');
    expect(rerun.code).toBe(0);
    const report = JSON.parse(rerun.stdout);
    expect([report.seed, report.samples, report.stanceFlip]).toEqual([42, 1500, 0.2]);
    for (const s of report.scenarios) expect(text).toContain(`${s.name} ${percent(s.pBest)} ${percent(s.pAllAcceptable)}`);
    for (const f of report.flips) expect(text).toContain(`were ${f.to} instead of ${f.salience}`);
    expect(text).toContain('Match per party, by scenario, with its plausible range');
    expect(text).toContain('Flip points: which salience change puts another scenario first');
  }, 60_000);

  needTools('take the app’s settings through the api', async () => {
    const dir = tmp.dir;
    const s = ParleyService.open(path.join(dir, 'library.sqlite'), { casesDir: path.join(ROOT, 'data', 'cases') });
    try {
      const input = validateInput('exportReport', { caseId: CASE, scenarioIds: ['alaska-terms', 'europe-ceasefire-first'], robustness: { objective: 'nash', samples: 400, seed: 77, salienceJitter: 0, stanceFlip: 0.3 } });
      const file = path.join(dir, 'r.pdf');
      fs.writeFileSync(file, Buffer.from((await s.exportReport(input)).base64, 'base64'));
      expect(pdfInfo(file).pages).toBeGreaterThanOrEqual(6);
      expect(flat(pdfText(file))).toContain('Settings: 400 samples · seed 77 · salience jitter ±0 · stance flip 0.3 · objective nash');
      const chart = await s.exportChart(validateInput('exportChart', { caseId: CASE, kind: 'ranges', scenarioIds: [], format: 'csv', robustness: { objective: 'party:ukraine', samples: 50, seed: 3, salienceJitter: 1, stanceFlip: 0 } }));
      expect(chart.fileName).toBe(`${CASE}-ranges.csv`);
      expect(parseCsv(Buffer.from(chart.base64, 'base64').toString('utf8'))[1]!.slice(-4)).toEqual(['50', '3', '1', '0']);
    } finally {
      s.close();
    }
  }, 60_000);

  it.each([
    [{ objective: 'best', samples: 10, seed: 1, salienceJitter: 1, stanceFlip: 0.1 }, 'robustness.objective'],
    [{ objective: 'maximin', samples: 0, seed: 1, salienceJitter: 1, stanceFlip: 0.1 }, 'robustness.samples'],
    [{ objective: 'maximin', samples: 10, seed: -1, salienceJitter: 1, stanceFlip: 0.1 }, 'robustness.seed'],
    [{ objective: 'maximin', samples: 10, seed: 1, salienceJitter: 9, stanceFlip: 0.1 }, 'robustness.salienceJitter'],
    [{ objective: 'maximin', samples: 10, seed: 1, salienceJitter: 1, stanceFlip: 2 }, 'robustness.stanceFlip'],
    [{ objective: 'party:Bad Id', samples: 10, seed: 1, salienceJitter: 1, stanceFlip: 0.1 }, 'robustness.objective'],
  ])('the api refuses robustness settings %j, naming %s', (robustness, field) => {
    expect(() => validateInput('exportChart', { caseId: CASE, kind: 'tornado', scenarioIds: [], format: 'svg', robustness })).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining(field) }));
  });

  it('the api refuses a party objective naming no party of the case, and says which parties there are', async () => {
    const dir = tmp.dir;
    const s = ParleyService.open(path.join(dir, 'library.sqlite'), { casesDir: path.join(ROOT, 'data', 'cases') });
    try {
      await expect(s.exportChart({ caseId: CASE, kind: 'tornado', scenarioIds: [], format: 'svg', robustness: { objective: 'party:mars', samples: 10, seed: 1, salienceJitter: 1, stanceFlip: 0.1 } })).rejects.toThrow(
        expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('"mars" is not a party of case "ukraine-talks-2025-08" (parties: russia, ukraine, united-states, europe)') }),
      );
    } finally {
      s.close();
    }
  });
});
