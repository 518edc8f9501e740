// Issue 14, defects 4 and 5: which page gets the preload and IPC. Only Parley's own renderer: the
// built index.html of this app (whatever characters its install path holds), or, in development
// only, the dev server that ELECTRON_RENDERER_URL names.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopApi, type DesktopBridge } from '../../../src-renderer/lib/api-client.ts';
import { REPO_ROOT, tempDir } from '../store/temp-library.ts';
import { loadPreload, onlyWindow, startMain } from './load-app.ts';

/** An app folder at an awkward path, holding what main reads from it (the shipped cases). */
function appFolder(name: string): string {
  const appPath = path.join(tempDir(), name);
  fs.mkdirSync(appPath, { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, 'data'), path.join(appPath, 'data'));
  return appPath;
}

describe('an install path with %, [, ], # and spaces (defect 5)', () => {
  for (const name of ['Parley 100% [beta]', 'C# apps', 'Programme [x86]', 'Ünïcødé ✓']) {
    it(`the page under "${name}" is answered`, async () => {
      const appPath = appFolder(name);
      const { electron } = await startMain({ appPath });
      expect(electron.callsTo('webContents.loadFile')).toEqual([[path.join(appPath, 'out', 'renderer', 'index.html')]]);
      const api = desktopApi((await loadPreload(electron)) as unknown as DesktopBridge);
      await expect(api.listCases({})).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ id: 'ukraine-talks-2025-08' })]));
    });
  }

  it('a page at a similar path is still refused', async () => {
    const appPath = appFolder('Parley [beta]');
    const { electron } = await startMain({ appPath });
    const sibling = new URL(`file://${path.join(appPath, 'out', 'renderer', 'index.html.evil.html')}`).href;
    await expect(electron.invokeFrom(sibling, 'parley:listCases', {})).resolves.toMatchObject({ ok: false, error: { message: /refused/ } });
  });
});

describe('ELECTRON_RENDERER_URL (defect 4)', () => {
  it('is ignored by a packaged app: it loads its own page and refuses the named one', async () => {
    const { electron } = await startMain({ isPackaged: true, env: { ELECTRON_RENDERER_URL: 'https://evil.example/' } });
    expect(electron.callsTo('webContents.loadURL').flat()).not.toContain('https://evil.example/');
    expect(electron.callsTo('webContents.loadFile')).toHaveLength(1);
    await expect(electron.invokeFrom('https://evil.example/', 'parley:listCases', {})).resolves.toMatchObject({ ok: false });
    expect(onlyWindow(electron).webContents.navigate('https://evil.example/')).toBe(false);
  });

  it('in development, loads the dev server and answers only its origin', async () => {
    const { electron } = await startMain({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } });
    expect(electron.callsTo('webContents.loadURL').flat()).toEqual(['http://localhost:5173']);
    await expect(electron.invokeFrom('http://localhost:5173/', 'parley:listCases', {})).resolves.toMatchObject({ ok: true });
    await expect(electron.invokeFrom('http://localhost:5173@evil.example/', 'parley:listCases', {})).resolves.toMatchObject({ ok: false });
    await expect(electron.invokeFrom('http://localhost:51730/', 'parley:listCases', {})).resolves.toMatchObject({ ok: false });
  });
});
