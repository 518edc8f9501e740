import { DARK, LIGHT } from '../../src-core/charts/palette.ts';
import { cliScore, defaultCase, expect, expectedLabel, openBuilder, shot, test } from './fixtures.ts';

const data = defaultCase();
const partyName = new Map(data.parties.map((p) => [p.id, p.name]));
const issue = (id: string) => data.issues.find((i) => i.id === id)!;
const optionLabel = (issueId: string, optionId: string) => issue(issueId).options.find((o) => o.id === optionId)!.label;

test('the default case opens in the scenario builder', async ({ page }) => {
  await openBuilder(page);
  await expect(page.getByRole('combobox', { name: 'Case' })).toHaveValue('ukraine-talks-2025-08');
  for (const i of data.issues) {
    const group = page.getByRole('radiogroup', { name: i.name });
    await expect(group).toBeVisible();
    await expect(group.getByRole('radio', { name: 'Not addressed' })).toBeChecked();
    for (const o of i.options) await expect(group.getByRole('radio', { name: o.label, exact: true })).toHaveCount(1);
  }
  // The untouched scenario is the status quo; every bar says what the CLI says.
  const expected = cliScore({});
  for (const s of expected) {
    await expect(page.getByRole('img', { name: expectedLabel(partyName.get(s.party)!, s), exact: true })).toBeVisible();
  }
  // Fits a 1280×800 window without horizontal scrolling.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, '01-builder-default-case');
});

test('picking terms moves every bar to the number the CLI computes', async ({ page }) => {
  await openBuilder(page);
  const steps: [string, string][] = [
    ['donetsk', 'contact-line'],
    ['nato', 'never'],
    ['security-guarantees', 'binding-with-us'],
    ['sanctions', 'eased'],
    ['ceasefire', 'monitored-ceasefire'],
  ];
  const terms: Record<string, string> = {};
  for (const [issueId, optionId] of steps) {
    await page.getByRole('radiogroup', { name: issue(issueId).name }).getByRole('radio', { name: optionLabel(issueId, optionId), exact: true }).check();
    terms[issueId] = optionId;
    for (const s of cliScore(terms)) {
      const bar = page.getByTestId('match-chart').locator(`g.row[data-party="${s.party}"]`);
      await expect(bar).toHaveAttribute('aria-label', expectedLabel(partyName.get(s.party)!, s));
      // The bar carries the engine's unrounded number, identical to the CLI's JSON.
      expect(Number(await bar.getAttribute('data-match'))).toBeCloseTo(s.match!, 9);
    }
  }
  // After the animation the bar's drawn length matches the score.
  await page.waitForTimeout(600);
  const widths = await page.getByTestId('match-chart').locator('g.row').evaluateAll((rows) =>
    rows.map((r) => ({ party: r.getAttribute('data-party'), bar: Number(r.querySelector('rect.bar')!.getAttribute('width')), track: Number(r.querySelector('rect.track')!.getAttribute('width')) })),
  );
  for (const s of cliScore(terms)) {
    const w = widths.find((x) => x.party === s.party)!;
    expect(w.bar / w.track).toBeCloseTo(s.match! / 100, 3);
  }
  await shot(page, '02-builder-terms-picked');
});

test("a case proposal loads in one click and shows the red lines it crosses", async ({ page }) => {
  await openBuilder(page);
  await page.getByRole('button', { name: "Russia's Alaska terms" }).click();
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue("Russia's Alaska terms");
  const alaska = data.scenarios.find((s) => s.id === 'alaska-terms')!;
  const ukraine = cliScore(alaska.terms).find((s) => s.party === 'ukraine')!;
  expect(ukraine.redLines.length).toBeGreaterThan(0);
  await expect(page.getByRole('img', { name: expectedLabel('Ukraine', ukraine), exact: true })).toBeVisible();
  await shot(page, '03-builder-alaska-terms');
});

