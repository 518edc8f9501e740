import fs from 'node:fs';
import path from 'node:path';
import { expect, openBuilder, ROOT, shot, test } from './fixtures.ts';

const PROPOSALS = JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'cases', 'ukraine-proposals-2014-2026.json'), 'utf8')) as {
  parties: unknown[];
  issues: { id: string; name: string; options: { id: string; label: string }[] }[];
  scenarios: { id: string; name: string; date: string; terms: Record<string, string> }[];
};

test('the proposals record opens from the case picker and lists its documents with their dates', async ({ page }) => {
  await openBuilder(page);
  const picker = page.getByRole('combobox', { name: 'Case' });
  // The short August 2025 case stays the one a new library opens first.
  await expect(picker).toHaveValue('ukraine-talks-2025-08');
  await picker.selectOption('ukraine-proposals-2014-2026');
  await expect(page.getByTestId('match-chart').locator('g.row')).toHaveCount(PROPOSALS.parties.length);

  const proposals = page.getByRole('list', { name: 'Proposals in the case' });
  await expect(proposals.getByRole('button')).toHaveCount(PROPOSALS.scenarios.length);
  const minsk = PROPOSALS.scenarios.find((s) => s.id === 'minsk-ii')!;
  const button = proposals.getByRole('button', { name: `${minsk.name}, tabled ${minsk.date}`, exact: true });
  await expect(button).toContainText(minsk.date);
  await button.click();

  const donbas = PROPOSALS.issues.find((i) => i.id === 'donbas')!;
  const chosen = donbas.options.find((o) => o.id === minsk.terms.donbas)!;
  await expect(page.getByRole('radiogroup', { name: new RegExp(`^${donbas.name}`) }).getByRole('radio', { name: chosen.label, exact: true })).toBeChecked();
  await page.getByTestId('match-chart').scrollIntoViewIfNeeded();
  await shot(page, '14-proposals-minsk');
});
