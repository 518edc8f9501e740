import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from '@playwright/test';
import { CHART_KIND_LABELS, COMPARE_KINDS } from '../../src-core/charts/chart-kinds.ts';
import { DARK, LIGHT } from '../../src-core/charts/palette.ts';
import { DEFAULT_CASE_FILE, defaultCase, E2E_LIBRARY, expect, openBuilder, ROOT, shot, test } from './fixtures.ts';

const data = defaultCase();
// The tabs of Compare that draw the compared scenarios. "Over time" (one scenario across dates) is tested in
// authoring.spec.ts, the robustness kinds (ranges, tornado) in robustness.spec.ts.
const TABS = COMPARE_KINDS.filter((k) => k !== 'timeline');
const KINDS = TABS.map((k) => CHART_KIND_LABELS[k]);

/** The same chart's numbers from the real CLI, on the library the page shows, with the app's defaults. */
function cliCsv(kind: string): string {
  const out = path.join(ROOT, 'test-results', 'downloads', `cli-${kind}.csv`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'parley.js'), 'chart', 'ukraine-talks-2025-08', '--kind', kind, '--out', out, '--db', E2E_LIBRARY]);
  return fs.readFileSync(out, 'utf8');
}

const unescapeXml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** The accessible name of an SVG file's root element: the chart's title and subtitle. */
const svgLabel = (svg: string) => unescapeXml(/<svg[^>]*\saria-label="([^"]*)"/.exec(svg)?.[1] ?? '');

/** Every scenario of the default case, scored by the real CLI. */
function cliReport(): { scenarios: { id: string; name: string; parties: { party: string; match: number; redLines: string[] }[] }[] } {
  return JSON.parse(execFileSync(process.execPath, [path.join(ROOT, 'bin', 'parley.js'), 'score', DEFAULT_CASE_FILE, '--format', 'json'], { encoding: 'utf8' }));
}

async function openCompare(page: Page) {
  await openBuilder(page);
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByTestId('compare-chart')).toBeVisible();
}

async function exportAs(page: Page, format: string, button = 'Export chart…'): Promise<{ file: string; download: Download }> {
  await page.getByRole('combobox', { name: 'Export format' }).selectOption({ label: format });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const dir = path.join(ROOT, 'test-results', 'downloads');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return { file, download };
}

test('the compare view shows every chosen scenario against every party, with the CLI numbers', async ({ page }) => {
  await openCompare(page);
  const chart = page.getByTestId('compare-chart');
  for (const s of cliReport().scenarios) {
    for (const p of s.parties) {
      const name = data.parties.find((x) => x.id === p.party)!.name;
      const base = `${s.name} — ${name}: ${(Math.round(p.match * 10) / 10).toFixed(1)}% match`;
      const label = p.redLines.length ? `${base}, ${p.redLines.length} red line${p.redLines.length === 1 ? '' : 's'} crossed` : base;
      await expect(chart.getByRole('img', { name: label, exact: true })).toHaveCount(1);
    }
  }
  await shot(page, '10-compare-heatmap');
});

test('every chart kind draws, reachable with the arrow keys, and each mark has a text alternative', async ({ page }) => {
  await openCompare(page);
  await page.getByRole('tab', { name: 'Heatmap' }).focus();
  for (const [i, kind] of KINDS.entries()) {
    if (i > 0) await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: kind })).toHaveAttribute('aria-selected', 'true');
    const chart = page.getByTestId('compare-chart');
    const marks = chart.locator('[role=img]');
    expect(await marks.count()).toBeGreaterThan(3);
    const unlabeled = await marks.evaluateAll((els) => els.filter((e) => !e.getAttribute('aria-label')).length);
    expect(unlabeled).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, `11-compare-${kind.toLowerCase().replace(/\s+/g, '-')}`);
  }
});

test('the current draft from the builder can join the comparison', async ({ page }) => {
  await openBuilder(page);
  await page.getByRole('button', { name: 'New (status quo)' }).click();
  await page.getByRole('textbox', { name: 'Scenario name' }).fill('Freeze now');
  await page.getByRole('radiogroup', { name: 'Donetsk region' }).getByRole('radio', { name: 'Freeze along the contact line', exact: true }).check();
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.getByRole('checkbox', { name: 'Current draft: Freeze now' }).check();
  await expect(page.getByTestId('compare-chart').getByRole('img', { name: /^Current draft: Freeze now — Russia: / })).toHaveCount(1);
});

