// `parley chart`: every chart kind in every format, written by the CLI (in-process, and once through the
// built binary) into a temp folder and checked with tools that have nothing to do with how it was made.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeCase } from '../../../src-core/case-file.ts';
import { compareData } from '../../../src-core/charts/compare-data.ts';
import { CHART_FORMATS, CHART_KINDS, chartCsv, defaultChartSize, type ChartKind, type ChartSettings } from '../../../src-core/charts/index.ts';

/** What `parley chart` draws when given no options: like the app, heatmap rows sorted by the worst match. */
const CLI_DEFAULTS: ChartSettings = { sortBy: 'worst' };
import { scoreReport } from '../../../src-core/score-report.ts';
import { runCli } from '../../../src-main/cli/main.ts';
import { svgToPdf } from '../../../src-main/export/pdf-export.ts';
import { pngFonts, svgToPng } from '../../../src-main/export/png-export.ts';
import { shapeTextOnce } from '../../../src-main/export/png-text.ts';
import { renderChart } from '../../../src-main/export/svg-export.ts';
import { bigCase, dataOf, EVIL_ISSUE, EVIL_PARTY, EVIL_SCENARIO, evilCase, evilFlipCase, ROOT, ukraine, UKRAINE_FILE } from '../charts/chart-fixtures.ts';
import { decodePng, itWithTools, inkShare, parseCsv, parseSvg, pdfInfo, pdfText, pngSize, resvgRender, rsvgRender, tempDir } from './export-helpers.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(dir: string, ...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { PARLEY_DB: path.join(dir, 'library.sqlite') }, cwd: dir });
  return { code, stdout, stderr };
}

const needTools = itWithTools(['rsvg-convert', 'pdfinfo', 'pdftotext']);

/** Checks one exported file of the default case against independent tools and the engine. */
function checkFile(file: string, kind: ChartKind, format: (typeof CHART_FORMATS)[number]): void {
  const c = ukraine();
  const data = dataOf(c);
  const size = defaultChartSize(kind, data, CLI_DEFAULTS);
  const bytes = fs.readFileSync(file);
  if (format === 'svg') {
    const text = bytes.toString('utf8');
    const doc = parseSvg(text);
    const root = doc.documentElement;
    expect(root.localName).toBe('svg');
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect([root.getAttribute('width'), root.getAttribute('height')]).toEqual([String(size.width), String(size.height)]);
    expect(root.getAttribute('font-family')).toContain('DejaVu Sans');
    // Text is text: the names are in <text> elements, not paths.
    expect(Array.from(doc.querySelectorAll('text')).some((t) => t.textContent?.includes('Ukraine'))).toBe(true);
    const byRsvg = rsvgRender(file);
    expect([byRsvg.width, byRsvg.height]).toEqual([size.width, size.height]);
    expect(inkShare(byRsvg)).toBeGreaterThan(0.02);
    expect(inkShare(resvgRender(text))).toBeGreaterThan(0.02);
  } else if (format === 'png') {
    const png = decodePng(bytes);
    expect([png.width, png.height]).toEqual([size.width, size.height]);
    expect(inkShare(png)).toBeGreaterThan(0.02);
  } else if (format === 'pdf') {
    const info = pdfInfo(file);
    expect(info.pages).toBe(1);
    expect(info.width).toBeCloseTo(size.width, 0);
    expect(info.height).toBeCloseTo(size.height, 0);
    // Vector text, not an image of text.
    const text = pdfText(file).replace(/\s+/g, ' ');
    expect(text).toContain('how well the scenario');
    expect(text).not.toMatch(/DESIGN|§/);
  } else {
    const text = bytes.toString('utf8');
    expect(text).toBe(chartCsv(kind, data, CLI_DEFAULTS));
    const [header, ...rows] = parseCsv(text);
    if (kind === 'tornado') {
      // One row per direction of each flip, as the engine found them.
      const sides = data.robustness!.sides.flatMap((x) => [x.down, x.up].filter(Boolean).map((side) => [x.party, x.issue, String(side!.to), side!.best]));
      expect(rows.map((r) => ['party', 'issue', 'to', 'best'].map((col) => r[header!.indexOf(col)]))).toEqual(sides);
      return;
    }
    const report = scoreReport(c, c.scenarios, c.asOf ?? null);
    const matchCol = header!.includes('match') ? 'match' : 'x_match';
    for (const r of rows) {
      const s = report.scenarios.find((x) => x.id === r[header!.indexOf('scenario')])!;
      const partyId = r[header!.indexOf(matchCol === 'match' ? 'party' : 'x_party')]!;
      expect(Number(r[header!.indexOf(matchCol)])).toBe(s.parties.find((p) => p.party === partyId)!.match);
    }
  }
}

