import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const DEFAULT_CASE_FILE = path.join(ROOT, 'data', 'cases', 'ukraine-talks-2025-08.json');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
/** The library `parley serve` answers from in these tests (tests/e2e/serve-fresh.mjs). */
export const E2E_LIBRARY = path.join(ROOT, 'test-results', 'e2e-library', 'library.sqlite');

/**
 * Every test fails on a console error or an uncaught page error, except the ones it declares it
 * expects (Chromium logs every refused api request, e.g. a 422 for an invalid case file).
 */
export const test = base.extend<{ consoleErrors: string[]; expectedConsoleErrors: RegExp[] }>({
  expectedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && !expectedConsoleErrors.some((re) => re.test(m.text()))) errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // Let bar transitions finish so the picture shows the final state.
  await page.waitForTimeout(450);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

export async function openBuilder(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('match-chart').locator('g.row')).toHaveCount(4);
}

export interface CliPartyScore {
  party: string;
  match: number | null;
  redLines: string[];
  acceptable: boolean;
}

/** What the real `parley` CLI computes for these terms on a case file (default: the shipped default case). */
export function cliScore(terms: Record<string, string>, caseFile = DEFAULT_CASE_FILE, asOf?: string): CliPartyScore[] {
  const spec = Object.entries(terms).map(([i, o]) => `${i}=${o}`).join(',');
  const args = [path.join(ROOT, 'bin', 'parley.js'), 'score', caseFile, '--terms', spec, '--format', 'json', ...(asOf ? ['--as-of', asOf] : [])];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
  return JSON.parse(out).scenarios[0].parties;
}

/** The accessible label the chart must carry for a party's score: the number the bar shows, to one decimal. */
export function expectedLabel(name: string, s: CliPartyScore): string {
  const base = s.match === null ? `${name}: no basis` : `${name}: ${(Math.round(s.match * 10) / 10).toFixed(1)}% match`;
  return s.redLines.length ? `${base}, ${s.redLines.length} red line${s.redLines.length === 1 ? '' : 's'} crossed` : base;
}

export function defaultCase(): { parties: { id: string; name: string }[]; issues: { id: string; name: string; options: { id: string; label: string }[] }[]; positions: { party: string; issue: string }[]; scenarios: { id: string; name: string; terms: Record<string, string> }[] } {
  return JSON.parse(fs.readFileSync(DEFAULT_CASE_FILE, 'utf8'));
}

/** Opens a view from the header: its button, or the "More" menu's item when the window is too narrow for it. */
export async function goToView(page: Page, label: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Views' });
  const button = nav.getByRole('button', { name: label, exact: true });
  const more = nav.getByRole('button', { name: /^More/ });
  await expect(button.or(more).first()).toBeVisible();
  if (await button.isVisible()) return button.click();
  await more.click();
  await page.getByRole('menu', { name: 'More views' }).getByRole('menuitem', { name: label, exact: true }).click();
}

/** From the Case view: makes a new case titled `title` as a copy of the open one (the app then opens it). */
export async function newCaseCopy(page: Page, title: string): Promise<void> {
  await page.getByLabel('Title of a new case').fill(title);
  await page.getByRole('radio', { name: 'a copy of this case' }).check();
  await page.getByRole('button', { name: 'New case', exact: true }).click();
}

/** WCAG 2.1 AA problems axe finds on the page, in words. */
export async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
}

/** The axe audit of the screen as it is, in the light theme and then the dark one (issue 11, point 9). */
export async function violationsInBothThemes(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    found.push(...(await violations(page)).map((v) => `${colorScheme}: ${v}`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
