// Authoring in the app (issue 7): a case built from nothing with the keyboard and the mouse, a later dated
// statement that moves the timeline and the as-of control, undo and redo, and bars that equal `parley score`
// on the case the app exported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { cliScore, expect, expectedLabel, goToView, openBuilder, test, type CliPartyScore } from './fixtures.ts';

const CASE_ID = 'water-talks-built-in-the-app';
const PARTIES = ['Upstream', 'Downstream', 'Mediator'];
const ISSUES: [string, string, string][] = [
  ['Dam', 'Build the dam', 'Halt the dam'],
  ['Water quota', 'Split 50–50', 'Split 70–30'],
  ['Monitoring', 'Joint commission', 'No monitoring'],
  ['Fisheries', 'Open the river', 'Close the river'],
];
/** Stances per party and issue: [salience, first option's stance, second option's stance]. */
const STATED: Record<string, [number, string, string][]> = {
  Upstream: [[5, 'demand', 'red line'], [3, 'oppose', 'demand'], [2, 'neutral', 'acceptable'], [1, 'acceptable', 'oppose']],
  Downstream: [[4, 'red line', 'demand'], [5, 'demand', 'oppose'], [3, 'demand', 'oppose'], [2, 'oppose', 'acceptable']],
  Mediator: [[2, 'acceptable', 'acceptable'], [3, 'demand', 'neutral'], [5, 'demand', 'red line'], [1, 'neutral', 'neutral']],
};
const FIRST_DATE = '2025-01-10';
const LATER_DATE = '2025-03-01';

const go = goToView;

/** Types into a field and confirms it with Enter; the case is saved when the Undo button names the change. */
async function typeAndConfirm(field: Locator, value: string) {
  await field.fill(value);
  await field.press('Enter');
}

async function undoLabel(page: Page) {
  return page.getByRole('group', { name: 'Undo and redo' }).getByRole('button').first().getAttribute('aria-label');
}

async function exportedCase(page: Page): Promise<string> {
  const res = await page.request.post('/api/exportCase', { data: { caseId: CASE_ID } });
  const body = (await res.json()) as { ok: boolean; value: { content: string } };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-')), `${CASE_ID}.json`);
  fs.writeFileSync(file, body.value.content);
  return file;
}

async function expectBars(page: Page, expected: CliPartyScore[]) {
  for (const s of expected) {
    const bar = page.getByTestId('match-chart').locator(`g.row[data-party="${s.party}"]`);
    const name = PARTIES.find((p) => p.toLowerCase() === s.party)!;
    await expect(bar).toHaveAttribute('aria-label', expectedLabel(name, s));
    expect(Number(await bar.getAttribute('data-match'))).toBeCloseTo(s.match!, 9);
  }
}

const terms = { dam: 'build-the-dam', 'water-quota': 'split-70-30', fisheries: 'open-the-river' };

async function pickTerms(page: Page) {
  for (const [issue, option] of Object.entries(terms)) {
    const i = ISSUES.find(([name]) => name.toLowerCase().replace(' ', '-') === issue)!;
    const label = [i[1], i[2]].find((l) => l.toLowerCase().replace(/[^a-z0-9]+/g, '-') === option)!;
    await page.getByRole('radiogroup', { name: i[0] }).getByRole('radio', { name: label, exact: true }).check();
  }
}

// The second test goes on with the case the first one built, in the same library.
test.describe.configure({ mode: 'serial' });