describe('parley chart on the default case', () => {
  const cases = CHART_KINDS.flatMap((kind) => CHART_FORMATS.map((format) => [kind, format] as const));

  needTools.each(cases)('%s as %s', async (kind, format) => {
    const dir = tempDir();
    const out = path.join(dir, `${kind}.${format}`);
    const r = await cli(dir, 'chart', UKRAINE_FILE, '--kind', kind, '--out', out);
    expect(r).toEqual({ code: 0, stdout: `wrote ${out}\n`, stderr: '' });
    checkFile(out, kind, format);
    // Written atomically: nothing but the file itself is left in the folder.
    expect(fs.readdirSync(dir).filter((f) => f !== 'library.sqlite' && !f.startsWith('library.sqlite-'))).toEqual([`${kind}.${format}`]);
  });

  it.each([1, 2, 3])('PNG at %i× has exactly width × scale by height × scale pixels', async (scale) => {
    const dir = tempDir();
    const r = await cli(dir, 'chart', UKRAINE_FILE, '--kind', 'bars', '--out', 'b.png', '--width', '601', '--height', '433', '--scale', String(scale));
    expect(r.code).toBe(0);
    expect(pngSize(fs.readFileSync(path.join(dir, 'b.png')))).toEqual({ width: 601 * scale, height: 433 * scale });
    const def = await cli(dir, 'chart', UKRAINE_FILE, '--kind', 'heatmap', '--out', 'h.png', '--scale', String(scale));
    expect(def.code).toBe(0);
    const size = defaultChartSize('heatmap', dataOf(ukraine()), CLI_DEFAULTS);
    expect(pngSize(fs.readFileSync(path.join(dir, 'h.png')))).toEqual({ width: size.width * scale, height: size.height * scale });
  });

  it('takes the scenarios, the parties, the sort order, the theme and the as-of date it is given', async () => {
    const dir = tempDir();
    const r = await cli(dir, 'chart', UKRAINE_FILE, '--kind', 'scatter', '--scenario', 'us-make-the-deal', '--scenario', 'alaska-terms', '--parties', 'europe,united-states', '--out', 's.csv', '--as-of', '2025-08-16');
    expect(r.code).toBe(0);
    const c = ukraine();
    const data = compareData(c, [c.scenarios[2]!, c.scenarios[0]!], '2025-08-16');
    expect(fs.readFileSync(path.join(dir, 's.csv'), 'utf8')).toBe(chartCsv('scatter', data, { ...CLI_DEFAULTS, parties: ['europe', 'united-states'] }));

    expect((await cli(dir, 'chart', UKRAINE_FILE, '--kind', 'heatmap', '--sort', 'mean', '--out', 'h.csv')).code).toBe(0);
    const rows = parseCsv(fs.readFileSync(path.join(dir, 'h.csv'), 'utf8'));
    const means = [...new Set(rows.slice(1).map((row) => Number(row.at(-1))))];
    expect(means).toEqual([...means].sort((a, b) => b - a));

    expect((await cli(dir, 'chart', UKRAINE_FILE, '--kind', 'radar', '--theme', 'dark', '--out', 'd.png')).code).toBe(0);
    const png = decodePng(fs.readFileSync(path.join(dir, 'd.png')));
    expect(Array.from(png.pixels.subarray(0, 3))).toEqual([0x17, 0x19, 0x1d]);

    expect((await cli(dir, 'chart', UKRAINE_FILE, '--kind', 'breakdown', '--scenario', 'europe-ceasefire-first', '--out', 'b.svg')).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'b.svg'), 'utf8')).toContain('European ceasefire-first plan');
  });

  it('reads the case from the library by id', async () => {
    const dir = tempDir();
    const r = await cli(dir, 'chart', 'ukraine-talks-2025-08', '--kind', 'heatmap', '--out', 'h.csv');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'h.csv'), 'utf8')).toBe(chartCsv('heatmap', dataOf(ukraine()), CLI_DEFAULTS));
  });

  it('--help explains every option', async () => {
    const r = await cli(tempDir(), 'chart', '--help');
    expect(r.code).toBe(0);
    for (const flag of ['--kind', '--scenario', '--parties', '--out', '--width', '--height', '--scale', '--theme', '--as-of', '--sort', '--db']) expect(r.stdout).toContain(flag);
  });

  it.each([
    [['--kind', 'pie', '--out', 'x.svg'], 2, '--kind must be one of'],
    [['--out', 'x.svg'], 2, '--kind is required'],
    [['--kind', 'bars'], 2, '--out FILE is required'],
    [['--kind', 'bars', '--out', 'x.gif'], 2, 'must end in .svg, .png, .pdf, .csv'],
    [['--kind', 'bars', '--out', 'x.svg', '--scale', '2'], 2, '--scale applies to PNG output only'],
    [['--kind', 'bars', '--out', 'x.png', '--scale', '4'], 2, '--scale must be a whole number from 1 to 3'],
    [['--kind', 'bars', '--out', 'x.png', '--width', 'wide'], 2, '--width must be a whole number'],
    [['--kind', 'bars', '--out', 'x.png', '--as-of', 'yesterday'], 2, '--as-of must be a date'],
    [['--kind', 'scatter', '--out', 'x.png', '--parties', 'russia'], 2, '--parties takes two party ids'],
    [['--kind', 'scatter', '--out', 'x.png', '--parties', 'russia,atlantis'], 1, '"atlantis" is not a party of case "ukraine-talks-2025-08"'],
    [['--kind', 'bars', '--out', 'x.png', '--scenario', 'nope'], 1, 'no scenario "nope" in case "ukraine-talks-2025-08"'],
    [['--kind', 'bars', '--out', 'missing/x.png'], 1, 'does not exist'],
  ])('%j exits %i: %s', async (args, code, message) => {
    const dir = tempDir();
    const r = await cli(dir, 'chart', UKRAINE_FILE, ...(args as string[]));
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.split('\n')[0]!.startsWith('parley: ')).toBe(true);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(fs.readdirSync(dir).filter((f) => !f.startsWith('library.sqlite'))).toEqual([]);
  });
});

