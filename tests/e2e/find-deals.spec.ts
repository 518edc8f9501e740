import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { serializeCase } from '../../src-core/case-file.ts';
import { generateCase } from '../fixtures/generate-case.ts';
import { cliScore, defaultCase, expect, expectedLabel, goToView, openBuilder, shot, test } from './fixtures.ts';

const data = defaultCase();
const partyName = new Map(data.parties.map((p) => [p.id, p.name]));
const issue = (id: string) => data.issues.find((i) => i.id === id)!;
const optionLabel = (issueId: string, optionId: string) => issue(issueId).options.find((o) => o.id === optionId)!.label;

async function openFindDeals(page: Page) {
  await openBuilder(page);
  await goToView(page, 'Find deals');
  await expect(page.getByRole('heading', { name: 'Find deals' })).toBeVisible();
}

/** The terms the builder shows as chosen, read from its radio groups. */
async function builderTerms(page: Page): Promise<Record<string, string>> {
  const checked = await page.locator('fieldset[data-issue] input[type=radio]:checked').evaluateAll((radios) =>
    radios.map((r) => [r.closest('fieldset')!.getAttribute('data-issue')!, (r as HTMLInputElement).value] as const),
  );
  return Object.fromEntries(checked.filter(([, v]) => v && v !== 'on'));
}

async function expectBarsEqualCli(page: Page, terms: Record<string, string>) {
  for (const s of cliScore(terms)) {
    const bar = page.getByTestId('match-chart').locator(`g.row[data-party="${s.party}"]`);
    await expect(bar).toHaveAttribute('aria-label', expectedLabel(partyName.get(s.party)!, s));
    expect(Number(await bar.getAttribute('data-match'))).toBeCloseTo(s.match!, 9);
  }
}

test('the best package loads into the builder in one click, and its bars equal parley score', async ({ page }) => {
  test.setTimeout(60_000);
  await openFindDeals(page);
  await page.getByRole('button', { name: 'Find deals', exact: true }).last().click();
  const results = page.getByTestId('deal-result');
  await expect(results).toHaveCount(10);
  await expect(page.getByTestId('search-summary')).toContainText('exact');
  // Each result's small bars say each party's match in their label.
  await expect(results.first().getByRole('img')).toHaveAttribute('aria-label', /^Russia: \d+\.\d% match, acceptable; Ukraine: /);
  await shot(page, '30-find-deals-results');
  await page.setViewportSize({ width: 1024, height: 640 });
  await shot(page, '31-find-deals-results-1024');
  await page.setViewportSize({ width: 1280, height: 800 });

  await results.first().getByRole('button', { name: 'Load into builder: package 1' }).click();
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('Found deal #1 (worst match)');
  const terms = await builderTerms(page);
  expect(Object.keys(terms)).toHaveLength(data.issues.length);
  await expectBarsEqualCli(page, terms);
  await shot(page, '32-found-deal-in-builder');
});

test('constraints narrow the search: a lock, a party that must accept, and a minimum', async ({ page }) => {
  test.setTimeout(60_000);
  await openFindDeals(page);
  await page.getByRole('checkbox', { name: /^Ukraine must accept/ }).check();
  await page.getByRole('spinbutton', { name: 'Minimum match of Russia' }).fill('75');
  await page.getByText('Lock or exclude terms').click();
  await page.getByRole('combobox', { name: issue('nato').name }).selectOption({ label: `lock: ${optionLabel('nato', 'no-decision')}` });
  await page.getByRole('button', { name: 'Find deals', exact: true }).last().click();
  const results = page.getByTestId('deal-result');
  await expect(results.first()).toBeVisible();
  for (const row of await results.all()) {
    await expect(row.locator('[data-party="russia"]')).toHaveAttribute('data-match', /^(7[5-9]|[89]\d)/);
    await expect(row).toContainText(optionLabel('nato', 'no-decision'));
  }
  // Asking the impossible says why.
  await page.getByRole('spinbutton', { name: 'Minimum match of Russia' }).fill('99');
  await page.getByRole('button', { name: 'Find deals', exact: true }).last().click();
  await expect(page.getByRole('status').filter({ hasText: 'No package meets these constraints' })).toContainText('Russia reaches at most');
});

test.describe('a long search', () => {
  test('shows progress, keeps the builder responsive, and Cancel stops it', async ({ page }) => {
    test.setTimeout(90_000);
    const big = generateCase({ parties: 12, issues: 40, options: 6, scenarios: 2, seed: 5, redLines: 0.05, id: 'e2e-big-search' });
    const res = await page.request.post('/api/importCase', { data: { content: serializeCase(big), replace: true } });
    expect(res.ok()).toBe(true);
    await page.addInitScript(() => localStorage.setItem('parley:case', 'e2e-big-search'));
    await page.goto('/');
    await expect(page.getByTestId('match-chart').locator('g.row')).toHaveCount(12);
    await goToView(page, 'Find deals');
    await page.getByRole('spinbutton', { name: 'How many' }).fill('50');
    // Every red line allowed: the full 6^40 space, ranked by the worst of 12 matches — a long search.
    for (const box of await page.getByRole('checkbox', { name: /^No red line of / }).all()) await box.uncheck();
    await page.getByRole('button', { name: 'Find deals', exact: true }).last().click();
    const progress = page.getByRole('status').filter({ hasText: 'Searching…' });
    await expect(progress).toBeVisible();
    await expect(progress.getByRole('progressbar')).toBeVisible();
    await shot(page, '33-find-deals-progress');

    // The page's own thread is free: the builder answers clicks while the worker searches.
    await goToView(page, 'Scenario builder');
    const group = page.locator('fieldset[data-issue]').first();
    await group.getByRole('radio').nth(1).check();
    const ms = await page.evaluate(async () => {
      const radio = document.querySelectorAll<HTMLInputElement>('fieldset[data-issue] input[type=radio]')[2]!;
      const t0 = performance.now();
      radio.click();
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - t0;
    });
    expect(ms).toBeLessThan(1000);
    await goToView(page, 'Find deals');
    await expect(progress).toBeVisible();

    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect(progress).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Find deals', exact: true }).last()).toBeEnabled();
    await expect(page.getByTestId('deal-result')).toHaveCount(0);
    // Stopped for good: no result arrives later.
    await page.waitForTimeout(1500);
    await expect(page.getByTestId('deal-result')).toHaveCount(0);
    await expect(page.getByText('Set the constraints on the left')).toBeVisible();
  });
});

