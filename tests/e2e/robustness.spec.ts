import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DEFAULT_CASE_FILE, defaultCase, expect, openBuilder, ROOT, shot, test } from './fixtures.ts';

interface Sensitivity {
  best: string;
  scenarios: { id: string; name: string; pBest: number; pAllAcceptable: number; parties: { party: string; pAcceptable: number; p5: number; p95: number }[] }[];
  flips: { party: string; issue: string; salience: number; to: number; best: string }[];
}

const data = defaultCase();

/** What the real `parley sensitivity` reports for the default case. */
function cliSensitivity(...args: string[]): Sensitivity {
  return JSON.parse(execFileSync(process.execPath, [path.join(ROOT, 'bin', 'parley.js'), 'sensitivity', DEFAULT_CASE_FILE, '--format', 'json', ...args], { encoding: 'utf8' }));
}

/** Whole percents as the app writes shares (src-core/robustness/sentences.ts). */
const percent = (p: number) => (p > 0 && p < 0.005 ? '<1%' : p < 1 && p > 0.995 ? '>99%' : `${Math.round(p * 100)}%`);
const oneDecimal = (v: number) => (Math.round(v * 10) / 10).toFixed(1);

async function openCompare(page: Page) {
  await openBuilder(page);
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByTestId('compare-chart')).toBeVisible();
}

const panelOf = (page: Page) => page.getByRole('region', { name: 'How robust?' });

test('the How robust? panel shows the CLI’s shares, and its tornado names the flip point the CLI reports', async ({ page }) => {
  const cli = cliSensitivity();
  expect(cli.flips.length).toBeGreaterThan(0);
  await openBuilder(page);
  const started = Date.now();
  await page.getByRole('button', { name: 'Compare' }).click();
  const panel = panelOf(page);
  const table = panel.getByTestId('robust-table');
  await expect(table.locator('tbody tr')).toHaveCount(data.scenarios.length);
  // A figure, not a timed assertion (benchmarks print, tests do not time): how long the user waits.
  const status = await panel.getByRole('status').textContent();
  console.log(`robustness panel: results ${Date.now() - started} ms after opening Compare (worker: ${/(\d+) ms/.exec(status ?? '')?.[1] ?? '?'} ms)`);
  const shown = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('th, td')).map((c) => c.textContent!.replace(/\s+/g, ' ').trim())));
  expect(shown).toEqual(cli.scenarios.map((s) => [s.name, percent(s.pBest), percent(s.pAllAcceptable), ...s.parties.map((p) => `${percent(p.pAcceptable)} · ${oneDecimal(p.p5)}–${oneDecimal(p.p95)}`)]));
  const leader = cli.scenarios.reduce((a, b) => (b.pBest > a.pBest ? b : a));
  await expect(panel.getByTestId('robust-headline')).toContainText(`“${leader.name}” ranks first in ${percent(leader.pBest)} of the plausible readings`);

  const tornado = panel.getByTestId('tornado');
  for (const f of cli.flips) {
    const party = data.parties.find((p) => p.id === f.party)!.name;
    const issue = data.issues.find((i) => i.id === f.issue)!.name;
    const best = data.scenarios.find((s) => s.id === f.best)!.name;
    const sentence = `If ${party}’s salience of ${issue} were ${f.to} instead of ${f.salience}, “${best}” would rank first.`;
    await expect(panel.getByTestId('flip-sentences')).toContainText(sentence);
    await expect(tornado.getByRole('img', { name: `${sentence} This is the flip point.`, exact: true })).toHaveCount(1);
  }
  const unlabeled = await tornado.locator('[role=img]').evaluateAll((els) => els.filter((e) => !e.getAttribute('aria-label')).length);
  expect(unlabeled).toBe(0);
  await panel.scrollIntoViewIfNeeded();
  await shot(page, '20-robustness-panel');
});

test('the p5–p95 ranges appear on the grouped bars and on the builder’s match chart, with the CLI’s numbers', async ({ page }) => {
  const cli = cliSensitivity();
  await openCompare(page);
  const panel = panelOf(page);
  await expect(panel.getByTestId('robust-table')).toBeVisible();
  await page.getByRole('tab', { name: 'Grouped bars' }).click();
  const chart = page.getByTestId('compare-chart');
  await expect(chart).toHaveAttribute('data-kind', 'bars');
  await expect(panel.getByTestId('tornado-chart')).toHaveAttribute('data-kind', 'tornado');
  await panel.getByRole('checkbox', { name: /Show each match’s p5–p95 range/ }).check();
  await expect(chart).toHaveAttribute('data-kind', 'ranges');
  const labels = await chart.locator('.mark.bar').evaluateAll((marks) => marks.map((m) => m.getAttribute('aria-label')!.replace(/^.*; /, '')));
  expect(labels).toEqual(cli.scenarios.flatMap((s) => s.parties.map((p) => `p5–p95 range ${oneDecimal(p.p5)}–${oneDecimal(p.p95)}%`)));
  await expect(chart.locator('path.range')).toHaveCount(cli.scenarios.length * data.parties.length);
  await page.getByRole('tab', { name: 'Grouped bars' }).scrollIntoViewIfNeeded();
  await shot(page, '21-compare-bars-with-ranges');

  // The builder shares the toggle: its match chart shows the draft's ranges (a scenario's figures do not
  // depend on what else is compared, so they are the CLI's for that scenario alone).
  await page.getByRole('button', { name: 'Scenario builder' }).click();
  await page.getByRole('button', { name: "Russia's Alaska terms" }).click();
  await expect(page.getByRole('checkbox', { name: /Show plausible ranges/ })).toBeChecked();
  const match = page.getByTestId('match-chart');
  await expect(match.locator('path.range:not([display=none])')).toHaveCount(data.parties.length);
  const alaska = cliSensitivity('--scenario', 'alaska-terms').scenarios[0]!;
  const rowLabels = await match.locator('g.row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')!.replace(/^.*; /, '')));
  expect(rowLabels).toEqual(alaska.parties.map((p) => `plausible range ${oneDecimal(p.p5!)}–${oneDecimal(p.p95!)}% (p5–p95)`));
  await shot(page, '22-builder-ranges');
  await page.getByRole('checkbox', { name: /Show plausible ranges/ }).uncheck();
  await expect(match.locator('path.range:not([display=none])')).toHaveCount(0);
});