describe('a generated case with 12 parties and 20 scenarios', () => {
  needTools.each(CHART_KINDS)('%s exports as SVG, PNG, PDF and CSV', async (kind) => {
    const dir = tempDir();
    const c = bigCase();
    fs.writeFileSync(path.join(dir, 'big.json'), serializeCase(c));
    const data = dataOf(c);
    const size = defaultChartSize(kind, data, CLI_DEFAULTS);
    for (const format of CHART_FORMATS) {
      const r = await cli(dir, 'chart', 'big.json', '--kind', kind, '--out', `${kind}.${format}`);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    expect(inkShare(rsvgRender(path.join(dir, `${kind}.svg`)))).toBeGreaterThan(0.02);
    expect(pngSize(fs.readFileSync(path.join(dir, `${kind}.png`)))).toEqual(size);
    expect(pdfInfo(path.join(dir, `${kind}.pdf`)).pages).toBe(1);
    expect(fs.readFileSync(path.join(dir, `${kind}.csv`), 'utf8')).toBe(chartCsv(kind, data, CLI_DEFAULTS));
  });
});

describe('names with markup, ampersands and quotes', () => {
  needTools.each(CHART_KINDS)('stay text in the %s SVG and PDF', async (kind) => {
    const dir = tempDir();
    // The small case has no flip point, so the tornado is drawn from one that has.
    fs.writeFileSync(path.join(dir, 'evil.json'), serializeCase(kind === 'tornado' ? evilFlipCase() : evilCase()));
    const scenario = kind === 'breakdown' ? ['--scenario', 'split'] : [];
    expect((await cli(dir, 'chart', 'evil.json', '--kind', kind, ...scenario, '--out', 'c.svg')).code).toBe(0);
    const svgText = fs.readFileSync(path.join(dir, 'c.svg'), 'utf8');
    expect(svgText).not.toMatch(/<script/i);
    expect(svgText).not.toContain('<b>');
    const doc = parseSvg(svgText);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    const texts = Array.from(doc.querySelectorAll('text, title')).map((t) => t.textContent ?? '');
    expect(texts.some((t) => t.includes(EVIL_PARTY))).toBe(true);
    expect(texts.some((t) => t.includes(kind === 'breakdown' ? EVIL_ISSUE : EVIL_SCENARIO))).toBe(true);
    // librsvg parses it as strict XML and draws it.
    expect(inkShare(rsvgRender(path.join(dir, 'c.svg')))).toBeGreaterThan(0.02);

    expect((await cli(dir, 'chart', 'evil.json', '--kind', kind, ...scenario, '--out', 'c.pdf')).code).toBe(0);
    const text = pdfText(path.join(dir, 'c.pdf')).replace(/\s+/g, ' ');
    // Long names are cut to fit (the full name is in a <title>), so only their start is certain everywhere.
    expect(text).toContain('<script>alert(');
    if (kind === 'bars' || kind === 'scatter') expect(text).toContain(EVIL_PARTY);
    if (kind === 'bars' || kind === 'heatmap') expect(text).toContain(EVIL_SCENARIO);
  });
});

describe('PNG fonts', () => {
  it('draws Latin, Cyrillic and ✕ with the DejaVu files alone, and loads the system fonts for other scripts', () => {
    expect(pngFonts('<text>Україна ✕ Ελλάδα – “quoted”</text>')).toEqual({ loadSystemFonts: false, fontFiles: [expect.stringMatching(/DejaVuSans\.ttf$/), expect.stringMatching(/DejaVuSans-Bold\.ttf$/)] });
    expect(pngFonts('<text>中国</text>')).toEqual({ loadSystemFonts: true });
    expect(pngFonts('<text>مصر</text>')).toEqual({ loadSystemFonts: true });
  });

  // Each repeated text is shaped once and reused (png-text.ts): the picture is resvg's own, give or take one
  // anti-aliasing step (a quarter of the range) on a few glyph edges.
  it.each([
    ['bars of the default case', 'bars', ukraine],
    ['heatmap of the default case', 'heatmap', ukraine],
    ['bars of 12 parties × 20 scenarios', 'bars', bigCase],
  ] as const)('draws the %s as resvg does with every system font and every text shaped in place', (_name, kind, makeCase) => {
    const { svg } = renderChart(kind, dataOf(makeCase()));
    const fast = decodePng(svgToPng(svg, 2));
    const r = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }, shapeRendering: 2, textRendering: 1 }).render();
    expect([fast.width, fast.height]).toEqual([r.width, r.height]);
    const ref = new Uint8Array(r.pixels);
    let differing = 0;
    let largest = 0;
    for (let i = 0; i < ref.length; i += 4) {
      const d = Math.max(Math.abs(fast.pixels[i]! - ref[i]!), Math.abs(fast.pixels[i + 1]! - ref[i + 1]!), Math.abs(fast.pixels[i + 2]! - ref[i + 2]!));
      if (d > 0) differing++;
      largest = Math.max(largest, d);
    }
    expect(differing / (ref.length / 4)).toBeLessThan(1e-4);
    expect(largest).toBeLessThanOrEqual(72);
  }, 60_000);
});

