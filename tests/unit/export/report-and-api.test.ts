// `parley report` and the api's exportChart / exportReport: real library files and real PDFs in a temp
// folder, opened with poppler's pdfinfo and pdftotext.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError, validateInput } from '../../../src-core/api.ts';
import { API_METHOD_NAMES } from '../../../src-core/api-methods.ts';
import { serializeCase } from '../../../src-core/case-file.ts';
import { compareData } from '../../../src-core/charts/compare-data.ts';
import { chartCsv, defaultChartSize } from '../../../src-core/charts/index.ts';
import type { Case } from '../../../src-core/model.ts';
import { ipcReply } from '../../../src-main/app/ipc-reply.ts';
import { runCli } from '../../../src-main/cli/main.ts';
import { barsPerPage, renderReportPdf } from '../../../src-main/export/report-pdf.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { bigCase, dataOf, EVIL_ISSUE, EVIL_PARTY, EVIL_QUOTE, EVIL_SCENARIO, evilCase, ROOT, ukraine, UKRAINE_FILE } from '../charts/chart-fixtures.ts';
import { decodePng, itWithTools, inkShare, parseCsv, parseSvg, pdfInfo, pdfText, pngSize, tempDir } from './export-helpers.ts';

const needTools = itWithTools(['pdfinfo', 'pdftotext']);

async function cli(dir: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { PARLEY_DB: path.join(dir, 'library.sqlite') }, cwd: dir });
  return { code, stdout, stderr };
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

function writeReport(c: Case, dir: string, ids?: string[], options: Parameters<typeof renderReportPdf>[3] = {}): string {
  const file = path.join(dir, 'report.pdf');
  const scenarios = ids ? ids.map((id) => c.scenarios.find((s) => s.id === id)!) : c.scenarios;
  fs.writeFileSync(file, renderReportPdf(c, scenarios, c.asOf ?? null, options));
  return file;
}

describe('parley report', () => {
  needTools('the default case: a title page, heatmap and bars on one page, a page per scenario, two robustness pages, then the sources', async () => {
    const dir = tempDir();
    const r = await cli(dir, 'report', UKRAINE_FILE, '--out', 'report.pdf');
    expect(r).toEqual({ code: 0, stdout: 'wrote report.pdf\n', stderr: '' });
    const file = path.join(dir, 'report.pdf');
    const info = pdfInfo(file);
    // 1 title + 1 heatmap with the bars below it (4 scenarios fit) + 4 scenarios + 2 robustness + 1 sources page.
    expect(info.pages).toBe(9);
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([595, 842]);
    expect(info.title).toBe('Ukraine peace talks, August 2025: scenario comparison');

    const c = ukraine();
    const text = flat(pdfText(file));
    expect(text).toContain('Ukraine peace talks, August 2025');
    expect(text).toContain('Positions as of 2025-08-17');
    for (const s of c.scenarios) expect(text).toContain(s.name);
    for (const p of c.parties) expect(text).toContain(`${p.name} — reservation ${p.reservation}`);
    expect(text).toContain('Match by scenario and party');
    expect(text).toContain('Match per party, by scenario');
    // Terms: an option's label, or the status quo that holds when the scenario leaves the issue out.
    expect(text).toContain('Ukraine cedes all of Donetsk');
    expect(text).toContain('not addressed (status quo: No guarantees)');
    expect(text).toContain("What makes up each party's match: Russia's Alaska terms");
    // Sources, with the quotes of the positions the scores use.
    const source = c.sources[0]!;
    expect(text).toContain(source.title);
    expect(text).toContain(flat(c.positions.find((p) => p.quote)!.quote!));
    expect(text).toContain('page 9 of 9');
    // The reader is told in words what a match is, never pointed at a design document.
    expect(text).toContain("A party's match (0–100%) says how well a scenario's terms meet the positions the party has stated");
    expect(text).toContain('100% means every issue is settled as the party demands');
    expect(text).not.toMatch(/DESIGN|§/);
  }, 60_000);

  needTools('chosen scenarios only, in the order given', async () => {
    const dir = tempDir();
    const r = await cli(dir, 'report', UKRAINE_FILE, '--scenario', 'us-make-the-deal', '--scenario', 'alaska-terms', '--out', 'r.pdf', '--as-of', '2025-08-16');
    expect(r.code).toBe(0);
    const file = path.join(dir, 'r.pdf');
    expect(pdfInfo(file).pages).toBe(1 + 1 + 2 + 2 + 1);
    const text = flat(pdfText(file));
    expect(text).toContain('Positions as of 2025-08-16');
    expect(text.indexOf('Scenario 1 of 2 US "make the deal" push')).toBeGreaterThan(0);
    expect(text).not.toContain("Ukraine's conditions");
  }, 60_000);

  it.each([
    [['--out', 'r.svg'], 2, 'must end in .pdf'],
    [[], 2, '--out FILE is required'],
    [['--out', 'r.pdf', '--scenario', 'nope'], 1, 'no scenario "nope"'],
    [['--out', 'r.pdf', '--as-of', '17.8.2025'], 2, '--as-of must be a date'],
  ])('%j exits %i: %s', async (args, code, message) => {
    const dir = tempDir();
    const r = await cli(dir, 'report', UKRAINE_FILE, ...(args as string[]));
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(fs.existsSync(path.join(dir, 'r.pdf'))).toBe(false);
  });

  needTools('12 parties × 20 scenarios: bars over several pages, every scenario and source present', () => {
    const dir = tempDir();
    const c = bigCase();
    const file = writeReport(c, dir);
    const data = dataOf(c);
    const perPage = barsPerPage(data);
    expect(perPage).toBeGreaterThanOrEqual(2);
    // Title, heatmap, the bars pages, at least a page per scenario, and the sources.
    const pages = pdfInfo(file).pages;
    expect(pages).toBeGreaterThanOrEqual(1 + 1 + Math.ceil(20 / perPage) + 20 + 1);
    expect(pages).toBeLessThanOrEqual(1 + 1 + Math.ceil(20 / perPage) + 40 + 4);
    const text = flat(pdfText(file));
    for (let i = 1; i <= 20; i++) expect(text).toContain(`Scenario ${i} of 20`);
    expect(text).toContain(`Scenarios 1–${perPage} of 20`);
    for (const s of c.sources.filter((s) => c.positions.some((p) => p.source === s.id))) expect(text).toContain(s.title);
  }, 60_000);

  needTools('names and quotes with markup, ampersands and quotes are printed as text', () => {
    const dir = tempDir();
    const text = flat(pdfText(writeReport(evilCase(), dir)));
    expect(text).toContain(EVIL_PARTY);
    expect(text).toContain(EVIL_ISSUE);
    expect(text).toContain(EVIL_SCENARIO);
    expect(text).toContain(EVIL_QUOTE);
  }, 60_000);

  needTools('without DejaVu Sans the report falls back to Helvetica and still says everything', () => {
    const dir = tempDir();
    const file = writeReport(ukraine(), dir, undefined, { fonts: 'helvetica' });
    expect(pdfInfo(file).pages).toBe(7);
    const text = flat(pdfText(file));
    expect(text).toContain("Russia's Alaska terms");
    expect(text).toContain('×');
  }, 60_000);
});