test('exports open in the tools people use: SVG, PNG 2×, PDF, CSV and the report', async ({ page }) => {
  await openCompare(page);

  const svg = await exportAs(page, 'SVG (vector)');
  const svgText = fs.readFileSync(svg.file, 'utf8');
  expect(svgText.startsWith('<svg') || svgText.startsWith('<?xml')).toBe(true);
  // An independent renderer draws it.
  execFileSync('rsvg-convert', ['-o', path.join(path.dirname(svg.file), 'check.png'), svg.file]);

  const png = await exportAs(page, 'PNG 2×');
  const bytes = fs.readFileSync(png.file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const svgWidth = Number(/width="(\d+(?:\.\d+)?)"/.exec(svgText)![1]);
  expect(width).toBe(Math.round(svgWidth * 2));
  expect(height).toBeGreaterThan(200);

  const pdf = await exportAs(page, 'PDF (vector)');
  expect(execFileSync('pdfinfo', [pdf.file], { encoding: 'utf8' })).toMatch(/Pages:\s+1\b/);

  const csv = await exportAs(page, 'CSV (the numbers)');
  const rows = fs.readFileSync(csv.file, 'utf8').trim().split(/\r?\n/);
  expect(rows.length).toBeGreaterThan(data.scenarios.length * data.parties.length);

  const report = await exportAs(page, 'PDF (vector)', 'Export report…');
  expect(report.download.suggestedFilename()).toMatch(/\.pdf$/);
  const info = execFileSync('pdfinfo', [report.file], { encoding: 'utf8' });
  expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(1 + data.scenarios.length);
  await expect(page.getByRole('status').first()).toContainText('Exported');
  await shot(page, '12-compare-exported');
});

test('every chart kind exports from the app as that kind: its title, and the numbers the CLI gives for the library', async ({ page }) => {
  test.setTimeout(120_000); // fifteen exports and five CLI runs
  await openCompare(page);
  for (const [i, label] of KINDS.entries()) {
    const kind = TABS[i]!;
    await page.getByRole('tab', { name: label }).click();
    const shown = page.getByTestId('compare-chart');
    await expect(shown).toHaveAttribute('data-kind', kind);
    const title = await shown.getAttribute('aria-label');
    expect(title).toBeTruthy();
    for (const format of ['SVG (vector)', 'PNG 1×']) {
      const { file } = await exportAs(page, format);
      const bytes = fs.readFileSync(file);
      if (format.startsWith('SVG')) {
        const svg = bytes.toString('utf8');
        expect(svg).toContain(`data-kind="${kind}"`);
        expect(svgLabel(svg)).toBe(title);
        execFileSync('rsvg-convert', ['-o', `${file}.png`, file]);
      } else {
        expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect(bytes.readUInt32BE(16)).toBeGreaterThan(300);
      }
    }
    const csv = await exportAs(page, 'CSV (the numbers)');
    expect(path.basename(csv.file)).toContain(`-${kind}`);
    expect(fs.readFileSync(csv.file, 'utf8')).toBe(cliCsv(kind));
  }
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });
  test('comparison charts are drawn in the dark theme’s colours on screen, and exported light for print by default', async ({ page }) => {
    await openCompare(page);
    await page.getByRole('tab', { name: 'Grouped bars' }).click();
    const chart = page.getByTestId('compare-chart');
    await expect(chart.locator('rect.background')).toHaveAttribute('fill', DARK.background);
    const textFills = new Set(await chart.locator('text').evaluateAll((ts) => ts.map((t) => t.getAttribute('fill'))));
    expect(textFills.has(DARK.text), [...textFills].join(' ')).toBe(true);
    expect(textFills.has(LIGHT.text) || textFills.has(LIGHT.muted), [...textFills].join(' ')).toBe(false);
    const { file } = await exportAs(page, 'SVG (vector)');
    const svg = fs.readFileSync(file, 'utf8');
    // Exports default to the light theme whatever the app's (issue 13, point 8); export-theme.spec.ts checks the Dark choice.
    expect(svg).toMatch(new RegExp(`class="background"[^>]*fill="${LIGHT.background}"|fill="${LIGHT.background}"[^>]*class="background"`));
    await shot(page, '13-compare-bars-dark');
  });
});
