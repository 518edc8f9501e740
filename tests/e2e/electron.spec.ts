// The desktop app end to end, through Playwright's Electron driver. It needs the Electron binary
// (downloaded by `npm start` on first use) and better-sqlite3 built for Electron (.parley-native/);
// where either is missing, as on machines without access to Electron's downloads, it is skipped and says why.
import { _electron as electron } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliScore, defaultCase, expect, expectedLabel, ROOT, shot, test } from './fixtures.ts';

function electronBinary(): string | null {
  const dir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const bin = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8'));
  return fs.existsSync(bin) ? bin : null;
}

function electronVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

const binary = electronBinary();
const nativeBuilt = fs.existsSync(path.join(ROOT, '.parley-native', `electron-${electronVersion()}-${process.platform}-${process.arch}`, 'better_sqlite3.node'));
const skipReason = !binary
  ? `the Electron ${electronVersion()} binary is not installed here (it is downloaded by \`npm start\` where Electron's release server is reachable)`
  : !nativeBuilt
    ? 'better-sqlite3 has not been built for Electron yet (run `npm start` once)'
    : null;
/** The app on a fresh library in a temp folder; skips the test, saying why, where Electron cannot run. */
async function launch() {
  if (skipReason) {
    // Printed so that a skipped run says why in the test log, not only in the report's annotations.
    console.log(`[electron e2e] skipped: ${skipReason}`);
    test.skip(true, skipReason);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-electron-'));
  const app = await electron.launch({ executablePath: binary!, args: [ROOT, '--db', path.join(dir, 'library.sqlite')], env: { ...process.env, XDG_CONFIG_HOME: dir } });
  return { dir, app };
}

test.describe('desktop app (Electron)', () => {
  test('opens the default case in a secure window and scores live', async () => {
    const { dir, app } = await launch();
    try {
      const page = await app.firstWindow();
      await expect(page.getByTestId('match-chart').locator('g.row')).toHaveCount(4);
      // The page sees the api and nothing of Node.
      expect(await page.evaluate(() => typeof (window as unknown as { parley?: unknown }).parley)).toBe('object');
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as unknown as { process?: unknown }).process)).toBe('undefined');

      await page.getByRole('radiogroup', { name: 'Donetsk region' }).getByRole('radio', { name: 'Freeze along the contact line', exact: true }).check();
      for (const s of cliScore({ donetsk: 'contact-line' })) {
        const name = defaultCase().parties.find((p) => p.id === s.party)!.name;
        await expect(page.getByTestId('match-chart').locator(`g.row[data-party="${s.party}"]`)).toHaveAttribute('aria-label', expectedLabel(name, s));
      }
      // Navigation away from the app is refused.
      await page.evaluate(() => (window.location.href = 'https://example.com/'));
      await page.waitForTimeout(300);
      expect(page.url()).toMatch(/^file:/);
      await shot(page, '20-electron-builder');
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('Edit ▸ Undo and Redo walk the case\'s revisions', async () => {
    const { dir, app } = await launch();
    const clickEdit = (label: string) =>
      app.evaluate(({ Menu }, label) => {
        const edit = Menu.getApplicationMenu()!.items.find((i) => i.label === '&Edit')!;
        (edit.submenu!.items.find((i) => i.label === label)!.click as () => void)();
      }, label);
    try {
      const page = await app.firstWindow();
      await expect(page.getByTestId('match-chart').locator('g.row')).toHaveCount(4);
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Case', exact: true }).click();
      const title = page.getByRole('region', { name: 'Case' }).getByLabel('Title', { exact: true });
      const before = await title.inputValue();
      await title.fill('Renamed in the desktop app');
      await title.press('Enter');
      await expect(page.getByRole('button', { name: /^Undo: .*Renamed in the desktop app/ })).toBeVisible();
      await page.getByRole('heading', { name: /^Parties/ }).click();
      await clickEdit('Undo');
      await expect(title).toHaveValue(before);
      await clickEdit('Redo');
      await expect(title).toHaveValue('Renamed in the desktop app');
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
