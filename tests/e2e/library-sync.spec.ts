// Another program writes to the library while the page is open: the page shows the change when it
// regains focus, without a reload, and the builder's unsaved draft stays as it was.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { E2E_LIBRARY, expect, openBuilder, ROOT, shot, test } from './fixtures.ts';

const small = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'cli-small-case.json'), 'utf8'));
const TITLE = 'Imported by the CLI while the page was open';

/** `parley import FILE --replace` into the library the page is using, as a user would in a terminal. */
function cliImport(caseFile: object): void {
  const file = path.join(ROOT, 'test-results', 'from-the-cli.json');
  fs.writeFileSync(file, JSON.stringify(caseFile));
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'parley.js'), 'import', file, '--replace', '--db', E2E_LIBRARY], { encoding: 'utf8' });
}

/** Playwright makes every page look focused; switched off, focus really moves between tabs and fires its events. */
async function realFocus(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
}

/** The user switches to another window (the terminal) and back: the page loses focus, then regains it. */
async function comeBack(page: Page): Promise<void> {
  const terminal = await page.context().newPage();
  await realFocus(terminal);
  await realFocus(page);
  await terminal.bringToFront();
  await expect.poll(() => page.evaluate(() => document.hasFocus())).toBe(false);
  await page.bringToFront();
  await expect.poll(() => page.evaluate(() => document.hasFocus())).toBe(true);
  await terminal.close();
}

test('a case imported with the CLI appears when the page regains focus, and the draft is kept', async ({ page }) => {
  await openBuilder(page);
  const picker = page.getByRole('combobox', { name: 'Case' });
  const donetsk = page.getByRole('radiogroup', { name: 'Donetsk region' }).getByRole('radio', { name: 'Freeze along the contact line', exact: true });
  await donetsk.check();
  await page.getByRole('textbox', { name: 'Scenario name' }).fill('My unsaved draft');
  await expect(picker.locator('option', { hasText: TITLE })).toHaveCount(0);

  cliImport({ ...small, id: 'from-the-cli', title: TITLE });
  await comeBack(page);
  await expect(picker.locator('option', { hasText: TITLE })).toHaveCount(1);
  await expect(donetsk).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('My unsaved draft');
  await expect(picker).toHaveValue('ukraine-talks-2025-08');
  await shot(page, '14-case-from-the-cli');
});

test('the open case, changed by the CLI, is read again on focus without losing the draft', async ({ page }) => {
  await openBuilder(page);
  const picker = page.getByRole('combobox', { name: 'Case' });
  cliImport({ ...small, id: 'from-the-cli', title: TITLE });
  await comeBack(page);
  await picker.selectOption({ label: TITLE });
  await expect(page.getByTestId('match-chart').locator('g.row')).toHaveCount(3);
  const quota = page.getByRole('radiogroup', { name: 'Water quota' }).getByRole('radio', { name: 'Half the flow', exact: true });
  await quota.check();

  const added = { id: 'added-by-cli', name: 'Added by the CLI', terms: { quota: 'most' } };
  cliImport({ ...small, id: 'from-the-cli', title: TITLE, scenarios: [...small.scenarios, added] });
  await expect(page.getByRole('button', { name: 'Added by the CLI', exact: true })).toHaveCount(0);
  await comeBack(page);
  await expect(page.getByRole('button', { name: 'Added by the CLI', exact: true })).toBeVisible();
  await expect(quota).toBeChecked();
  // Nothing changed meanwhile: coming back again reads nothing and keeps everything.
  await comeBack(page);
  await expect(quota).toBeChecked();
  await expect(picker).toHaveValue('from-the-cli');
});
