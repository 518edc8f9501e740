import AxeBuilder from '@axe-core/playwright';
import { expect, openBuilder, test } from './fixtures.ts';

async function violations(page: import('@playwright/test').Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}×: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    test('the scenario builder passes an axe WCAG 2.1 AA audit', async ({ page }) => {
      // axe walks the whole builder (terms, chart, nearest acceptable, why): slow on a busy machine.
      test.setTimeout(90_000);
      await openBuilder(page);
      await page.getByRole('button', { name: "Russia's Alaska terms" }).click();
      expect(await violations(page)).toEqual([]);
    });
  });
}
