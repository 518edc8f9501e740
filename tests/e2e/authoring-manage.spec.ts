// Managing a case in the app (issue 7): a copy of a case, whose rules (Case view) and a statement's utility
// override (Positions) rescore Compare as `parley score` does; Compare's as-of control; deleting a referenced party (what refers to it listed first,
// undo restores the case byte for byte); the History panel going back to an earlier revision; undo after a
// reload; a deleted case restored.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, goToView, newCaseCopy, openBuilder, ROOT, test } from './fixtures.ts';

const COPY = 'manage-copy';

const go = goToView;

async function openCopy(page: Page) {
  await openBuilder(page);
  await page.getByRole('combobox', { name: 'Case' }).selectOption(COPY);
  await expect(page.getByTestId('match-chart').locator('g.row')).toHaveCount(4);
}

async function exported(page: Page): Promise<string> {
  const res = await page.request.post('/api/exportCase', { data: { caseId: COPY } });
  return ((await res.json()) as { value: { content: string } }).value.content;
}

const undoButton = (page: Page) => page.getByRole('group', { name: 'Undo and redo' }).getByRole('button').first();

/** The labels Compare's heatmap must carry for every scenario and party, from the real CLI on the exported case. */
async function cliLabels(page: Page, asOf?: string): Promise<string[]> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-')), `${COPY}.json`);
  fs.writeFileSync(file, await exported(page));
  const out = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'parley.js'), 'score', file, '--format', 'json', ...(asOf ? ['--as-of', asOf] : [])], { encoding: 'utf8' });
  const c = JSON.parse(fs.readFileSync(file, 'utf8')) as { parties: { id: string; name: string }[] };
  const report = JSON.parse(out) as { scenarios: { name: string; parties: { party: string; match: number | null; redLines: string[] }[] }[] };
  return report.scenarios.flatMap((s) =>
    s.parties.map((p) => {
      const score = p.match === null ? 'no basis' : `${(Math.round(p.match * 10) / 10).toFixed(1)}% match`;
      const base = `${s.name} — ${c.parties.find((x) => x.id === p.party)!.name}: ${score}`;
      return p.redLines.length ? `${base}, ${p.redLines.length} red line${p.redLines.length === 1 ? '' : 's'} crossed` : base;
    }),
  );
}

async function expectCompare(page: Page, labels: string[]) {
  const chart = page.getByTestId('compare-chart');
  for (const label of labels) await expect(chart.getByRole('img', { name: label, exact: true })).toHaveCount(1);
}

test.describe.configure({ mode: 'serial' });

test('a copied case: a stance utility (Case view) and a utility override (Positions) rescore Compare as the CLI does; Compare goes back in time', async ({ page }) => {
  test.setTimeout(180_000);
  await openBuilder(page);
  await go(page, 'Case');
  await newCaseCopy(page, 'Manage copy');
  await expect(page.getByRole('combobox', { name: 'Case' })).toHaveValue(COPY);

  await go(page, 'Compare');
  const latest = await cliLabels(page);
  await expectCompare(page, latest);
  const slider = page.getByTestId('as-of').getByRole('slider');
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('as-of-date')).toHaveText('2025-08-15');
  const earlier = await cliLabels(page, '2025-08-15');
  expect(earlier).not.toEqual(latest);
  await expectCompare(page, earlier);
  await page.keyboard.press('End');
  await expect(page.getByTestId('as-of-date')).toHaveText('latest');
  await expectCompare(page, latest);

  await go(page, 'Case');
  const demand = page.getByRole('group', { name: 'Utility of each stance (0–100)' }).getByLabel('Demand', { exact: true });
  await demand.fill('60');
  await demand.press('Enter');
  await expect(undoButton(page)).toHaveAttribute('aria-label', /^Undo: .*demand.*100 → 60/i);
  await go(page, 'Compare');
  const changed = await cliLabels(page);
  expect(changed).not.toEqual(latest);
  await expectCompare(page, changed);

  // A utility override on one statement: Compare follows it too.
  await go(page, 'Positions');
  await page.locator('button[data-cell="russia|donetsk"]').click();
  const statement = page.getByTestId('statements').getByRole('article').last();
  const override = statement.getByLabel(/^Utility override for Ukraine cedes all of Donetsk/);
  await override.fill('35');
  await override.press('Enter');
  await expect(undoButton(page)).toHaveAttribute('aria-label', /^Undo: Russia on Donetsk region/);
  await go(page, 'Compare');
  const overridden = await cliLabels(page);
  expect(overridden).not.toEqual(changed);
  await expectCompare(page, overridden);
});

