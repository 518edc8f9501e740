import AxeBuilder from '@axe-core/playwright';
import { chooseFile, proposalList, resetDefaultCase } from './builder-helpers.ts';
import { DEFAULT_CASE_FILE, expect, openBuilder, test } from './fixtures.ts';

async function violations(page: import('@playwright/test').Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}×: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    // axe walks every node; on a busy shared machine one audit can take tens of seconds.
    test.describe.configure({ timeout: 240_000 });
    test.use({ colorScheme: scheme });
    test('the scenario builder passes an axe WCAG 2.1 AA audit', async ({ page }) => {
      // axe walks the whole builder (terms, chart, nearest acceptable, why): slow on a busy machine.
      test.setTimeout(90_000);
      await openBuilder(page);
      await page.getByRole('button', { name: "Russia's Alaska terms" }).click();
      expect(await violations(page)).toEqual([]);
    });
    test('the compare view with its How robust? panel, ranges and tornado passes an axe WCAG 2.1 AA audit', async ({ page }) => {
      // The largest page of the app: the audit alone takes many seconds on a busy machine.
      test.slow();
      await openBuilder(page);
      await page.getByRole('button', { name: 'Compare' }).click();
      await expect(page.getByTestId('tornado-chart')).toBeVisible();
      await page.getByRole('checkbox', { name: /Show each match’s p5–p95 range/ }).check();
      await page.getByRole('tab', { name: 'Grouped bars' }).click();
      await expect(page.getByTestId('compare-chart')).toHaveAttribute('data-kind', 'ranges');
      expect(await violations(page)).toEqual([]);
    });

    test('tables, the glossary, a "?" explanation and the name and import dialogs pass an axe WCAG 2.1 AA audit', async ({ page }) => {
      await resetDefaultCase(page);
      await openBuilder(page);
      for (const region of ['Match with each party’s stated demands', 'Why this score']) await page.getByRole('region', { name: region }).getByRole('button', { name: 'Show as table' }).click();
      await page.getByRole('button', { name: 'What is reservation?' }).first().click();
      expect(await violations(page), 'builder tables and a "?"').toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Glossary' }).click();
      expect(await violations(page), 'glossary').toEqual([]);
      await page.keyboard.press('Escape');
      await proposalList(page).getByRole('button', { name: "Russia's Alaska terms", exact: true }).click();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(page.getByRole('dialog', { name: 'Save as a new scenario' })).toBeVisible();
      expect(await violations(page), 'save as').toEqual([]);
      await page.keyboard.press('Escape');
      await chooseFile(page, page.getByRole('button', { name: 'Import case…' }), DEFAULT_CASE_FILE);
      await expect(page.getByRole('dialog', { name: /^Replace/ })).toBeVisible();
      expect(await violations(page), 'import dialog').toEqual([]);
      await page.keyboard.press('Escape');
    });

    test('Compare passes an axe WCAG 2.1 AA audit with every chart kind, as chart and as table', async ({ page }) => {
      await openBuilder(page);
      await page.getByRole('button', { name: 'Compare' }).click();
      for (const asTable of [false, true]) {
        if (asTable) await page.getByRole('button', { name: 'Show as table' }).click();
        // Every table is the same component: two kinds (one matrix, one per issue) stand for all.
        for (const kind of asTable ? ['Heatmap', 'Breakdown'] : ['Heatmap', 'Grouped bars', 'Radar', 'Two-party scatter', 'Breakdown']) {
          await page.getByRole('tab', { name: kind }).click();
          expect(await violations(page), `${kind}${asTable ? ' as a table' : ''}`).toEqual([]);
        }
      }
    });
  });
}
