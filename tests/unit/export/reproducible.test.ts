// Reproducible exports: the same case, scenarios and options give the same bytes — SVG, PNG, PDF, CSV and
// the report, exported twice in one process and by two separate `parley` processes. The report is dated by
// the case (or --date), and a PDF carries a creation date only when SOURCE_DATE_EPOCH asks for one.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART_FORMATS, CHART_KINDS } from '../../../src-core/charts/index.ts';
import { chartFile, reportFile } from '../../../src-main/export/export-files.ts';
import { pdfCreationDate } from '../../../src-main/export/pdf-export.ts';
import { bigCase, ROOT, ukraine, UKRAINE_FILE } from '../charts/chart-fixtures.ts';
import { itWithTools, pdfText, tempDir } from './export-helpers.ts';

const needTools = itWithTools(['pdfinfo', 'pdftotext']);

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('exporting twice in one process', () => {
  const c = ukraine();
  it.each(CHART_KINDS.flatMap((kind) => CHART_FORMATS.map((format) => [kind, format] as const)))('%s as %s gives the same bytes', (kind, format) => {
    const request = { kind, format, sortBy: 'worst' as const, ...(format === 'png' && { scale: 2 as const }) };
    const a = chartFile(c, c.scenarios, c.asOf ?? null, request).data;
    const b = chartFile(c, c.scenarios, c.asOf ?? null, request).data;
    expect(a.length).toBeGreaterThan(100);
    expect(sha(b)).toBe(sha(a));
    expect(b.equals(a)).toBe(true);
  });

  it('the report, and the 12 parties × 20 scenarios heatmap as PDF, give the same bytes', async () => {
    const a = reportFile(c, c.scenarios, c.asOf ?? null).data;
    // PDFKit would otherwise stamp the time to the millisecond: let the clock move on.
    await new Promise((r) => setTimeout(r, 20));
    expect(reportFile(c, c.scenarios, c.asOf ?? null).data.equals(a)).toBe(true);
    const big = bigCase();
    const h = chartFile(big, big.scenarios, big.asOf ?? null, { kind: 'heatmap', format: 'pdf', sortBy: 'worst' }).data;
    await new Promise((r) => setTimeout(r, 20));
    expect(chartFile(big, big.scenarios, big.asOf ?? null, { kind: 'heatmap', format: 'pdf', sortBy: 'worst' }).data.equals(h)).toBe(true);
  }, 60_000);
});

describe('SOURCE_DATE_EPOCH', () => {
  it('is the creation date when set, none when unset, and refused when not a whole number', () => {
    expect(pdfCreationDate({})).toBeUndefined();
    expect(pdfCreationDate({ SOURCE_DATE_EPOCH: '' })).toBeUndefined();
    expect(pdfCreationDate({ SOURCE_DATE_EPOCH: '1755388800' })?.toISOString()).toBe('2025-08-17T00:00:00.000Z');
    expect(() => pdfCreationDate({ SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/SOURCE_DATE_EPOCH is "yesterday": it must be a whole number of seconds/);
  });
});

describe('two parley processes', () => {
  const run = (dir: string, env: Record<string, string>, ...args: string[]) => {
    const { SOURCE_DATE_EPOCH: _drop, ...base } = process.env;
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/parley.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...base, PARLEY_DB: path.join(dir, 'library.sqlite'), ...env } });
    return r;
  };
  const info = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });

  needTools('write byte-identical charts and reports; the PDFs carry no creation date', () => {
    const dir = tempDir();
    const outputs = [
      ['chart', UKRAINE_FILE, '--kind', 'bars', '--out'],
      ['chart', UKRAINE_FILE, '--kind', 'heatmap', '--scale', '2', '--out'],
      ['chart', UKRAINE_FILE, '--kind', 'radar', '--out'],
      ['report', UKRAINE_FILE, '--out'],
    ];
    const files = ['bars.svg', 'heatmap.png', 'radar.pdf', 'report.pdf'];
    for (const round of ['1', '2']) {
      outputs.forEach((args, i) => {
        const r = run(dir, {}, ...args, `${round}-${files[i]}`);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
      });
    }
    for (const f of files) expect(fs.readFileSync(path.join(dir, `2-${f}`)).equals(fs.readFileSync(path.join(dir, `1-${f}`))), f).toBe(true);
    for (const f of ['radar.pdf', 'report.pdf']) {
      expect(info(path.join(dir, `1-${f}`))).not.toMatch(/CreationDate/);
      expect(info(path.join(dir, `1-${f}`))).toMatch(/Producer:\s+Parley/);
    }
    // Dated by the case, not by the day it was made.
    expect(pdfText(path.join(dir, '1-report.pdf'))).toContain(`Report dated ${ukraine().asOf} · case ukraine-talks-2025-08`);
  }, 180_000);

  needTools('with SOURCE_DATE_EPOCH the PDFs say that date, and are still identical', () => {
    const dir = tempDir();
    const env = { SOURCE_DATE_EPOCH: '1755388800', TZ: 'UTC' };
    for (const round of ['1', '2']) {
      expect(run(dir, env, 'report', UKRAINE_FILE, '--date', '2025-09-01', '--out', `${round}.pdf`).status).toBe(0);
      expect(run(dir, env, 'chart', UKRAINE_FILE, '--kind', 'breakdown', '--out', `${round}-b.pdf`).status).toBe(0);
    }
    expect(fs.readFileSync(path.join(dir, '2.pdf')).equals(fs.readFileSync(path.join(dir, '1.pdf')))).toBe(true);
    expect(fs.readFileSync(path.join(dir, '2-b.pdf')).equals(fs.readFileSync(path.join(dir, '1-b.pdf')))).toBe(true);
    for (const f of ['1.pdf', '1-b.pdf']) {
      const text = execFileSync('pdfinfo', ['-isodates', path.join(dir, f)], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
      expect(text).toMatch(/CreationDate:\s+2025-08-17T00:00:00/);
      expect(text).toMatch(/ModDate:\s+2025-08-17T00:00:00/);
    }
    expect(pdfText(path.join(dir, '1.pdf'))).toContain('Report dated 2025-09-01 · case ukraine-talks-2025-08');
  }, 180_000);

  it('a bad --date or SOURCE_DATE_EPOCH is refused with one clear line and no file', () => {
    const dir = tempDir();
    const badDate = run(dir, {}, 'report', UKRAINE_FILE, '--date', '1.9.2025', '--out', 'r.pdf');
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toContain('--date must be a date written YYYY-MM-DD');
    const badEpoch = run(dir, { SOURCE_DATE_EPOCH: 'soon' }, 'chart', UKRAINE_FILE, '--kind', 'bars', '--out', 'b.pdf');
    expect(badEpoch.status).toBe(1);
    expect(badEpoch.stderr).toBe('parley: SOURCE_DATE_EPOCH is "soon": it must be a whole number of seconds since 1970-01-01 (or unset)\n');
    expect(fs.readdirSync(dir).filter((f) => !f.startsWith('library.sqlite'))).toEqual([]);
  }, 60_000);
});