test('deleting a referenced party lists what refers to it first; Cancel changes nothing; undo restores the case byte for byte', async ({ page }) => {
  test.setTimeout(120_000);
  await openCopy(page);
  await go(page, 'Case');
  const before = await exported(page);
  const undoBefore = await undoButton(page).getAttribute('aria-label');
  const statements = (JSON.parse(before) as { positions: { party: string }[] }).positions.filter((p) => p.party === 'russia').length;
  expect(statements).toBeGreaterThan(1);

  const remove = page.locator('li[data-party="russia"]').getByRole('button', { name: 'Delete Russia' });
  await remove.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Delete party “Russia”?');
  await expect(dialog.locator('li')).toHaveCount(statements);
  for (const li of await dialog.locator('li').allTextContents()) expect(li).toMatch(/^statement of Russia on /);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('li[data-party]')).toHaveCount(4);
  await expect(undoButton(page)).toHaveAttribute('aria-label', undoBefore!);
  expect(await exported(page)).toBe(before);

  await remove.click();
  await dialog.getByRole('button', { name: 'Delete it and what refers to it' }).click();
  await expect(page.locator('li[data-party]')).toHaveCount(3);
  const gone = JSON.parse(await exported(page)) as { positions: { party: string }[] };
  expect(gone.positions.some((p) => p.party === 'russia')).toBe(false);
  await page.getByRole('heading', { name: 'Parties' }).click();
  await page.keyboard.press('Control+z');
  await expect(page.locator('li[data-party]')).toHaveCount(4);
  expect(await exported(page)).toBe(before);
});

test('the History panel goes back to an earlier revision; undo survives a reload; a deleted case is restored whole', async ({ page }) => {
  test.setTimeout(120_000);
  await openCopy(page);
  await go(page, 'Case');
  const title = page.getByRole('region', { name: 'Case' }).getByLabel('Title', { exact: true });
  await title.fill('Manage copy, renamed');
  await title.press('Enter');
  await expect(undoButton(page)).toHaveAttribute('aria-label', /^Undo: .*Manage copy, renamed/);

  // The server keeps the revisions: after a reload the Undo button still names the last change.
  await openCopy(page);
  await expect(undoButton(page)).toHaveAttribute('aria-label', /^Undo: .*Manage copy, renamed/);

  await go(page, 'History');
  const list = page.getByRole('list', { name: 'Revisions, newest first' });
  const utility = list.locator('li').filter({ hasText: /100 → 60/ });
  await utility.getByRole('button', { name: 'Go back to this' }).click();
  await expect(utility).toContainText('current');
  await expect(list.locator('li').first()).toContainText('undone');
  await go(page, 'Case');
  await expect(page.getByRole('region', { name: 'Case' }).getByLabel('Title', { exact: true })).toHaveValue('Manage copy');
  // Redo: the utility override, then the new title.
  await page.getByRole('button', { name: /^Redo: Russia on Donetsk region/ }).click();
  await page.getByRole('button', { name: /^Redo: .*Manage copy, renamed/ }).click();
  await expect(page.getByRole('region', { name: 'Case' }).getByLabel('Title', { exact: true })).toHaveValue('Manage copy, renamed');

  const before = await exported(page);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Delete this case…' }).click();
  await expect(page.getByRole('combobox', { name: 'Case' }).locator(`option[value="${COPY}"]`)).toHaveCount(0);
  await go(page, 'Case');
  await page.getByText(/^Deleted cases \(\d+\)$/).click();
  await page.getByRole('button', { name: 'Restore Manage copy, renamed' }).click();
  await expect(page.getByRole('combobox', { name: 'Case' })).toHaveValue(COPY);
  expect(await exported(page)).toBe(before);
});