describe('the api', () => {
  function service(dir: string): ParleyService {
    return ParleyService.open(path.join(dir, 'library.sqlite'), { casesDir: path.join(ROOT, 'data', 'cases') });
  }
  const CASE = 'ukraine-talks-2025-08';

  it('lists exportChart and exportReport among the methods every transport forwards', () => {
    expect(API_METHOD_NAMES).toContain('exportChart');
    expect(API_METHOD_NAMES).toContain('exportReport');
  });

  it('exportChart returns the file: name, type and bytes', async () => {
    const s = service(tempDir());
    try {
      const png = await s.exportChart({ caseId: CASE, kind: 'heatmap', scenarioIds: [], format: 'png', scale: 2, sortBy: 'worst' });
      expect(png.fileName).toBe(`${CASE}-heatmap@2x.png`);
      expect(png.mime).toBe('image/png');
      const bytes = Buffer.from(png.base64, 'base64');
      const size = defaultChartSize('heatmap', dataOf(ukraine()), { sortBy: 'worst' });
      expect(pngSize(bytes)).toEqual({ width: size.width * 2, height: size.height * 2 });
      expect(inkShare(decodePng(bytes))).toBeGreaterThan(0.02);

      const svg = await s.exportChart({ caseId: CASE, kind: 'scatter', scenarioIds: [], parties: ['ukraine', 'russia'], format: 'svg', width: 700, height: 640, theme: 'dark' });
      expect(svg).toMatchObject({ fileName: `${CASE}-scatter-ukraine-russia.svg`, mime: 'image/svg+xml' });
      const root = parseSvg(Buffer.from(svg.base64, 'base64').toString('utf8')).documentElement;
      expect([root.getAttribute('width'), root.getAttribute('height')]).toEqual(['700', '640']);

      const pdf = await s.exportChart({ caseId: CASE, kind: 'breakdown', scenarioIds: [], scenario: 'alaska-terms', format: 'pdf' });
      expect(pdf).toMatchObject({ fileName: `${CASE}-breakdown-alaska-terms.pdf`, mime: 'application/pdf' });
      expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      s.close();
    }
  });

  it('includes the builder’s unsaved scenario last, as "adhoc", or alone when no ids are given', async () => {
    const s = service(tempDir());
    try {
      const c = s.getCase({ caseId: CASE });
      const adhoc = { name: 'Draft: <b>freeze</b> & talk', terms: { donetsk: 'contact-line', nato: 'never' } };
      const csv = Buffer.from((await s.exportChart({ caseId: CASE, kind: 'bars', scenarioIds: ['alaska-terms'], adhoc, format: 'csv' })).base64, 'base64').toString('utf8');
      const scenarios = [c.scenarios[0]!, { id: 'adhoc', ...adhoc }];
      expect(csv).toBe(chartCsv('bars', compareData(c, scenarios, c.asOf ?? null), {}));
      expect(parseCsv(csv).at(-1)![2]).toBe('adhoc');

      const only = Buffer.from((await s.exportChart({ caseId: CASE, kind: 'heatmap', scenarioIds: [], adhoc, format: 'csv', asOf: null })).base64, 'base64').toString('utf8');
      expect(new Set(parseCsv(only).slice(1).map((r) => r[3]))).toEqual(new Set(['adhoc']));
      expect(parseCsv(only)[1]![1]).toBe('');

      const breakdown = await s.exportChart({ caseId: CASE, kind: 'breakdown', scenarioIds: ['alaska-terms'], adhoc, scenario: 'adhoc', format: 'svg' });
      expect(Buffer.from(breakdown.base64, 'base64').toString('utf8')).toContain('Draft: &lt;b&gt;freeze&lt;/b&gt; &amp; talk');
    } finally {
      s.close();
    }
  });

  it('refuses what does not fit the case, naming it — also when the worker finds it', async () => {
    const s = service(tempDir());
    const refusal = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (err) {
        expect(err).toBeInstanceOf(ApiError);
        expect((err as ApiError).code).toBe('invalid_input');
        return (err as ApiError).message;
      }
      throw new Error('expected a refusal');
    };
    try {
      expect(await refusal(() => s.exportChart({ caseId: CASE, kind: 'bars', scenarioIds: ['nope'], format: 'svg' }))).toContain('no scenario "nope"');
      expect(await refusal(() => s.exportChart({ caseId: CASE, kind: 'scatter', scenarioIds: [], parties: ['russia', 'atlantis'], format: 'svg' }))).toContain('"atlantis" is not a party');
      expect(await refusal(() => s.exportChart({ caseId: CASE, kind: 'breakdown', scenarioIds: ['alaska-terms'], scenario: 'us-make-the-deal', format: 'svg' }))).toContain('"us-make-the-deal" is not one of the compared scenarios');
      expect(await refusal(() => s.exportChart({ caseId: CASE, kind: 'bars', scenarioIds: [], adhoc: { name: 'x', terms: { donetsk: 'moon' } }, format: 'svg' }))).toContain('"moon" is not an option of issue "donetsk"');
      expect(await refusal(() => s.exportReport({ caseId: CASE, scenarioIds: ['alaska-terms', 'alaska-terms'] }))).toContain('given twice');
      await expect(s.exportChart({ caseId: 'no-such-case', kind: 'bars', scenarioIds: [], format: 'svg' })).rejects.toThrow(expect.objectContaining({ code: 'not_found' }));
    } finally {
      s.close();
    }
  });

  it.each([
    [{ kind: 'pie', scenarioIds: [], format: 'svg' }, 'kind'],
    [{ kind: 'bars', scenarioIds: [], format: 'gif' }, 'format'],
    [{ kind: 'bars', scenarioIds: [], format: 'png', scale: 4 }, 'scale'],
    [{ kind: 'bars', scenarioIds: [], format: 'png', width: 10 }, 'width'],
    [{ kind: 'bars', scenarioIds: Array.from({ length: 21 }, (_, i) => `s${i}`), format: 'png' }, 'scenarioIds'],
    [{ kind: 'bars', scenarioIds: [], format: 'png', asOf: '17/08/2025' }, 'asOf'],
    [{ kind: 'scatter', scenarioIds: [], format: 'png', parties: ['a'] }, 'parties'],
    [{ kind: 'bars', scenarioIds: [], format: 'png', extra: 1 }, 'extra'],
  ])('validation refuses %j, naming %s', (input, field) => {
    expect(() => validateInput('exportChart', { caseId: CASE, ...input })).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining(field) }));
  });

  needTools('exportReport returns the PDF; over the IPC reply path too', async () => {
    const dir = tempDir();
    const s = service(dir);
    try {
      const report = await s.exportReport({ caseId: CASE, scenarioIds: [] });
      expect(report).toMatchObject({ fileName: `${CASE}-report.pdf`, mime: 'application/pdf' });
      const file = path.join(dir, report.fileName);
      fs.writeFileSync(file, Buffer.from(report.base64, 'base64'));
      expect(pdfInfo(file).pages).toBe(9);

      const reply = await ipcReply(s, 'exportChart', { caseId: CASE, kind: 'radar', scenarioIds: ['alaska-terms', 'ukraine-conditions'], format: 'csv' }, () => {});
      expect(reply.ok).toBe(true);
      const bad = await ipcReply(s, 'exportChart', { caseId: CASE, kind: 'radar', scenarioIds: ['x'], format: 'csv' }, () => {});
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      s.close();
    }
  }, 60_000);

  it('a case file with scenarios beyond the 20 that can be compared asks to choose', async () => {
    const dir = tempDir();
    const c = bigCase();
    c.scenarios.push({ id: 'one-more', name: 'One more', terms: {} });
    fs.writeFileSync(path.join(dir, 'big.json'), serializeCase(c));
    const r = await cli(dir, 'chart', 'big.json', '--kind', 'bars', '--out', 'b.svg');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('21 scenarios chosen');
    expect((await cli(dir, 'chart', 'big.json', '--kind', 'bars', '--scenario', 'one-more', '--out', 'b.svg')).code).toBe(0);
  });
});
