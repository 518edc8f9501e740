// Issue 13, point 7: the words Parley uses are explained where they appear and in one glossary.
import { expect, openBuilder, shot, test } from './fixtures.ts';

// Several steps each, some waiting on purpose (a notice's timer): room for a busy shared machine.
test.describe.configure({ timeout: 120_000 });

const TERMS = ['Match', 'Salience', 'Reservation', 'Red line', 'Coverage', 'No basis', 'Spread', 'Nash', 'Pareto front'];

test('Help ▸ Glossary explains every term, and closing it returns focus', async ({ page }) => {
  await openBuilder(page);
  const help = page.getByRole('button', { name: 'Glossary' });
  await help.click();
  const dialog = page.getByRole('dialog', { name: 'Glossary' });
  await expect(dialog).toBeVisible();
  for (const t of TERMS) await expect(dialog.getByRole('term').filter({ hasText: new RegExp(`^${t}$`, 'i') })).toHaveCount(1);
  await shot(page, '48-glossary');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(help).toBeFocused();
});

test('a "?" beside each term explains it in place', async ({ page }) => {
  await openBuilder(page);
  for (const t of ['match', 'reservation', 'red line', 'spread', 'Nash', 'salience', 'coverage']) {
    const q = page.getByRole('button', { name: `What is ${t}?`, exact: true }).first();
    await expect(q, t).toBeVisible();
    await q.click();
    const tip = page.getByRole('dialog', { name: new RegExp(`^${t}$`, 'i') });
    await expect(tip, t).toBeVisible();
    expect((await tip.textContent())!.length).toBeGreaterThan(40);
    await page.keyboard.press('Escape');
    await expect(tip).toHaveCount(0);
    await expect(q).toBeFocused();
  }
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.getByRole('tab', { name: 'Two-party scatter' }).click();
  await page.getByRole('button', { name: 'What is the Pareto front?' }).click();
  await expect(page.getByRole('dialog', { name: /Pareto front/i })).toContainText('better');
});
