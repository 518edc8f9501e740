// A small class in real Chromium against a real `parley classroom` server: the facilitator and two roles, each
// in its own browser context (own storage, as on three laptops), play to an agreement and open the debrief.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, ROOT, shot, test, violationsInBothThemes } from './fixtures.ts';

const CASE_FILE = path.join(ROOT, 'tests', 'fixtures', 'classroom-case.json');
const DIR = path.join(ROOT, 'test-results', 'classroom-e2e');
let server: ChildProcess;
let lines: string[] = [];

test.beforeAll(async () => {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  // Port 0: the server picks a free port and prints it, so no other worktree's run collides with this one.
  server = spawn(process.execPath, [path.join(ROOT, 'bin', 'parley.js'), 'classroom', CASE_FILE, '--roles', 'north,east', '--rounds', '2', '--port', '0', '--db', path.join(DIR, 'library.sqlite')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`parley classroom printed nothing in time: ${out}`)), 30_000);
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      lines = out.split('\n').filter(Boolean);
      if (lines.length >= 4) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('exit', (code) => reject(new Error(`parley classroom exited with ${code}`)));
  });
});

test.afterAll(() => {
  server?.kill('SIGTERM');
});

/** A page in its own context that fails the test on any console or page error. */
async function seat(browser: Browser, errors: string[]): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return page;
}

test('facilitator and two roles play to an agreement and open the debrief', async ({ browser }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  const facilitatorUrl = lines[1]!.split(' ')[1]!;
  const origin = new URL(facilitatorUrl).origin;
  const code = (role: string) => lines.find((l) => l.startsWith(`role ${role} `))!.split(' ')[2]!;

  const fac = await seat(browser, errors);
  await fac.goto(facilitatorUrl);
  const roles = fac.getByTestId('roles');
  await expect(roles.locator('tbody tr')).toHaveCount(2);
  await expect(roles.locator('tr[data-party="north"]')).toContainText(code('north'));
  await expect(roles.locator('tr[data-party="north"]')).toContainText('not yet');
  // The token left the address bar once read.
  expect(fac.url()).not.toContain('token=');
  await fac.getByLabel('North Town').fill('Your fleet depends on the berths. Hold firm on them.');
  await fac.getByRole('button', { name: 'Save the brief for North Town' }).click();
  await shot(fac, 'classroom-facilitator-waiting');

  const north = await seat(browser, errors);
  await north.goto(`${origin}/`);
  await expect(north.getByRole('heading', { name: 'Join the simulation' })).toBeVisible();
  await north.getByLabel('Join code').fill('WRONG-CODE0');
  await north.getByRole('button', { name: 'Join' }).click();
  await expect(north.getByRole('alert')).toContainText('no role of this simulation has that join code');
  errors.splice(0); // Chromium logs the refused request (401); that refusal is what this step checks.
  await north.getByLabel('Join code').fill(code('north').toLowerCase());
  await shot(north, 'classroom-join');
  expect(await violationsInBothThemes(north)).toEqual([]);
  await north.getByRole('button', { name: 'Join' }).click();
  const brief = north.getByTestId('brief');
  await expect(brief.getByRole('heading', { name: 'Your brief: North Town' })).toBeVisible();
  await expect(brief).toContainText('Hold firm on them.');
  await expect(north.getByTestId('reservation')).toHaveText('41.4');
  await expect(brief).toContainText('Red line — never: Most berths to East');
  // East's numbers are nowhere on North's page.
  for (const secret of ['52.2', '52.19', '66.83', '57.29', 'East will not be squeezed out']) expect(await north.content()).not.toContain(secret);

  // North builds a package; its own match changes live, and only North's bar is shown.
  const own = north.getByTestId('own-match');
  await expect(own.locator('.row')).toHaveCount(1);
  const before = await own.locator('.row').getAttribute('data-match');
  for (const [issue, option] of Object.entries({ berths: 'equal', dredging: 'by-traffic', fees: 'keep', authority: 'rotating' })) await north.locator(`select[data-issue="${issue}"]`).selectOption(option);
  await expect(own.locator('.row')).not.toHaveAttribute('data-match', before ?? '');
  await north.getByRole('button', { name: 'Propose this package' }).click();
  await expect(north.getByTestId('table')).toContainText('Proposed by North Town in round 1');
  await expect(north.getByTestId('moves')).toContainText('North Town proposed package #1');
  await expect(north.getByRole('button', { name: 'Propose this package' })).toBeDisabled();
  await shot(north, 'classroom-role-north');

  const east = await seat(browser, errors);
  await east.goto(`${origin}/classroom`);
  await east.getByLabel('Join code').fill(code('east'));
  await east.getByRole('button', { name: 'Join' }).click();
  await expect(east.getByTestId('brief').getByRole('heading', { name: 'Your brief: East Port' })).toBeVisible();
  await expect(east.getByTestId('brief')).not.toContainText('Hold firm on them.');
  await expect(east.getByTestId('table')).toContainText('Proposed by North Town');
  await expect(east.getByTestId('answers').locator('[data-party="east"]')).toContainText('no answer yet');
  await shot(east, 'classroom-role-east');
  expect(await violationsInBothThemes(east)).toEqual([]);

  // The facilitator sees both joined and both roles' match of the package on the table.
  await expect(roles.locator('tr[data-party="east"]')).toContainText('yes');
  await expect(fac.getByTestId('table').locator('.bars .row')).toHaveCount(2);
  await shot(fac, 'classroom-facilitator-table');
  expect(await violationsInBothThemes(fac)).toEqual([]);

  await east.getByRole('button', { name: 'Accept this package' }).click();
  await expect(east.getByTestId('phase')).toContainText('Agreement reached.');
  // The others see it within a poll.
  await expect(north.getByTestId('phase')).toContainText('Agreement reached.');
  await expect(north.getByTestId('answers').locator('[data-party="east"]')).toContainText('accepted');
  await expect(fac.getByTestId('phase')).toContainText('Agreement reached.');

  // The debrief: facilitator first, then a role (open to roles now the simulation has ended).
  await fac.getByRole('button', { name: 'Debrief' }).click();
  const chart = fac.getByTestId('history-chart');
  await expect(chart.locator('g.mark')).toHaveCount(2);
  await expect(chart.locator('g.mark[data-offer="1"]').first()).toHaveAttribute('aria-label', /Offer 1 \(round 1, proposed by North Town, the agreement\) — North Town: \d+\.\d% match, acceptable/);
  await expect(fac.getByTestId('debrief-agreement')).toContainText('The agreement (offer #1) against each reservation');
  await expect(fac.getByTestId('debrief-improvement')).toContainText('Was there a package better for every role than the agreement?');
  await expect(fac.getByTestId('debrief-maximin')).toContainText('Its worst match is');
  await shot(fac, 'classroom-debrief');
  expect(await violationsInBothThemes(fac)).toEqual([]);
  const download = fac.waitForEvent('download');
  await fac.getByRole('button', { name: 'Download the debrief (PDF)' }).click();
  const file = path.join(DIR, 'debrief.pdf');
  await (await download).saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

  await east.getByRole('button', { name: 'Debrief' }).click();
  await expect(east.getByTestId('history-chart').locator('g.mark')).toHaveCount(2);
  await shot(east, 'classroom-debrief-role');
  expect(errors, 'console errors').toEqual([]);
});
