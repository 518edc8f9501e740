// Every view issue 7 adds, at 1280×800 and 1024×700 in the light and the dark theme: a screenshot to judge,
// and an axe WCAG 2.1 AA audit with no serious or critical violation. They work on a copy of the default
// case, so the other tests keep the shipped one as it is.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, goToView, shot, test } from './fixtures.ts';

const COPY = 'ukraine-views';
const EMPTY = 'empty-views';

async function call<T>(page: Page, method: string, input: unknown): Promise<T> {
  const res = await page.request.post(`/api/${method}`, { data: input });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

/** A copy of the default case with a short history, and an empty case; made once for the whole file. */
async function prepare(page: Page): Promise<void> {
  const cases = await call<{ id: string }[]>(page, 'listCases', {});
  if (!cases.some((c) => c.id === COPY)) {
    await call(page, 'createCase', { title: 'Ukraine views', copyOf: 'ukraine-talks-2025-08' });
    const c = await call<{ parties: { id: string }[]; positions: { party: string; issue: string; date?: string; salience: number }[] }>(page, 'getCase', { caseId: COPY });
    const party = { ...c.parties.find((p) => p.id === 'russia')!, reservation: 65 };
    await call(page, 'edit', { caseId: COPY, edit: { op: 'updateParty', party } });
    const p = c.positions.find((x) => x.party === 'ukraine' && x.issue === 'donetsk')!;
    await call(page, 'edit', { caseId: COPY, edit: { op: 'addPosition', position: { ...p, date: '2025-09-01', salience: p.salience === 5 ? 4 : 5 } } });
    await call(page, 'undo', { caseId: COPY });
  }
  if (!cases.some((c) => c.id === EMPTY)) await call(page, 'createCase', { title: 'Empty views' });
}

async function serious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} (${v.nodes.length}×: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
}

async function open(page: Page, caseId: string, view: string) {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Case' }).selectOption(caseId);
  await goToView(page, view);
}

/** How each view is brought on screen before its picture and its audit. */
const VIEWS: [string, (page: Page) => Promise<void>][] = [
  ['case', async (page) => {
    await open(page, COPY, 'Case');
    await expect(page.locator('li[data-party]')).toHaveCount(4);
  }],
  ['positions', async (page) => {
    await open(page, COPY, 'Positions');
    await page.locator('button[data-cell="ukraine|donetsk"]').click();
    await expect(page.getByTestId('statements').getByRole('article')).toHaveCount(1);
  }],
  ['history', async (page) => {
    await open(page, COPY, 'History');
    await expect(page.getByRole('list', { name: 'Revisions, newest first' }).locator('li')).toHaveCount(4);
    await expect(page.getByRole('list', { name: 'Revisions, newest first' })).toContainText('undone');
  }],
  ['builder-timeline', async (page) => {
    await open(page, COPY, 'Scenario builder');
    await page.getByRole('button', { name: "Russia's Alaska terms" }).click();
    const timeline = page.getByTestId('timeline-chart');
    await timeline.scrollIntoViewIfNeeded();
    await timeline.locator('g.date').last().focus();
    await expect(page.locator('.tooltip')).toContainText('As of 2025-08-17');
    // Many first statements on one date: the tooltip names a few and sends the rest to the table.
    await expect(page.locator('.tooltip')).toContainText(/; and \d+ more \(see the table\)$/);
  }],
  ['compare-timeline', async (page) => {
    await open(page, COPY, 'Compare');
    await page.getByRole('tab', { name: 'Over time' }).click();
    await expect(page.getByTestId('timeline-chart').locator('g.date')).toHaveCount(2);
    await page.getByTestId('as-of').getByRole('slider').focus();
    await page.keyboard.press('Home');
    await expect(page.getByTestId('as-of-date')).toHaveText('2025-08-15');
  }],
  ['empty-case', async (page) => {
    await open(page, EMPTY, 'Scenario builder');
    await expect(page.getByTestId('empty-case')).toBeVisible();
  }],
  ['delete-referenced', async (page) => {
    await open(page, COPY, 'Case');
    await page.locator('li[data-party="russia"]').getByRole('button', { name: 'Delete Russia' }).click();
    await expect(page.getByRole('dialog')).toContainText('Delete party “Russia”?');
  }],
];

// One test per theme and size, the views in turn. The audit runs at 1280×800 in each theme (colours differ by
// theme; the rules axe checks do not depend on the window's size), which keeps the file quick.
for (const scheme of ['light', 'dark'] as const) {
  for (const [width, height] of [
    [1280, 800],
    [1024, 700],
  ] as const) {
    test(`${scheme}, ${width}×${height}: every authoring view reads well${width === 1280 ? ' and passes an axe WCAG 2.1 AA audit' : ''}`, async ({ page }) => {
      test.setTimeout(300_000);
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/');
      await prepare(page);
      for (const [view, show] of VIEWS) {
        await test.step(view, async () => {
          await show(page);
          await shot(page, `authoring-${view}-${width}x${height}-${scheme}`);
          if (width === 1280) expect(await serious(page), view).toEqual([]);
        });
      }
    });
  }
}