describe('shapeTextOnce', () => {
  const toPaths = (helper: string) => new Resvg(helper, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).toString();
  const svg = [
    '<svg xmlns="http://www.w3.org/2000/svg" font-size="12" font-family="DejaVu Sans" width="200" height="100">',
    '<g fill="#333333"><text x="10" y="20" text-anchor="end">Russia</text></g>',
    '<text x="10" y="40" text-anchor="end" fill="#0072B2">Russia</text>',
    '<text x="10" y="60" font-weight="700">Russia</text>',
    '<text x="10" y="80" font-weight="700" transform="rotate(-45 10 80)">Russia</text>',
    '<text x="10" y="90">once &amp; only</text>',
    '<text x="30" y="90" dy="2">Russia</text>',
    '</svg>',
  ].join('');

  it('draws each repeated text from one set of paths, placed and coloured as each occurrence', () => {
    const out = shapeTextOnce(svg, toPaths);
    expect(out.match(/<g id="parley-text-\d+">/g)).toHaveLength(2);
    expect(out).toContain('<use href="#parley-text-0" x="10" y="20"/>');
    expect(out).toContain('<use href="#parley-text-0" x="10" y="40" fill="#0072B2"/>');
    expect(out).toContain('<use href="#parley-text-1" x="10" y="80" transform="rotate(-45 10 80)"/>');
    // The paths take their colour from where they are used.
    expect(out.slice(out.indexOf('<defs>'), out.indexOf('</defs>'))).not.toMatch(/fill=/);
    // A text seen once, or with an attribute this does not know, stays text.
    expect(out).toContain('<text x="10" y="90">once &amp; only</text>');
    expect(out).toContain('<text x="30" y="90" dy="2">Russia</text>');
  });

  it('leaves an SVG without repeated text as it is', () => {
    const plain = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text x="1" y="5">a</text></svg>';
    expect(shapeTextOnce(plain, toPaths)).toBe(plain);
  });
});

