import path from 'node:path';
import { expect, openBuilder, ROOT, shot, test } from './fixtures.ts';

const fixture = (name: string) => path.join(ROOT, 'tests', 'fixtures', name);

test.describe('a refused import', () => {
  test.use({ expectedConsoleErrors: [/status of 422/] });
  test('a malformed case file is refused with every error named, and the library is unchanged', async ({ page }) => {
  await openBuilder(page);
  const picker = page.getByRole('combobox', { name: 'Case' });
  const before = await picker.locator('option').allTextContents();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import case…' }).click()]);
  await chooser.setFiles(fixture('cli-invalid-case.json'));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('invalid case file');
  // Each problem is listed with its JSON path.
  await expect(alert.locator('li').first()).toContainText(/^[a-z]+(\[\d+\])?[.\w[\]-]*: /);
  expect(await picker.locator('option').allTextContents()).toEqual(before);
  await shot(page, '08-import-refused');
  });
});

test('a valid case file is imported and opened', async ({ page }) => {
  await openBuilder(page);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import case…' }).click()]);
  await chooser.setFiles(fixture('cli-small-case.json'));
  await expect(page.getByRole('status')).toContainText('Imported “Water-sharing talks (test case)”');
  await expect(page.getByRole('combobox', { name: 'Case' })).toHaveValue('cli-small');
  await expect(page.getByTestId('match-chart').locator('g.row')).toHaveCount(3);
  await expect(page.getByTestId('match-chart').getByRole('img', { name: /^Mediator, "neutral": / })).toHaveCount(1);
  await shot(page, '09-imported-case');
});
