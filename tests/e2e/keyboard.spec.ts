// Issue 13, point 5: keyboard focus is never dropped on <body>, option descriptions reach the keyboard
// and screen readers, and every chart has a real table beside it.
import type { Page } from '@playwright/test';
import { focused, resetDefaultCase, saveNew, savedList } from './builder-helpers.ts';
import { defaultCase, expect, openBuilder, shot, test } from './fixtures.ts';

test.beforeEach(({ page }) => resetDefaultCase(page));
test.afterEach(({ page }) => resetDefaultCase(page));
// Several steps each, some waiting on purpose (a notice's timer): room for a busy shared machine.
test.describe.configure({ timeout: 120_000 });


const data = defaultCase() as unknown as { parties: { id: string; name: string }[]; issues: { id: string; name: string; options: { id: string; label: string; description?: string }[] }[] };

async function expectFocusKept(page: Page, what: string) {
  // Let any re-render settle before looking.
  await page.waitForTimeout(300);
  const f = await focused(page);
  expect(f.tag, `focus after ${what}`).not.toBe('BODY');
  return f;
}

test('Enter on Save keeps focus on Save', async ({ page }) => {
  await openBuilder(page);
  await page.getByRole('button', { name: 'New (status quo)' }).click();
  await page.getByRole('textbox', { name: 'Scenario name' }).fill('Keyboard save');
  const save = page.getByRole('button', { name: 'Save', exact: true });
  await save.focus();
  await page.keyboard.press('Enter');
  await expect(savedList(page).getByRole('button', { name: 'Keyboard save', exact: true })).toHaveCount(1);
  await expectFocusKept(page, 'Enter on Save');
  await expect(save).toBeFocused();
});

test('deleting a saved scenario with the keyboard moves focus to its neighbour, and Undo brings it back', async ({ page }) => {
  await openBuilder(page);
  await saveNew(page, 'First', { 'Donetsk region': 'Freeze along the contact line' });
  await saveNew(page, 'Second', { 'NATO membership': 'Ukraine never joins NATO' });
  page.on('dialog', (d) => void d.accept());
  await savedList(page).getByRole('button', { name: 'Delete First' }).focus();
  await page.keyboard.press('Enter');
  await expect(savedList(page).getByRole('button', { name: 'First', exact: true })).toHaveCount(0);
  await expectFocusKept(page, 'deleting with the keyboard');
  expect(await (await focused(page)).inside('[aria-labelledby="saved-title"]')).toBe(true);
  await page.getByRole('status').filter({ hasText: 'Deleted' }).getByRole('button', { name: 'Undo' }).click();
  await expect(savedList(page).getByRole('button', { name: 'First', exact: true })).toHaveCount(1);
});

test('Ctrl+S in the explanation chart keeps focus on the row', async ({ page }) => {
  await openBuilder(page);
  const row = page.getByTestId('why-chart').locator('g.row').nth(1);
  const issue = await row.getAttribute('data-issue');
  await row.focus();
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expectFocusKept(page, 'Ctrl+S in the explanation chart');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-issue'))).toBe(issue);
});

test('every option description is reachable by keyboard and read by screen readers', async ({ page }) => {
  await openBuilder(page);
  for (const issue of data.issues.slice(0, 3)) {
    const group = page.getByRole('radiogroup', { name: issue.name });
    for (const o of issue.options) {
      if (!o.description) continue;
      await expect(group.getByRole('radio', { name: o.label, exact: true })).toHaveAccessibleDescription(new RegExp(o.description.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    }
  }
  // Picking an option with the arrow keys shows its description on screen.
  const donetsk = data.issues[0]!;
  await page.getByRole('radiogroup', { name: donetsk.name }).getByRole('radio', { name: 'Not addressed' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radiogroup', { name: donetsk.name }).getByText(donetsk.options[0]!.description!)).toBeVisible();
});

test('the match chart and the explanation can be shown as tables', async ({ page }) => {
  await openBuilder(page);
  await page.getByRole('region', { name: 'Match with each party’s stated demands' }).getByRole('button', { name: 'Show as table' }).click();
  const match = page.getByRole('table', { name: /Match with each party/ });
  await expect(match).toBeVisible();
  await expect(match.getByRole('row')).toHaveCount(1 + data.parties.length);
  await expect(match.getByRole('columnheader', { name: 'Reservation' })).toBeVisible();
  await page.getByRole('region', { name: 'Why this score' }).getByRole('button', { name: 'Show as table' }).click();
  const why = page.getByRole('table', { name: /Contribution of each issue/ });
  await expect(why).toBeVisible();
  await expect(why.getByRole('columnheader', { name: 'Salience' })).toBeVisible();
  await shot(page, '44-builder-tables');
});

test('every Compare chart kind has a table view', async ({ page }) => {
  await openBuilder(page);
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.getByRole('button', { name: 'Show as table' }).click();
  for (const kind of ['Heatmap', 'Grouped bars', 'Radar', 'Two-party scatter', 'Breakdown']) {
    await page.getByRole('tab', { name: kind }).click();
    const table = page.getByRole('tabpanel').getByRole('table');
    await expect(table, kind).toBeVisible();
    expect(await table.getByRole('row').count(), kind).toBeGreaterThan(2);
    expect(await table.getByRole('columnheader').count(), kind).toBeGreaterThan(1);
  }
  await shot(page, '45-compare-table');
});