describe('PDF fonts', () => {
  needTools('without DejaVu Sans, Helvetica draws the chart with look-alikes for what it lacks', () => {
    const dir = tempDir();
    const { svg, width, height } = renderChart('bars', dataOf(ukraine()));
    const file = path.join(dir, 'h.pdf');
    fs.writeFileSync(file, svgToPdf(svg, width, height, { fonts: 'helvetica' }));
    expect(pdfInfo(file).pages).toBe(1);
    const text = pdfText(file);
    expect(text).toContain('Match per party, by scenario');
    expect(text).toContain('×');
    expect(text).not.toContain('✕');
  });

  needTools('with DejaVu Sans, the ✕ of a red line is the real character', () => {
    const dir = tempDir();
    const { svg, width, height } = renderChart('bars', dataOf(ukraine()));
    const file = path.join(dir, 'h.pdf');
    fs.writeFileSync(file, svgToPdf(svg, width, height));
    expect(pdfText(file)).toContain('✕');
  });
});

describe('the built binary', () => {
  // The bundle is built once for the whole run by tests/unit/global-setup.ts.
  needTools('writes a chart and a report', () => {
    const dir = tempDir();
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/parley.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, PARLEY_DB: path.join(dir, 'library.sqlite'), PARLEY_DEBUG: '' } });
    const chart = run('chart', UKRAINE_FILE, '--kind', 'radar', '--out', 'radar.png', '--scale', '2');
    expect(chart.stderr).toBe('');
    expect(chart.status).toBe(0);
    const size = defaultChartSize('radar', dataOf(ukraine()), CLI_DEFAULTS);
    expect(pngSize(fs.readFileSync(path.join(dir, 'radar.png')))).toEqual({ width: size.width * 2, height: size.height * 2 });
    const pdf = run('chart', 'ukraine-talks-2025-08', '--kind', 'scatter', '--out', 'scatter.pdf');
    expect(pdf.status).toBe(0);
    expect(pdfInfo(path.join(dir, 'scatter.pdf')).pages).toBe(1);
    const report = run('report', UKRAINE_FILE, '--out', 'report.pdf');
    expect(report.status).toBe(0);
    expect(pdfInfo(path.join(dir, 'report.pdf')).pages).toBe(9);
    const bad = run('chart', UKRAINE_FILE, '--kind', 'pie', '--out', 'x.svg');
    expect(bad.status).toBe(2);
    expect(bad.stderr.startsWith('parley: --kind must be one of')).toBe(true);
  }, 60_000);
});
