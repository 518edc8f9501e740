// The hot seat in browser mode (the app's api over HTTP, as in Electron over IPC): a simulation of the open case
// played at one computer. Each hand-over unmounts the seat's screen, so the previous role's brief, draft and
// priorities are gone from the page, not hidden; the next role sees only its own.
import type { Page } from '@playwright/test';
import { expect, goToView, openBuilder, shot, test, violationsInBothThemes } from './fixtures.ts';

const RUSSIA_BRIEF = 'Moscow desk: the Donetsk line is the one thing you cannot give.';
const DEAL = { donetsk: 'contact-line', nato: 'no-decision', sanctions: 'eased', ceasefire: 'monitored-ceasefire' };

async function handOverScreen(page: Page, to: string) {
  await page.getByRole('button', { name: 'Done — hand over' }).click();
  const heading = page.getByRole('heading', { level: 1, name: `Pass the computer to ${to}` });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
}

async function takeSeat(page: Page, who: string, heading: RegExp) {
  await page.getByRole('radio', { name: who }).check();
  await page.getByRole('button', { name: /^Take the seat as/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeFocused();
}

/** Nothing of any role on the hand-over screen: no brief, no builder, no numbers of anyone's. */
async function expectNothingOfAnyRole(page: Page, secrets: string[]) {
  await expect(page.getByTestId('brief')).toHaveCount(0);
  await expect(page.locator('select, [data-testid=own-match], [data-testid=table], [data-testid=roles]')).toHaveCount(0);
  const html = await page.content();
  for (const s of secrets) expect(html).not.toContain(s);
}

test('two roles and the facilitator share one computer, with a hand-over screen between them', async ({ page }) => {
  test.setTimeout(120_000);
  await openBuilder(page);
  await goToView(page, 'Hot seat');
  await expect(page.getByRole('heading', { name: 'Hot seat: a classroom simulation on this computer' })).toBeVisible();
  // Every party of the open case is ticked by default; this class plays two of them, over two rounds.
  for (const p of ['Russia', 'Ukraine', 'United States', 'European coalition']) await expect(page.getByRole('checkbox', { name: p })).toBeChecked();
  await page.getByRole('checkbox', { name: 'United States' }).uncheck();
  await page.getByRole('checkbox', { name: 'European coalition' }).uncheck();
  await page.getByRole('spinbutton', { name: 'Rounds' }).fill('2');
  await shot(page, 'hot-seat-setup');
  await page.getByRole('button', { name: 'Start the hot seat' }).click();

  // The hot seat takes the whole window: the app's views and builder are gone.
  const first = page.getByRole('heading', { level: 1, name: 'Pass the computer to Russia' });
  await expect(first).toBeFocused();
  await expect(page.getByRole('navigation', { name: 'Views' })).toHaveCount(0);
  await expect(page.getByTestId('match-chart')).toHaveCount(0);
  await expect(page.getByRole('radio', { name: 'Russia' })).toBeChecked();
  await expect(page.getByText("(shows every role's numbers)")).toBeVisible();
  // Escape on the hand-over screen brings back nothing.
  await page.keyboard.press('Escape');
  await expect(first).toBeVisible();
  await shot(page, 'hot-seat-handover');
  expect(await violationsInBothThemes(page)).toEqual([]);

  // The facilitator writes Russia a private brief.
  await takeSeat(page, 'The facilitator', /Facilitator/);
  await expect(page.getByTestId('roles').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('roles').locator('tr[data-party="russia"]')).toContainText('not yet');
  await page.getByLabel('Russia').fill(RUSSIA_BRIEF);
  await page.getByRole('button', { name: 'Save the brief for Russia' }).click();
  await expect(page.getByLabel('Russia')).toHaveValue(RUSSIA_BRIEF);
  await shot(page, 'hot-seat-facilitator');
  await handOverScreen(page, 'Russia');

  // Russia: its brief, its own live match, a proposal.
  await takeSeat(page, 'Russia', /Russia/);
  const brief = page.getByTestId('brief');
  await expect(brief.getByRole('heading', { name: 'Your brief: Russia' })).toBeVisible();
  await expect(brief).toContainText(RUSSIA_BRIEF);
  const priorities = (await brief.locator('.priorities > li').allInnerTexts()).map((t) => t.split('\n')[0]!.trim());
  expect(priorities.length).toBeGreaterThan(3);
  for (const [issue, option] of Object.entries(DEAL)) await page.locator(`select[data-issue="${issue}"]`).selectOption(option);
  await expect(page.getByTestId('own-match').locator('.row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Propose this package' }).click();
  await expect(page.getByTestId('table')).toContainText('Proposed by Russia in round 1');
  await shot(page, 'hot-seat-role-russia');
  expect(await violationsInBothThemes(page)).toEqual([]);

  // Hand over: Russia's brief, priorities and draft leave the page; the next role in order is offered.
  await handOverScreen(page, 'Ukraine');
  await expect(page.getByRole('radio', { name: 'Ukraine' })).toBeChecked();
  await expectNothingOfAnyRole(page, [RUSSIA_BRIEF, 'Your brief', ...priorities]);
  await page.keyboard.press('Escape');
  await expectNothingOfAnyRole(page, [RUSSIA_BRIEF, 'Your brief']);

  // Ukraine sees its own brief only, and the package on the table.
  await takeSeat(page, 'Ukraine', /Ukraine/);
  await expect(page.getByTestId('brief').getByRole('heading', { name: 'Your brief: Ukraine' })).toBeVisible();
  await expect(page.getByTestId('brief')).toHaveCount(1);
  expect(await page.content()).not.toContain(RUSSIA_BRIEF);
  await expect(page.getByTestId('own-match').locator('.row')).toHaveCount(1);
  await expect(page.getByTestId('table')).toContainText('Proposed by Russia');
  await shot(page, 'hot-seat-role-ukraine');
  expect(await violationsInBothThemes(page)).toEqual([]);
  await page.getByRole('button', { name: 'Accept this package' }).click();
  await expect(page.getByTestId('phase')).toContainText('Agreement reached.');

  // The simulation is over: the roles may open the debrief too.
  await page.getByRole('button', { name: 'Debrief' }).click();
  await expect(page.getByTestId('history-chart').locator('g.mark')).toHaveCount(2);
  await expect(page.getByTestId('debrief-agreement')).toContainText('The agreement (offer #1) against each reservation');
  await handOverScreen(page, 'Russia');
  await expect(page.getByText('Agreement reached.')).toBeVisible();
  await takeSeat(page, 'The facilitator', /Facilitator/);
  await page.getByRole('button', { name: 'Debrief' }).click();
  await expect(page.getByTestId('debrief-maximin')).toContainText('Its worst match is');
  await shot(page, 'hot-seat-debrief');

  // Leaving brings the app back; the simulation is stored and can be resumed.
  await handOverScreen(page, 'Russia');
  await page.getByRole('button', { name: 'Leave hot seat' }).click();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hot seat: a classroom simulation on this computer' })).toBeFocused();
  const stored = page.getByTestId('stored-simulations');
  await expect(stored.locator('tbody tr').first()).toContainText('Russia, Ukraine');
  await expect(stored.locator('tbody tr').first()).toContainText('agreement reached');
  await stored.getByRole('button', { name: /^Resume/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pass the computer to Russia' })).toBeFocused();
  await expect(page.getByText('Agreement reached.')).toBeVisible();
});
