import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from '@playwright/test';
import { DEFAULT_CASE_FILE, defaultCase, expect, openBuilder, ROOT, shot, test } from './fixtures.ts';

const data = defaultCase();
const KINDS = ['Heatmap', 'Grouped bars', 'Radar', 'Two-party scatter', 'Breakdown'];

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

test('every chart kind exports from the app', async ({ page }) => {
  await openCompare(page);
  for (const kind of KINDS) {
    await page.getByRole('tab', { name: kind }).click();
    for (const format of ['SVG (vector)', 'PNG 1×']) {
      const { file } = await exportAs(page, format);
      const bytes = fs.readFileSync(file);
      if (format.startsWith('SVG')) {
        expect(bytes.toString('utf8')).toContain('<svg');
        execFileSync('rsvg-convert', ['-o', `${file}.png`, file]);
      } else {
        expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect(bytes.readUInt32BE(16)).toBeGreaterThan(300);
      }
    }
  }
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });
  test('comparison charts follow the dark theme', async ({ page }) => {
    await openCompare(page);
    await page.getByRole('tab', { name: 'Grouped bars' }).click();
    await shot(page, '13-compare-bars-dark');
  });
});
