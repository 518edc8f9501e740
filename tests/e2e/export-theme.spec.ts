// Exports are made for reports: light by default even when the app (following the OS) is dark, dark only
// when chosen in Compare. Checked in the files themselves: the PNG's and the PDF's pixels, the SVG's background.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { decodePng, pixelAt } from '../fixtures/png.ts';
import { expect, openBuilder, ROOT, shot, test } from './fixtures.ts';

const WHITE = [255, 255, 255];
/** The dark chart theme's background, #17191d. */
const DARK_BG = [0x17, 0x19, 0x1d];

async function exportChart(page: Page, format: string): Promise<string> {
  await page.getByRole('combobox', { name: 'Export format' }).selectOption({ label: format });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export chart…' }).click()]);
  const dir = path.join(ROOT, 'test-results', 'downloads', 'theme');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return file;
}

/** The colour near the top-left corner of page 1 of a PDF, drawn by poppler's pdftoppm. */
function pdfCorner(file: string): number[] {
  const out = `${file}-page`;
  execFileSync('pdftoppm', ['-png', '-r', '36', '-f', '1', '-l', '1', '-singlefile', file, out]);
  return pixelAt(decodePng(fs.readFileSync(`${out}.png`)), 2, 2);
}

test.describe('with the OS in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('exports are light by default, and dark when chosen', async ({ page }) => {
    // Six exports, each downloaded and checked with a real tool.
    test.setTimeout(90_000);
    await openBuilder(page);
    await page.getByRole('button', { name: 'Compare' }).click();
    const chart = page.getByTestId('compare-chart');
    await expect(chart).toBeVisible();
    // The app itself is dark: the chart on screen wears the dark theme.
    await expect(chart.locator('rect.background')).toHaveAttribute('fill', '#17191d');
    const theme = page.getByRole('combobox', { name: 'Export theme' });
    await expect(theme).toHaveValue('light');
    await shot(page, '14-compare-dark-export-theme');

    const png = decodePng(fs.readFileSync(await exportChart(page, 'PNG 1×')));
    expect(pixelAt(png, 2, 2)).toEqual(WHITE);
    expect(pdfCorner(await exportChart(page, 'PDF (vector)'))).toEqual(WHITE);
    expect(fs.readFileSync(await exportChart(page, 'SVG (vector)'), 'utf8')).toMatch(/<rect fill="#ffffff"[^>]*class="background"/);

    await theme.selectOption({ label: 'Dark' });
    expect(pixelAt(decodePng(fs.readFileSync(await exportChart(page, 'PNG 1×'))), 2, 2)).toEqual(DARK_BG);
    expect(pdfCorner(await exportChart(page, 'PDF (vector)'))).toEqual(DARK_BG);
    expect(fs.readFileSync(await exportChart(page, 'SVG (vector)'), 'utf8')).toMatch(/<rect fill="#17191d"[^>]*class="background"/);
  });
});