test('a saved scenario survives a reload', async ({ page }) => {
  await openBuilder(page);
  await page.getByRole('button', { name: 'New (status quo)' }).click();
  await page.getByRole('radiogroup', { name: issue('donetsk').name }).getByRole('radio', { name: optionLabel('donetsk', 'contact-line'), exact: true }).check();
  await page.getByRole('radiogroup', { name: issue('prisoners-children').name }).getByRole('radio', { name: optionLabel('prisoners-children', 'full-return'), exact: true }).check();
  const name = page.getByRole('textbox', { name: 'Scenario name' });
  await name.fill('Freeze & swap <b>test</b>');
  await page.getByRole('button', { name: 'Notes' }).click();
  await page.getByRole('textbox', { name: 'Scenario notes' }).fill('Contact-line freeze with a full prisoner exchange.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Saved');
  await expect(page.getByText('● unsaved')).toHaveCount(0);

  // Start something else, then reload: the saved scenario is still in the library.
  await page.getByRole('button', { name: 'New (status quo)' }).click();
  await page.reload();
  await expect(page.getByTestId('match-chart').locator('g.row')).toHaveCount(4);
  const saved = page.getByRole('list', { name: 'Saved scenarios' });
  // User text is shown as text, never as markup.
  await saved.getByRole('button', { name: 'Freeze & swap <b>test</b>', exact: true }).click();
  await expect(page.locator('b', { hasText: 'test' })).toHaveCount(0);
  await expect(name).toHaveValue('Freeze & swap <b>test</b>');
  await expect(page.getByRole('radiogroup', { name: issue('donetsk').name }).getByRole('radio', { name: optionLabel('donetsk', 'contact-line'), exact: true })).toBeChecked();
  await expect(page.getByRole('radiogroup', { name: issue('prisoners-children').name }).getByRole('radio', { name: optionLabel('prisoners-children', 'full-return'), exact: true })).toBeChecked();
  await page.getByRole('button', { name: 'Notes' }).click();
  await expect(page.getByRole('textbox', { name: 'Scenario notes' })).toHaveValue('Contact-line freeze with a full prisoner exchange.');
  await shot(page, '04-builder-saved-scenario');

  // Delete it again (confirming the dialog); it is gone after a reload too.
  page.once('dialog', (d) => void d.accept());
  await saved.getByRole('button', { name: 'Delete Freeze & swap <b>test</b>' }).click();
  await expect(saved.getByRole('button', { name: 'Freeze & swap <b>test</b>', exact: true })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('match-chart').locator('g.row')).toHaveCount(4);
  await expect(page.getByRole('list', { name: 'Saved scenarios' }).getByRole('button', { name: 'Freeze & swap <b>test</b>', exact: true })).toHaveCount(0);
});

test("the explanation lists exactly the issues the party has a stake in, with quotes", async ({ page }) => {
  await openBuilder(page);
  for (const party of data.parties) {
    await page.getByRole('group', { name: 'Explain the score of' }).getByRole('button', { name: party.name, exact: true }).click();
    const staked = data.issues.filter((i) => data.positions.some((p) => p.party === party.id && p.issue === i.id)).map((i) => i.id);
    await expect(page.getByRole('list', { name: 'Issue by issue' }).locator('li')).toHaveCount(staked.length);
    const listed = await page.getByRole('list', { name: 'Issue by issue' }).locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-issue')));
    expect(listed).toEqual(staked);
    await expect(page.getByTestId('why-chart').locator('g.row')).toHaveCount(staked.length);
  }
  // Focusing a row of the chart shows its stance, salience and quote.
  const firstRow = page.getByTestId('why-chart').locator('g.row').first();
  await firstRow.focus();
  await expect(page.locator('.tooltip')).toContainText('salience');
  await expect(page.locator('.tooltip blockquote')).not.toBeEmpty();
  await shot(page, '05-builder-why-this-score');
});

test('terms can be chosen with the keyboard alone', async ({ page }) => {
  await openBuilder(page);
  const donetsk = page.getByRole('radiogroup', { name: issue('donetsk').name });
  await donetsk.getByRole('radio', { name: 'Not addressed' }).focus();
  await page.keyboard.press('ArrowDown');
  const first = issue('donetsk').options[0]!;
  await expect(donetsk.getByRole('radio', { name: first.label, exact: true })).toBeChecked();
  await page.keyboard.press('ArrowDown');
  const second = issue('donetsk').options[1]!;
  await expect(donetsk.getByRole('radio', { name: second.label, exact: true })).toBeChecked();
  // Tab leaves the group for the next one; arrows pick there too.
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  const land = issue('occupied-land');
  await expect(page.getByRole('radiogroup', { name: land.name }).getByRole('radio', { name: land.options[0]!.label, exact: true })).toBeChecked();
  for (const s of cliScore({ donetsk: second.id, 'occupied-land': land.options[0]!.id })) {
    await expect(page.getByTestId('match-chart').locator(`g.row[data-party="${s.party}"]`)).toHaveAttribute('aria-label', expectedLabel(partyName.get(s.party)!, s));
  }
  // Ctrl+S saves from anywhere.
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status')).toContainText('Saved');
  await shot(page, '06-builder-keyboard');
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });
  test('follows the OS and stays readable', async ({ page }) => {
    await openBuilder(page);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(17, 19, 22)');
    await page.getByRole('button', { name: 'Ukraine\'s conditions' }).click();
    // The charts are drawn in the dark theme's colours, not only the page around them.
    const chart = page.getByTestId('match-chart');
    for (const track of await chart.locator('rect.track').all()) await expect(track).toHaveAttribute('fill', DARK.track);
    const textFills = new Set(await chart.locator('text').evaluateAll((ts) => ts.map((t) => t.getAttribute('fill'))));
    expect(textFills.has(DARK.text), [...textFills].join(' ')).toBe(true);
    expect(textFills.has(LIGHT.text) || textFills.has(LIGHT.muted), [...textFills].join(' ')).toBe(false);
    await shot(page, '07-builder-dark');
  });
});
