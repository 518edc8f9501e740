// Issue 13, points 2, 6 and 10: what a newcomer tripped over in the builder and Compare.
import fs from 'node:fs';
import path from 'node:path';
import { chooseFile, proposalList, resetDefaultCase, savedList, writeTemp } from './builder-helpers.ts';
import { defaultCase, expect, openBuilder, ROOT, shot, test } from './fixtures.ts';

test.beforeEach(({ page }) => resetDefaultCase(page));
test.afterEach(({ page }) => resetDefaultCase(page));
// Several steps each, some waiting on purpose (a notice's timer): room for a busy shared machine.
test.describe.configure({ timeout: 120_000 });


const data = defaultCase() as unknown as { parties: { id: string; name: string; description?: string }[] };

test('the "Not addressed" choice wears the markers of the status quo it stands for', async ({ page }) => {
  await openBuilder(page);
  const group = page.getByRole('radiogroup', { name: 'Security guarantees for Ukraine' });
  const none = group.getByRole('radio', { name: 'Not addressed' });
  await expect(none).toHaveAccessibleDescription(/No guarantees.*Ukraine red line/);
  await expect(group.locator('.option').first()).toContainText('✕ Ukraine');
  // The explicit option shows the same marker.
  await expect(group.locator('.option').nth(1)).toContainText('✕ Ukraine');
});

test('case scenarios without a source are proposals, not saved scenarios with a delete button', async ({ page }) => {
  await openBuilder(page);
  // The water-sharing test case under an id of its own (another test imports it as it is).
  const small = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'cli-small-case.json'), 'utf8'));
  await chooseFile(page, page.getByRole('button', { name: 'Import case…' }), writeTemp('sourceless.json', { ...small, id: 'cli-small-sourceless' }));
  await expect(page.getByRole('combobox', { name: 'Case' })).toHaveValue('cli-small-sourceless');
  for (const name of ['Split the flow', 'Nothing agreed', 'Halt the dam, share, "monitor"']) await expect(proposalList(page).getByRole('button', { name, exact: true })).toHaveCount(1);
  await expect(savedList(page).getByRole('button')).toHaveCount(0);
});

test('the explanation prints no "−0.0", sets a space before the source’s dash, and shows who the party is', async ({ page }) => {
  await openBuilder(page);
  await proposalList(page).getByRole('button', { name: "Russia's Alaska terms" }).click();
  for (const party of data.parties) {
    await page.getByRole('group', { name: 'Explain the score of' }).getByRole('button', { name: party.name, exact: true }).click();
    const list = page.getByRole('list', { name: 'Issue by issue' });
    await expect(list.locator('li').first()).toBeVisible();
    expect(await list.textContent()).not.toContain('−0.0');
    for (const q of await list.locator('blockquote').allTextContents()) if (q.includes('—')) expect(q).toMatch(/” — /);
    await expect(page.getByRole('region', { name: 'Why this score' })).toContainText(party.description!.slice(0, 40));
  }
});

test('notices float over the layout, info goes away by itself, errors stay until dismissed', async ({ page }) => {
  await openBuilder(page);
  const top = async () => (await page.locator('main').boundingBox())!.y;
  const before = await top();
  await page.keyboard.press('Control+s');
  const info = page.getByRole('status').filter({ hasText: 'Saved' });
  await expect(info).toBeVisible();
  expect(await top()).toBe(before);
  await expect(info).toHaveCount(0, { timeout: 12_000 });

  await page.getByRole('textbox', { name: 'Scenario name' }).fill('   ');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const error = page.getByRole('alert').filter({ hasText: 'name' });
  await expect(error).toBeVisible();
  expect(await top()).toBe(before);
  await page.waitForTimeout(9_000);
  await expect(error).toBeVisible();
  await error.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(error).toHaveCount(0);
});

test.describe('printing', () => {
  test.use({ colorScheme: 'dark' });
  test('prints the builder on light paper without the controls around it, nothing cut off', async ({ page }) => {
    await openBuilder(page);
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    await expect(page.getByRole('button', { name: 'Import case…' })).toBeHidden();
    await expect(page.getByRole('navigation', { name: 'Views' })).toBeHidden();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    // Scroll panes unroll: the whole list of terms is printed, not the part that fits the window.
    const clipped = await page.evaluate(() => [...document.querySelectorAll('main *')].filter((e) => e.clientHeight > 2 && ['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight + 1).length);
    expect(clipped).toBe(0);
    await page.pdf({ path: path.join(ROOT, 'test-results', 'screenshots', '46-builder-print.pdf') });
  });
});

test('the scatter never plots a party against itself, and exporting needs a chart', async ({ page }) => {
  await openBuilder(page);
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.getByRole('tab', { name: 'Two-party scatter' }).click();
  const x = page.getByRole('combobox', { name: 'Horizontal' });
  const y = page.getByRole('combobox', { name: 'Vertical' });
  const [px, py] = [await x.inputValue(), await y.inputValue()];
  expect(px).not.toBe(py);
  // Choosing the vertical party for the horizontal axis swaps the two, and the other way round.
  await x.selectOption(py);
  await expect(y).toHaveValue(px);
  await y.selectOption(py);
  await expect(x).toHaveValue(px);
  await expect(page.getByTestId('compare-chart')).toHaveAttribute('aria-label', /vs/);

  // One scenario is no scatter: Export chart is disabled and says why.
  await page.getByRole('button', { name: 'None', exact: true }).click();
  await page.getByRole('checkbox', { name: "Russia's Alaska terms" }).check();
  const exportChart = page.getByRole('button', { name: 'Export chart…' });
  await expect(exportChart).toBeDisabled();
  await expect(exportChart).toHaveAccessibleDescription(/at least two scenarios/);
  await expect(page.getByText(/Choose at least two scenarios/).first()).toBeVisible();
  // The breakdown of that one scenario is a chart, so it exports.
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await expect(exportChart).toBeEnabled();
  await shot(page, '47-compare-one-scenario');
});
