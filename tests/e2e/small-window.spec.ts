// Issue 13, point 9: usable down to 1024×640 — no text cut off or wrapped in half, in either theme.
import type { Page } from '@playwright/test';
import { expect, openBuilder, shot, test } from './fixtures.ts';

// Several steps each, some waiting on purpose (a notice's timer): room for a busy shared machine.
test.describe.configure({ timeout: 120_000 });

/** Controls and labels whose text wraps onto a second line or is cut off. */
async function brokenText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const visible = (e: Element) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    };
    // Lines of visible text in `e`: text boxes whose vertical middles are more than half a line apart.
    const lines = (e: Element) => {
      const mids: number[] = [];
      const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement!;
        if (!n.textContent!.trim() || !parent.checkVisibility({ visibilityProperty: true }) || parent.closest('.sr-only')) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) if (r.width > 0) mids.push((r.top + r.bottom) / 2);
      }
      mids.sort((a, b) => a - b);
      return mids.filter((m, i) => i === 0 || m - mids[i - 1]! > 8).length;
    };
    for (const e of document.querySelectorAll('header *, nav button, button, [role=tab], .legend, label, h1, h2, dt, dd, th')) {
      if (!visible(e) || !e.textContent?.trim() || e.closest('.sr-only, svg')) continue;
      const name = `${e.tagName.toLowerCase()} "${e.textContent.trim().slice(0, 40)}"`;
      if ((e.matches('button, [role=tab], header *, .legend, dt, th') && lines(e) > 1)) out.push(`${name} wraps onto ${lines(e)} lines`);
      if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') out.push(`${name} is cut (${e.scrollWidth} > ${e.clientWidth})`);
    }
    // Chart text stays inside its chart.
    for (const svg of document.querySelectorAll('main svg')) {
      const box = svg.getBoundingClientRect();
      for (const t of svg.querySelectorAll('text')) {
        const r = t.getBoundingClientRect();
        if (r.width && (r.right > box.right + 1 || r.left < box.left - 1)) out.push(`chart text "${t.textContent}" runs out of its chart`);
      }
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push('the page scrolls sideways');
    return out;
  });
}

for (const scheme of ['light', 'dark'] as const) {
  for (const [w, h] of [[1024, 640], [1280, 800]] as const) {
    test.describe(`${w}×${h} ${scheme}`, () => {
      test.use({ colorScheme: scheme, viewport: { width: w, height: h } });
      test('the builder and every Compare chart fit without cut or wrapped text', async ({ page }) => {
        await openBuilder(page);
        await page.getByRole('list', { name: 'Proposals in the case' }).getByRole('button', { name: "Russia's Alaska terms", exact: true }).click();
        expect(await brokenText(page)).toEqual([]);
        await shot(page, `50-builder-${w}-${scheme}`);
        await page.getByRole('button', { name: 'Compare' }).click();
        for (const kind of ['Heatmap', 'Grouped bars', 'Radar', 'Two-party scatter', 'Breakdown']) {
          await page.getByRole('tab', { name: kind }).click();
          await expect(page.getByTestId('compare-chart')).toBeVisible();
          expect(await brokenText(page), kind).toEqual([]);
          if (kind === 'Heatmap' || kind === 'Radar') await shot(page, `51-compare-${kind.toLowerCase()}-${w}-${scheme}`);
        }
      });
    });
  }
}
