// Issue 13, point 1 (the app's side): re-importing a case says exactly what will be lost before anything
// is written, keeps the scenarios saved in the app, and can be undone; scenarios travel on their own.
import { chooseFile, download, proposalList, resetDefaultCase, saveNew, savedList, shippedCase, writeTemp } from './builder-helpers.ts';
import { expect, openBuilder, shot, test } from './fixtures.ts';

test.beforeEach(({ page }) => resetDefaultCase(page));
test.afterEach(({ page }) => resetDefaultCase(page));
// Several steps each, some waiting on purpose (a notice's timer): room for a busy shared machine.
test.describe.configure({ timeout: 120_000 });


/** The shipped case as a colleague might have revised it. */
function revisedCase() {
  const c = shippedCase();
  c.parties[0].reservation = 80;
  c.scenarios = c.scenarios.filter((s: { id: string }) => s.id !== 'us-make-the-deal');
  c.scenarios.push({ id: 'my-deal', name: 'Their deal', terms: { nato: 'never' } });
  // Drop the amnesty option of War-crimes accountability, and every statement about it.
  const acc = c.issues.find((i: { id: string }) => i.id === 'accountability');
  acc.options = acc.options.filter((o: { id: string }) => o.id !== 'amnesty');
  for (const p of c.positions) {
    delete p.stances.amnesty;
    if (p.utilities) delete p.utilities.amnesty;
  }
  // Russia's statements all go: a long list, shown grouped with its count.
  c.positions = c.positions.filter((p: { party: string }) => p.party !== 'russia');
  return c;
}

test('re-importing a case lists what will be lost; Cancel changes nothing; Replace keeps saved scenarios and can be undone', async ({ page }) => {
  await openBuilder(page);
  await saveNew(page, 'My deal', { 'Donetsk region': 'Freeze along the contact line' });
  await saveNew(page, 'Keep me', { 'War-crimes accountability': 'General amnesty', 'NATO membership': 'Ukraine never joins NATO' });
  const file = writeTemp('ukraine-talks-2025-08.json', revisedCase());
  const importButton = page.getByRole('button', { name: 'Import case…' });

  await chooseFile(page, importButton, file);
  const dialog = page.getByRole('dialog', { name: /^Replace/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('My deal');
  await expect(dialog).toContainText(/“Keep me” loses its term on War-crimes accountability/);
  await expect(dialog).toContainText('“Russia”');
  await expect(dialog).toContainText('US "make the deal" push');
  await expect(dialog).toContainText(/Statements removed \(\d+\)/);
  await shot(page, '40-reimport-dialog');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(importButton).toBeFocused();
  await expect(savedList(page).getByRole('button', { name: 'My deal', exact: true })).toHaveCount(1);
  await expect(proposalList(page).getByRole('button', { name: 'US "make the deal" push' })).toHaveCount(1);

  await chooseFile(page, importButton, file);
  await page.getByRole('dialog', { name: /^Replace/ }).getByRole('button', { name: 'Replace' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Replaced' });
  await expect(notice).toBeVisible();
  await expect(savedList(page).getByRole('button', { name: 'Keep me', exact: true })).toHaveCount(1);
  await expect(savedList(page).getByRole('button', { name: 'My deal', exact: true })).toHaveCount(0);
  await expect(proposalList(page).getByRole('button', { name: 'Their deal' })).toHaveCount(1);
  await shot(page, '41-reimport-replaced');

  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(savedList(page).getByRole('button', { name: 'My deal', exact: true })).toHaveCount(1);
  await expect(proposalList(page).getByRole('button', { name: 'US "make the deal" push' })).toHaveCount(1);
  await expect(proposalList(page).getByRole('button', { name: 'Their deal' })).toHaveCount(0);
});

test('a teacher collects scenarios: export the saved ones, import them into the case, and see what was added, renamed or skipped', async ({ page }) => {
  await openBuilder(page);
  await saveNew(page, 'Student A', { 'Donetsk region': 'Freeze along the contact line' });
  const out = await download(page, () => page.getByRole('button', { name: 'Export saved scenarios…' }).click());
  expect(out.name).toBe('ukraine-talks-2025-08.scenarios.json');
  const file = JSON.parse(out.text);
  expect(file.format).toBe('parley-scenarios');
  expect(file.scenarios.map((s: { name: string }) => s.name)).toEqual(['Student A']);

  // Another student's file: the same scenario, one with the same id and name but other terms, and a new one.
  const other = { ...file, scenarios: [file.scenarios[0], { ...file.scenarios[0], terms: { nato: 'never' } }, { id: 'student-b', name: 'Student B', terms: { sanctions: 'eased' } }] };
  await chooseFile(page, page.getByRole('button', { name: 'Import scenarios…' }), writeTemp('class.scenarios.json', other));
  const result = page.getByRole('status').filter({ hasText: 'Imported 2 scenarios' });
  await expect(result).toBeVisible();
  await expect(result).toContainText('“Student B”');
  await expect(result).toContainText('“Student A” as “Student A (2)”');
  await expect(result).toContainText(/skipped “Student A”/);
  for (const name of ['Student A', 'Student A (2)', 'Student B']) await expect(savedList(page).getByRole('button', { name, exact: true })).toHaveCount(1);
  await shot(page, '42-scenarios-imported');
});