test('the scatter in Compare shows the exact frontier of all packages as a line', async ({ page }) => {
  await openBuilder(page);
  await goToView(page, 'Compare');
  await page.getByRole('tab', { name: 'Two-party scatter' }).click();
  const line = page.getByTestId('compare-chart').locator('g.exact-frontier');
  await expect(line).toHaveCount(1);
  await expect(line).toHaveAttribute('aria-label', /^Exact frontier of all packages between Russia and Ukraine, \d+ points: \(/);
  await expect(page.getByTestId('frontier-note')).toContainText('exact frontier');
  // Its points are the CLI's frontier.
  const { execFileSync } = await import('node:child_process');
  const { DEFAULT_CASE_FILE, ROOT } = await import('./fixtures.ts');
  const path = await import('node:path');
  const cli = JSON.parse(execFileSync(process.execPath, [path.join(ROOT, 'bin', 'parley.js'), 'frontier', DEFAULT_CASE_FILE, '--parties', 'russia,ukraine', '--format', 'json'], { encoding: 'utf8' }));
  await expect(line.locator('circle')).toHaveCount(cli.points.length);
  await shot(page, '34-compare-scatter-frontier');
  // Another pair of parties gets its own frontier.
  await page.getByRole('combobox', { name: 'Vertical' }).selectOption({ label: 'European coalition' });
  await expect(line).toHaveAttribute('aria-label', /between Russia and European coalition/);
});

test('nearest acceptable: the fewest changes from the current terms, applied in one click', async ({ page }) => {
  test.setTimeout(60_000);
  await openBuilder(page);
  await page.getByRole('button', { name: "Russia's Alaska terms" }).click();
  const panel = page.getByRole('region', { name: 'Nearest acceptable' });
  await panel.getByRole('combobox', { name: 'Acceptable to' }).selectOption({ label: 'Ukraine' });
  await panel.getByRole('button', { name: 'Find the fewest changes' }).click();
  const results = panel.getByTestId('nearest-results');
  await expect(results).toContainText(/\d changes?/);
  await expect(results).toContainText('Ukraine cedes all of Donetsk →');
  await panel.scrollIntoViewIfNeeded();
  await shot(page, '35-builder-nearest-acceptable');
  await results.getByRole('button', { name: 'Apply the changes of option 1' }).click();
  const terms = await builderTerms(page);
  const ukraine = cliScore(terms).find((s) => s.party === 'ukraine')!;
  expect(ukraine.acceptable).toBe(true);
  await expectBarsEqualCli(page, terms);
});

test('terms that cannot hold together are named with their reason, and the chart still shows the scores', async ({ page }) => {
  test.setTimeout(60_000);
  await openBuilder(page);
  await page.getByRole('radiogroup', { name: issue('donetsk').name }).getByRole('radio', { name: optionLabel('donetsk', 'ceded'), exact: true }).check();
  await page.getByRole('radiogroup', { name: issue('occupied-land').name }).getByRole('radio', { name: optionLabel('occupied-land', 'full-withdrawal'), exact: true }).check();
  const notice = page.getByTestId('conflicts');
  await expect(notice).toContainText('These terms cannot all hold at once');
  await expect(notice).toContainText('Donetsk region: Ukraine cedes all of Donetsk + Recognition of occupied land: Full Russian withdrawal');
  await expectBarsEqualCli(page, { donetsk: 'ceded', 'occupied-land': 'full-withdrawal' });
  await shot(page, '36-builder-inconsistent-terms');
  await page.getByRole('radiogroup', { name: issue('donetsk').name }).getByRole('radio', { name: optionLabel('donetsk', 'restored'), exact: true }).check();
  await expect(notice).toHaveCount(0);
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    test('Find deals and nearest acceptable pass an axe WCAG 2.1 AA audit', async ({ page }) => {
      test.setTimeout(120_000);
      await openFindDeals(page);
      await page.getByText('Lock or exclude terms').click();
      await page.getByRole('button', { name: 'Find deals', exact: true }).last().click();
      await expect(page.getByTestId('deal-result')).toHaveCount(10);
      const audit = async () => (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
      expect(await audit()).toEqual([]);
      await shot(page, `37-find-deals-${scheme}`);
      await goToView(page, 'Scenario builder');
      const panel = page.getByRole('region', { name: 'Nearest acceptable' });
      await panel.getByRole('button', { name: 'Find the fewest changes' }).click();
      await expect(panel.getByTestId('nearest-results')).toBeVisible();
      expect(await audit()).toEqual([]);
    });
  });
}