test('a case built from nothing in the app with the keyboard and mouse scores as the CLI does', async ({ page }) => {
  // Some 80 confirmed fields; generous for a loaded machine.
  test.setTimeout(300_000);
  await openBuilder(page);

  await test.step('a new, empty case says what to add', async () => {
    await go(page, 'Case');
    await typeAndConfirm(page.getByLabel('Title of a new case'), 'Water talks (built in the app)');
    await expect(page.getByRole('combobox', { name: 'Case' })).toHaveValue(CASE_ID);
    await go(page, 'Scenario builder');
    await expect(page.getByTestId('empty-case')).toContainText('has no parties and issues yet');
    await go(page, 'Compare');
    await expect(page.getByTestId('empty-case')).toBeVisible();
    await page.getByTestId('empty-case').getByRole('button', { name: 'Add parties and issues' }).click();
  });

  await test.step('parties, with a field that validates as it is typed and Escape that reverts it', async () => {
    const newParty = page.getByLabel('New party', { exact: true });
    for (const name of PARTIES) await typeAndConfirm(newParty, name);
    await expect(page.locator('li[data-party]')).toHaveCount(3);
    const reservation = page.locator('li[data-party="mediator"]').getByLabel('Reservation (0–100)');
    await reservation.fill('150');
    await expect(reservation).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('li[data-party="mediator"]')).toContainText('must be between 0 and 100');
    await reservation.press('Escape');
    await expect(reservation).toHaveValue('50');
    await reservation.fill('60');
    await reservation.press('Tab'); // leaving the field confirms it
    await expect.poll(() => undoLabel(page)).toBe('Undo: Mediator: reservation 50 → 60');
    // A name that would be empty cannot be saved, and says why.
    const name = page.locator('li[data-party="upstream"]').getByLabel('Name', { exact: true });
    await name.fill('   ');
    await expect(page.locator('li[data-party="upstream"]')).toContainText('must not be empty');
    await name.press('Escape');
    await expect(name).toHaveValue('Upstream');
  });

  await test.step('four issues with two options each, a status quo and a source', async () => {
    for (const [issue, first, second] of ISSUES) {
      await page.getByLabel('New issue', { exact: true }).fill(issue);
      await typeAndConfirm(page.getByLabel('Its first option'), first);
      await expect(page.locator('li[data-issue]').last()).toContainText(issue);
      await typeAndConfirm(page.getByLabel(`New option of ${issue}`), second);
      await expect(page.locator('li[data-issue]').last().locator('li[data-option]')).toHaveCount(2);
    }
    await page.locator('li[data-issue="monitoring"]').getByLabel('Status quo').selectOption({ label: 'No monitoring' });
    await expect.poll(() => undoLabel(page)).toMatch(/^Undo: Monitoring: status quo none → “No monitoring”$/);
    await typeAndConfirm(page.getByLabel('New source (its title)'), 'Minutes of round one');
    await expect(page.locator('li[data-source]')).toHaveCount(1);
  });

  await test.step('a statement for every party on every issue, through the positions matrix', async () => {
    await go(page, 'Positions');
    for (const [k, party] of PARTIES.entries()) {
      for (const [r, [issue, first, second]] of ISSUES.entries()) {
        const [salience, s1, s2] = STATED[party]![r]!;
        const cell = page.locator(`button[data-row="${r}"][data-col="${k}"]`);
        // Arrow keys move through the matrix; Enter opens a cell.
        if (r === 0) await cell.click();
        else {
          await page.locator(`button[data-row="${r - 1}"][data-col="${k}"]`).press('ArrowDown');
          await expect(cell).toBeFocused();
          await cell.press('Enter');
        }
        const panel = page.getByTestId('statements');
        await expect(panel.getByRole('heading')).toHaveText(`${party} on ${issue}`);
        await panel.getByRole('button', { name: 'Add statement' }).click();
        const date = panel.getByLabel('Date', { exact: true });
        await expect(date).toBeFocused();
        await typeAndConfirm(date, FIRST_DATE);
        await expect(panel.getByRole('heading', { name: `Stated ${FIRST_DATE}` })).toBeVisible();
        await panel.getByLabel('Salience').selectOption(String(salience));
        await panel.getByLabel(`Stance on ${first}`).selectOption(s1.replace(' ', '_'));
        await panel.getByLabel(`Stance on ${second}`).selectOption(s2.replace(' ', '_'));
        await expect(cell).toHaveAttribute('aria-label', new RegExp(`salience ${salience}, 1 statement`));
      }
    }
    await expect(page.getByRole('button', { name: /^Upstream on Dam: salience 5, 1 statement, latest 2025-01-10; demand: Build the dam; red line: Halt the dam$/ })).toBeVisible();
  });

  await test.step('the builder shows what `parley score` computes on the exported case', async () => {
    await go(page, 'Scenario builder');
    await pickTerms(page);
    await expectBars(page, cliScore(terms, await exportedCase(page)));
  });
});

