// Issue 13, point 3: a case proposal is never silently copied under its own name, and a renamed scenario
// leaves no trace of its old name in exported file names or CSV.
import { download, pick, proposalList, resetDefaultCase, saveNew, savedList } from './builder-helpers.ts';
import { expect, openBuilder, shot, test } from './fixtures.ts';

test.beforeEach(({ page }) => resetDefaultCase(page));
test.afterEach(({ page }) => resetDefaultCase(page));
// Several steps each, some waiting on purpose (a notice's timer): room for a busy shared machine.
test.describe.configure({ timeout: 120_000 });


test('saving an edited case proposal asks for a new name instead of making a same-named copy', async ({ page }) => {
  await openBuilder(page);
  await proposalList(page).getByRole('button', { name: "Russia's Alaska terms" }).click();
  await pick(page, 'NATO membership', 'Open door, no invitation');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as a new scenario' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('proposal');
  const name = dialog.getByRole('textbox', { name: 'Name' });
  await expect(name).toHaveValue("Russia's Alaska terms (modified)");
  await expect(name).toBeFocused();
  await shot(page, '43-save-proposal-dialog');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(savedList(page).getByRole('button', { name: "Russia's Alaska terms (modified)", exact: true })).toHaveCount(1);
  await expect(page.getByRole('button', { name: "Russia's Alaska terms", exact: true })).toHaveCount(1);
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue("Russia's Alaska terms (modified)");

  // The dialog refuses a name that is already taken, and Escape leaves everything as it was.
  await proposalList(page).getByRole('button', { name: "Ukraine's conditions" }).click();
  await page.keyboard.press('Control+s');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Name' }).fill("Russia's Alaska terms (modified)");
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('already');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(savedList(page).getByRole('listitem')).toHaveCount(1);
});

test('a renamed scenario exports under its new name: file names and CSV never show the old one', async ({ page }) => {
  await openBuilder(page);
  await saveNew(page, 'Freeze first', { 'Donetsk region': 'Freeze along the contact line' });
  await page.getByRole('textbox', { name: 'Scenario name' }).fill('Ceasefire first');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(savedList(page).getByRole('button', { name: 'Ceasefire first', exact: true })).toHaveCount(1);
  await expect(savedList(page).getByRole('button', { name: 'Freeze first', exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: 'Compare' }).click();
  await page.getByRole('checkbox', { name: 'Ceasefire first', exact: true }).check();
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Ceasefire first' });
  await page.getByRole('combobox', { name: 'Export format' }).selectOption({ label: 'CSV (the numbers)' });
  const csv = await download(page, () => page.getByRole('button', { name: 'Export chart…' }).click());
  expect(csv.name).toBe('ukraine-talks-2025-08-breakdown-ceasefire-first.csv');
  expect(csv.text).toContain('ceasefire-first');
  expect(csv.text).not.toMatch(/freeze-first|Freeze first/);

  const caseFile = await download(page, () => page.getByRole('button', { name: 'Export case…' }).click());
  expect(caseFile.text).not.toMatch(/freeze-first|Freeze first/);
  expect(JSON.parse(caseFile.text).scenarios.map((s: { id: string }) => s.id)).toContain('ceasefire-first');
});
