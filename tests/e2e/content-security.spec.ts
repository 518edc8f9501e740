// The page's Content Security Policy allows no inline styles (nor scripts): styles come from the
// built stylesheet, and what the app sets at run time goes through the CSSOM, which CSP permits.
// Chromium logs each refusal as a console error, so every other end-to-end test fails on one too.
import { expect, openBuilder, test } from './fixtures.ts';

test.describe('inline markup is refused', () => {
  const refusal = /violates the following Content Security Policy directive/;
  test.use({ expectedConsoleErrors: [refusal] });

  test('a style attribute or inline script in markup has no effect', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await openBuilder(page);
    const result = await page.evaluate(() => {
      const box = document.createElement('div');
      box.innerHTML = '<p style="color: rgb(255, 0, 0)">styled</p><img src="data:," onerror="window.__inline = 1">';
      document.body.append(box);
      const { color } = getComputedStyle(box.querySelector('p')!);
      const style = document.createElement('style');
      style.textContent = 'body { outline: 9px solid rgb(255, 0, 0) }';
      document.head.append(style);
      return { color, outline: getComputedStyle(document.body).outlineWidth };
    });
    await page.waitForTimeout(200);
    expect(result.color).not.toBe('rgb(255, 0, 0)');
    expect(result.outline).not.toBe('9px');
    expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
    expect(errors.filter((e) => refusal.test(e)).length).toBeGreaterThan(0);
  });
});

test('the app’s own run-time styles still apply (party colours on the demand markers)', async ({ page }) => {
  await openBuilder(page);
  const marker = page.locator('.marker.demand').first();
  await expect(marker).toBeVisible();
  expect(await marker.evaluate((el) => getComputedStyle(el).getPropertyValue('--party').trim())).toMatch(/^#[0-9a-f]{6}$/i);
});
