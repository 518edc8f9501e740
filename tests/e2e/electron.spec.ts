// The desktop app end to end, through Playwright's Electron driver. It needs the Electron binary
// (downloaded by `npm start` on first use) and better-sqlite3 built for Electron (.parley-native/);
// where either is missing, as on machines without access to Electron's downloads, it is skipped and says why.
import { _electron as electron } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { electronNativeBindingDir } from '../../src-main/app/native-binding.ts';
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
const nativeBuilt = fs.existsSync(path.join(electronNativeBindingDir(ROOT, electronVersion()), 'better_sqlite3.node'));
const skipReason = !binary
  ? `the Electron ${electronVersion()} binary is not installed here (it is downloaded by \`npm start\` where Electron's release server is reachable)`
  : !nativeBuilt
    ? 'better-sqlite3 has not been built for Electron yet (run `npm start` once)'
    : null;
/** Parley with its own library and its own user-data folder (window state, Chromium profile, single-instance lock) on every OS. */
function launchIsolated(dir: string, extraArgs: string[] = []) {
  return electron.launch({ executablePath: binary!, args: [ROOT, '--db', path.join(dir, 'library.sqlite'), `--user-data-dir=${path.join(dir, 'profile')}`, ...extraArgs] });
}

test.describe('desktop app (Electron)', () => {
  test.beforeEach(() => {
    if (skipReason) {
      // Printed so that a skipped run says why in the test log, not only in the report's annotations.
      console.log(`[electron e2e] skipped: ${skipReason}`);
      test.skip(true, skipReason);
    }
  });

  test('opens the default case in a secure window and scores live', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-electron-'));
    const app = await launchIsolated(dir);
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
      expect(await app.evaluate(({ app: a }) => a.getPath('userData'))).toBe(path.join(dir, 'profile'));
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('File ▸ Import case… opens the native dialog, and a malformed file lists every error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-electron-'));
    const app = await launchIsolated(dir);
    try {
      const page = await app.firstWindow();
      await expect(page.getByTestId('match-chart').locator('g.row')).toHaveCount(4);
      const chosen = path.join(ROOT, 'tests', 'fixtures', 'cli-invalid-case.json');
      // The native dialog answers as if the user picked the file; the menu item is clicked as the user would.
      await app.evaluate(({ dialog, Menu }, file) => {
        dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [file] })) as typeof dialog.showOpenDialog;
        const fileMenu = Menu.getApplicationMenu()!.items.find((i) => i.label === '&File' || i.label === 'File')!;
        fileMenu.submenu!.items.find((i) => i.label === 'Import case…')!.click();
      }, chosen);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('invalid case file');
      await expect(alert.locator('li').first()).toContainText(/^[a-z]+(\[\d+\])?[.\w[\]-]*: /);
      await shot(page, '21-electron-import-refused');
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a case file given on the command line is imported and opened', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-electron-'));
    const file = path.join(dir, 'water talks.parley.json');
    fs.copyFileSync(path.join(ROOT, 'tests', 'fixtures', 'cli-small-case.json'), file);
    const app = await launchIsolated(dir, [file]);
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('combobox', { name: 'Case' })).toHaveValue('cli-small');
      await expect(page.getByTestId('match-chart').locator('g.row')).toHaveCount(3);
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
