// The Case view's remaining fields (issue 7): case description and default as-of date, the unstated utility, a
// party's colour and description, a source's publisher, date and URL, an option's description and the order of
// the issues. Each edit is made with the keyboard or mouse, checked in the case the library then exports, and a
// value the case file would refuse is shown as an error and saved nowhere.
import type { Locator, Page } from '@playwright/test';
import { expect, goToView, newCaseCopy, openBuilder, shot, test } from './fixtures.ts';

const COPY = 'fields-copy';

interface Exported {
  description?: string;
  asOf?: string;
  unstatedUtility: number;
  parties: { id: string; color?: string; description?: string }[];
  sources: { id: string; publisher?: string; date?: string; url?: string }[];
  issues: { id: string; options: { id: string; description?: string }[] }[];
}

async function exported(page: Page): Promise<Exported> {
  const res = await page.request.post('/api/exportCase', { data: { caseId: COPY } });
  return JSON.parse(((await res.json()) as { value: { content: string } }).value.content) as Exported;
}

/** Polls the exported case until `pick` of it equals `value`: the edit reached the library. */
async function expectSaved<T>(page: Page, pick: (c: Exported) => T, value: T) {
  await expect.poll(async () => pick(await exported(page))).toEqual(value);
}

async function confirm(field: Locator, value: string, key = 'Enter') {
  await field.fill(value);
  await field.press(key);
}

/** A refused value: marked invalid with the case file's message, and Escape puts the saved value back. */
async function expectRefused(field: Locator, item: Locator, value: string, message: RegExp, saved: string) {
  await field.fill(value);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(item).toContainText(message);
  await field.press('Escape');
  await expect(field).toHaveValue(saved);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
}

test('every field of the Case view saves what was typed, refuses what the case file would, and undo puts it back', async ({ page }) => {
  test.setTimeout(180_000);
  await openBuilder(page);
  await goToView(page, 'Case');
  await newCaseCopy(page, 'Fields copy');
  await expect(page.getByRole('combobox', { name: 'Case' })).toHaveValue(COPY);
  const before = await exported(page);

  await test.step('the case: its description (Ctrl+Enter in the text area) and default as-of date', async () => {
    const details = page.locator('section', { has: page.locator('#case-title') });
    const description = details.getByLabel('Description', { exact: true });
    await confirm(description, 'A copy to try every field on.', 'Control+Enter');
    await expectSaved(page, (c) => c.description, 'A copy to try every field on.');
    const asOf = details.getByLabel('Default as-of date');
    await expectRefused(asOf, details, '2025-13-40', /date/i, before.asOf!);
    await confirm(asOf, '2025-08-15');
    await expectSaved(page, (c) => c.asOf, '2025-08-15');
  });

  await test.step('the utility of an option a statement does not mention', async () => {
    const unstated = page.getByLabel('Unstated', { exact: true });
    await expectRefused(unstated, page.locator('section', { has: page.locator('#case-title') }), '140', /100/, String(before.unstatedUtility));
    await confirm(unstated, '40');
    await expectSaved(page, (c) => c.unstatedUtility, 40);
  });

  await test.step("a party's colour (and back to the palette's) and description", async () => {
    const russia = page.locator('li[data-party="russia"]');
    await russia.getByLabel('Colour').fill('#112233');
    await expectSaved(page, (c) => c.parties.find((p) => p.id === 'russia')!.color?.toLowerCase(), '#112233');
    await russia.getByRole('button', { name: 'Use the palette’s' }).click();
    await expectSaved(page, (c) => c.parties.find((p) => p.id === 'russia')!.color, undefined);
    await expect(russia.getByText('palette')).toBeVisible();
    await confirm(russia.getByLabel('Description', { exact: true }), 'Seeks the whole of Donetsk.', 'Control+Enter');
    await expectSaved(page, (c) => c.parties.find((p) => p.id === 'russia')!.description, 'Seeks the whole of Donetsk.');
  });

  await test.step("a source's publisher, date and URL; a URL that is not one is refused", async () => {
    const source = page.locator('li[data-source]').first();
    const id = (await source.getAttribute('data-source'))!;
    const saved = (c: Exported) => c.sources.find((s) => s.id === id)!;
    await confirm(source.getByLabel('Publisher'), 'A wire service');
    await expectSaved(page, (c) => saved(c).publisher, 'A wire service');
    await confirm(source.getByLabel('Date', { exact: true }), '2025-08-18');
    await expectSaved(page, (c) => saved(c).date, '2025-08-18');
    const url = source.getByLabel('URL');
    await expectRefused(url, source, 'not a web address', /url|address|http/i, saved(before).url ?? '');
    await confirm(url, 'https://example.org/report');
    await expectSaved(page, (c) => saved(c).url, 'https://example.org/report');
  });

  await test.step("an option's description", async () => {
    const option = page.locator('li[data-issue="donetsk"] li[data-option="ceded"]');
    await confirm(option.getByLabel('Description', { exact: true }), 'All of the region passes to Russia.');
    await expectSaved(page, (c) => c.issues[0]!.options.find((o) => o.id === 'ceded')!.description, 'All of the region passes to Russia.');
  });

  await test.step('the order of the issues, then undo restores it', async () => {
    const order = before.issues.map((i) => i.id);
    const [first, second] = order;
    await page.getByRole('button', { name: 'Move Donetsk region down' }).click();
    await expectSaved(page, (c) => c.issues.map((i) => i.id).slice(0, 2), [second, first]);
    await expect(page.locator('li[data-issue]').first()).toHaveAttribute('data-issue', second!);
    await shot(page, 'authoring-fields');
    await page.getByRole('group', { name: 'Undo and redo' }).getByRole('button').first().click();
    await expectSaved(page, (c) => c.issues.map((i) => i.id), order);
  });

  await test.step('undo walks back through every field edit to the copy as it was made', async () => {
    const undo = page.getByRole('group', { name: 'Undo and redo' }).getByRole('button').first();
    // Ten edits are left (the issue move was undone above); each undo renames the button after the one before.
    for (let k = 0; k < 10; k++) {
      const label = await undo.getAttribute('aria-label');
      await undo.click();
      await expect(undo).not.toHaveAttribute('aria-label', label!);
    }
    await expect.poll(async () => JSON.stringify(await exported(page))).toBe(JSON.stringify(before));
  });
});
