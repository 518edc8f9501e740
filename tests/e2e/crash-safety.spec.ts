// Nothing typed is lost (issue 7 point 5): edits confirmed in the UI are on disk the moment the UI shows
// them. The `parley serve` process is killed with SIGKILL (no shutdown of any kind) right after the last
// confirmation, restarted on the same library, and every confirmed edit is there, with its history.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, goToView, ROOT, test } from './fixtures.ts';

const CASE = 'ukraine-talks-2025-08';

/** `parley serve` on a free port; resolves with its address once it listens. */
function serve(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'parley.js'), 'serve', '--port', '0', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = / at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`parley serve exited (${code}) before listening: ${out}`)));
  });
}

const undoButton = (page: Page) => page.getByRole('group', { name: 'Undo and redo' }).getByRole('button').first();

test('every edit confirmed in the UI survives a SIGKILL of the server', async ({ page }) => {
  test.setTimeout(120_000);
  const dir = path.join(ROOT, 'test-results', 'crash-library');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const db = path.join(dir, 'library.sqlite');

  const first = await serve(db);
  let second: Awaited<ReturnType<typeof serve>> | undefined;
  try {
    await page.goto(first.url);
    await expect(page.getByTestId('match-chart').locator('g.row')).toHaveCount(4);

    await goToView(page, 'Case');
    const reservation = page.locator('li[data-party="russia"]').getByLabel('Reservation (0–100)');
    await reservation.fill('65');
    await reservation.press('Enter');
    await expect(undoButton(page)).toHaveAccessibleName(/^Undo: Russia: reservation \d+ → 65$/);
    const newParty = page.getByLabel('New party', { exact: true });
    await newParty.fill('Observers');
    await newParty.press('Enter');
    await expect(undoButton(page)).toHaveAccessibleName('Undo: Added party “Observers”');

    await goToView(page, 'Positions');
    await page.locator('button[data-cell="russia|nato"]').click();
    const panel = page.getByTestId('statements');
    await panel.getByRole('button', { name: 'Add statement' }).click();
    const date = panel.getByLabel('Date', { exact: true }).last();
    await expect(date).toBeFocused();
    await date.fill('2025-09-01');
    await date.press('Enter');
    const later = panel.getByRole('article', { name: 'Statement 2025-09-01' });
    await later.getByLabel('Salience').selectOption('2');
    await expect(undoButton(page)).toHaveAccessibleName(/^Undo: Russia on NATO.* \(2025-09-01\): salience \d → 2$/);

    // The last edit is confirmed on screen: kill the server at once, with no chance to flush anything.
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    second = await serve(db);
    const res = await page.request.post(`${second.url}api/getCase`, { data: { caseId: CASE } });
    const c = ((await res.json()) as { value: { parties: { id: string; reservation: number }[]; positions: { party: string; issue: string; date?: string; salience: number }[] } }).value;
    expect(c.parties.find((p) => p.id === 'russia')!.reservation).toBe(65);
    expect(c.parties.map((p) => p.id)).toContain('observers');
    expect(c.positions.find((p) => p.party === 'russia' && p.issue === 'nato' && p.date === '2025-09-01')?.salience).toBe(2);

    // The history survived too: the app offers to undo the last confirmed edit.
    await page.goto(second.url);
    await expect(page.getByTestId('match-chart').locator('g.row')).toHaveCount(5);
    await expect(undoButton(page)).toHaveAccessibleName(/^Undo: Russia on NATO.* \(2025-09-01\): salience \d → 2$/);
    await goToView(page, 'History');
    await expect(page.getByRole('list', { name: 'Revisions, newest first' }).locator('li')).toHaveCount(6); // 5 edits and "before the first change"
  } finally {
    first.child.kill('SIGKILL');
    second?.child.kill('SIGTERM');
  }
});