test('the settings drive the analysis from the keyboard; a long run shows its progress and can be cancelled', async ({ page }) => {
  test.setTimeout(120_000);
  // A 12 parties × 40 issues case with 20 scenarios, so that 20,000 samples take a while.
  const big = path.join(ROOT, 'test-results', 'robustness-big-case.json');
  fs.mkdirSync(path.dirname(big), { recursive: true });
  fs.writeFileSync(big, execFileSync(process.execPath, [path.join(ROOT, 'tests', 'e2e', 'write-big-case.mjs')], { encoding: 'utf8' }));
  await openBuilder(page);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import case…' }).click()]);
  await chooser.setFiles(big);
  await expect(page.getByRole('combobox', { name: 'Case' })).toHaveValue('generated-12x40x6-s2025', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Compare' }).click();
  const panel = panelOf(page);
  await expect(panel.getByTestId('robust-table').locator('tbody tr')).toHaveCount(20, { timeout: 30_000 });

  const samples = panel.getByRole('spinbutton', { name: 'Samples' });
  await samples.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('20000');
  const progress = panel.getByRole('progressbar', { name: 'Robustness samples drawn' });
  await expect(progress).toBeVisible();
  await expect(panel.getByRole('status')).toContainText(/Sampling… \d+ of 20000/);
  // Tab on to Cancel, as a keyboard user would... the first focusable after the settings is Cancel.
  await panel.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('status')).toContainText('Cancelled — the figures below are from the previous run.');
  await expect(progress).toHaveCount(0);
  await expect(panel.getByText('2000 samples', { exact: false })).toHaveCount(0);
  await shot(page, '23-robustness-cancelled');

  await samples.fill('500');
  await panel.getByRole('spinbutton', { name: 'Seed' }).fill('7');
  await expect(panel.getByRole('status')).toContainText('500 samples · seed 7');
  await panel.getByRole('spinbutton', { name: 'Samples' }).fill('0');
  await expect(panel.getByRole('alert')).toContainText('samples must be a whole number from 1 to 20000');
});

test('the ranges, the tornado and the report export with the app’s settings, as the CLI computes them', async ({ page }) => {
  test.setTimeout(90_000);
  await openCompare(page);
  const panel = panelOf(page);
  await panel.getByRole('spinbutton', { name: 'Seed' }).fill('9');
  await expect(panel.getByRole('status')).toContainText('seed 9');
  const download = async (button: string, format: string) => {
    await page.getByRole('combobox', { name: 'Export format' }).selectOption({ label: format });
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    const file = path.join(ROOT, 'test-results', 'downloads', d.suggestedFilename());
    await d.saveAs(file);
    return file;
  };
  const cli = cliSensitivity('--seed', '9');
  const csv = fs.readFileSync(await download('Export ranges chart…', 'CSV (the numbers)'), 'utf8').trim().split(/\r?\n/);
  const header = csv[0]!.split(',');
  expect(header).toEqual(expect.arrayContaining(['p5', 'p95', 'seed']));
  const first = csv[1]!.split(',');
  expect(Number(first[header.indexOf('p5')])).toBe(cli.scenarios[0]!.parties[0]!.p5);
  expect(first[header.indexOf('seed')]).toBe('9');

  const tornado = await download('Export flip points chart…', 'SVG (vector)');
  for (const f of cli.flips) expect(fs.readFileSync(tornado, 'utf8')).toContain(`were ${f.to} instead of ${f.salience}`);
  // An independent renderer draws it.
  execFileSync('rsvg-convert', ['-o', `${tornado}.png`, tornado]);

  const report = await download('Export report…', 'PDF (vector)');
  const text = execFileSync('pdftotext', [report, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Settings: 2000 samples · seed 9 · salience jitter ±1 · stance flip 0.1 · objective maximin');
});

test.describe('at 1024 × 640', () => {
  test.use({ viewport: { width: 1024, height: 640 } });
  test('the panel and its tornado fit the window', async ({ page }) => {
    await openCompare(page);
    const panel = panelOf(page);
    await expect(panel.getByTestId('tornado')).toBeVisible();
    await panel.getByTestId('tornado').scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, '24-robustness-1024');
  });
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });
  test('the panel follows the dark theme', async ({ page }) => {
    await openCompare(page);
    await panelOf(page).getByTestId('tornado').scrollIntoViewIfNeeded();
    await shot(page, '25-robustness-dark');
  });
});
