// The positions spreadsheet in the app (DESIGN §10): export it, import a copy with one bad row (refused
// whole, the row and column named, nothing changed), then a good copy after a preview of what changes.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, goToView, openBuilder, ROOT, shot, test } from './fixtures.ts';

const CASE_ID = 'positions-csv-e2e';

async function exportCsv(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export positions (CSV)' }).click()]);
  expect(download.suggestedFilename()).toBe(`${CASE_ID}.positions.csv`);
  return fs.readFileSync((await download.path())!, 'utf8');
}

async function importCsv(page: Page, name: string, content: string) {
  const file = path.join(ROOT, 'test-results', 'downloads', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import positions (CSV)…' }).click()]);
  await chooser.setFiles(file);
}

// Chromium logs the refused import's 422 answer.
test.use({ expectedConsoleErrors: [/status of 422/] });

test('a spreadsheet with a bad row is refused whole; a good one is imported after a preview', async ({ page }) => {
  test.setTimeout(120_000);
  const fixture = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'cli-small-case.json'), 'utf8'));
  const res = await page.request.post('/api/importCase', { data: { content: JSON.stringify({ ...fixture, id: CASE_ID }) } });
  expect(res.ok()).toBe(true);
  await openBuilder(page);
  await page.getByRole('combobox', { name: 'Case' }).selectOption(CASE_ID);
  await goToView(page, 'Positions');

  const original = await exportCsv(page);
  const lines = original.split(/\r?\n/);
  expect(lines[0]).toBe('party,issue,date,salience,option,stance,utility,source,quote');
  const row = lines.findIndex((l) => l.startsWith('downstream,dam,'));
  expect(row).toBeGreaterThan(0);

  // Row numbers are a spreadsheet's: the header is row 1.
  const bad = lines.map((l, i) => (i === row ? l.replace(/^downstream,dam,,3,/, 'downstream,dam,,9,') : l)).join('\r\n');
  await importCsv(page, 'bad-positions.csv', bad);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText('“bad-positions.csv” was not imported');
  await expect(dialog.getByRole('list', { name: 'Bad rows' }).locator('li')).toHaveText([`row ${row + 1}, column salience: "9" must be a whole number from 1 to 5`]);
  await shot(page, 'positions-csv-refused');
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(await exportCsv(page)).toBe(original);

  // Downstream now finds building the dam acceptable.
  const good = lines.map((l, i) => (i === row ? l.replace(/^downstream,dam,,3,build,oppose,/, 'downstream,dam,,3,build,acceptable,') : l)).join('\r\n');
  expect(good).not.toBe(original);
  await importCsv(page, 'good-positions.csv', good);
  await expect(dialog.getByRole('heading')).toHaveText('Import “good-positions.csv”?');
  await expect(dialog).toContainText('0 statements added, 1 changed, 0 removed');
  await expect(dialog.getByRole('list', { name: 'What changes' }).locator('li')).toHaveText(['changed Downstream State on New dam (undated)']);
  await shot(page, 'positions-csv-preview');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toContainText('Imported statements from good-positions.csv: 0 added, 1 changed, 0 removed');
  await expect(page.locator('button[data-cell="downstream|dam"]')).toHaveAttribute('aria-label', /acceptable: Build the dam/);
  expect(await exportCsv(page)).toBe(good);
  // One revision, undoable.
  await expect(page.getByRole('button', { name: 'Undo: Imported statements from good-positions.csv: 0 added, 1 changed, 0 removed' })).toBeEnabled();
});