test('a later dated statement moves the timeline and the as-of control; undo and redo with the keyboard and buttons', async ({ page }) => {
  test.setTimeout(180_000);
  await openBuilder(page);
  await page.getByRole('combobox', { name: 'Case' }).selectOption(CASE_ID);
  await expect(page.getByTestId('match-chart').locator('g.row')).toHaveCount(3);
  await pickTerms(page);

  await test.step('a later dated statement: the timeline gets a second date and the as-of control goes back', async () => {
    await go(page, 'Positions');
    await page.locator('button[data-cell="upstream|dam"]').click();
    const panel = page.getByTestId('statements');
    await expect(panel.getByLabel('Date', { exact: true })).toHaveCount(1);
    await panel.getByRole('button', { name: 'Add statement' }).click();
    // The new statement's date field appears once the statement is saved, and takes focus; typing before that
    // would change the first statement's date instead.
    const dateFields = panel.getByLabel('Date', { exact: true });
    await expect(dateFields).toHaveCount(2);
    await expect(dateFields.last()).toBeFocused();
    await typeAndConfirm(dateFields.last(), LATER_DATE);
    const later = panel.getByRole('article', { name: `Statement ${LATER_DATE}` });
    await expect(later).toBeVisible();
    // It started from the latest statement's stances; now Upstream only finds building acceptable.
    await expect(later.getByLabel('Stance on Build the dam')).toHaveValue('demand');
    await later.getByLabel('Stance on Build the dam').selectOption('acceptable');
    await expect.poll(() => undoLabel(page)).toBe(`Undo: Upstream on Dam (${LATER_DATE}): “Build the dam” demand → acceptable`);

    await go(page, 'Scenario builder');
    const file = await exportedCase(page);
    await expectBars(page, cliScore(terms, file));
    const dates = page.getByTestId('timeline-chart').locator('g.date');
    // The case's first date and the later statement's; the last point is the later statement.
    await expect(dates).toHaveCount(2);
    await dates.last().focus();
    await expect(page.locator('.tooltip')).toContainText(`Upstream on Dam (${LATER_DATE}), revised`);
    const slider = page.getByTestId('as-of').getByRole('slider');
    await slider.focus();
    await page.keyboard.press('Home');
    await expect(page.getByTestId('as-of-date')).toHaveText(FIRST_DATE);
    const before = cliScore(terms, file, FIRST_DATE);
    expect(before.find((s) => s.party === 'upstream')!.match).not.toBe(cliScore(terms, file).find((s) => s.party === 'upstream')!.match);
    await expectBars(page, before);
    await page.keyboard.press('End');
    await expect(page.getByTestId('as-of-date')).toHaveText('latest');
    await expectBars(page, cliScore(terms, file));
  });

  await test.step('undo and redo, with the keyboard and with the buttons', async () => {
    const file = await exportedCase(page);
    const latest = cliScore(terms, file);
    // Ctrl+Z outside a text field undoes the last change: Upstream demands building again.
    await page.getByRole('radiogroup', { name: 'Dam' }).getByRole('radio', { name: 'Build the dam', exact: true }).focus();
    await page.keyboard.press('Control+z');
    await expect(page.getByRole('status').filter({ hasText: 'Undone:' })).toContainText(`Undone: Upstream on Dam (${LATER_DATE}): “Build the dam” demand → acceptable`);
    const undone = latest.map((s) => (s.party === 'upstream' ? cliScore(terms, file, FIRST_DATE).find((x) => x.party === 'upstream')! : s));
    await expectBars(page, undone);
    await page.keyboard.press('Control+Shift+z');
    await expectBars(page, latest);
    await page.getByRole('button', { name: /^Undo: Upstream on Dam/ }).click();
    await expectBars(page, undone);
    await page.getByRole('button', { name: /^Redo: Upstream on Dam/ }).click();
    await expectBars(page, latest);
    await page.keyboard.press('Control+y');
    await expect(page.getByRole('button', { name: 'Nothing to redo' })).toBeDisabled();
  });
});
