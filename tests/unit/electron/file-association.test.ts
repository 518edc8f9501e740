// Opening a .parley.json case file with Parley (the file association): on the command line (Windows,
// Linux, and a packaged app started by the file manager), by macOS's open-file event, or handed to the
// running app by a second launch. Main reads the file; the page imports it through the api.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { desktopApi, type CaseFileContent, type DesktopBridge } from '../../../src-renderer/lib/api-client.ts';
import { REPO_ROOT, tempDir } from '../store/temp-library.ts';
import { onlyWindow, startMain, type MainOptions } from './load-app.ts';

const smallCase = fs.readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'cli-small-case.json'), 'utf8');

function caseFile(name = 'water talks.parley.json'): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, smallCase);
  return file;
}

/** Starts main with a page that records the case files it is handed, listening from its start-up on (as App.svelte does). */
async function startWithPage(options: MainOptions = {}) {
  const handed: CaseFileContent[] = [];
  let bridge: DesktopBridge | undefined;
  const running = await startMain({
    ...options,
    page: (parley) => {
      bridge = parley as unknown as DesktopBridge;
      bridge.onMenuCommand((command, file) => command === 'import-case' && file && handed.push(file));
    },
  });
  await vi.waitFor(() => expect(bridge).toBeDefined());
  return { ...running, handed, api: desktopApi(bridge!) };
}

describe('a case file given to Parley', () => {
  it('on the command line of a packaged app: handed to the page once it has loaded, and imported', async () => {
    const { handed, api } = await startWithPage({ isPackaged: true, args: [caseFile()] });
    await vi.waitFor(() => expect(handed).toEqual([{ name: 'water talks.parley.json', text: smallCase }]));
    await expect(api.importCase({ content: handed[0]!.text, replace: false })).resolves.toMatchObject({ id: 'cli-small' });
  });

  it('by macOS before the app is ready: kept until the window exists', async () => {
    const file = caseFile();
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    const { handed } = await startWithPage({ platform: 'darwin', beforeReady: (electron) => electron.app.emit('open-file', event, file) });
    expect(event.prevented).toBe(true); // Parley handles it, rather than macOS reporting it could not
    await vi.waitFor(() => expect(handed.map((f) => f.name)).toEqual(['water talks.parley.json']));
  });

  it('by macOS while running: handed to the open window', async () => {
    const { electron, handed } = await startWithPage({ platform: 'darwin' });
    electron.app.emit('open-file', { preventDefault() {} }, caseFile('later.parley.json'));
    await vi.waitFor(() => expect(handed.map((f) => f.name)).toEqual(['later.parley.json']));
    expect(electron.windows()).toHaveLength(1);
  });

  it('by a second launch: resolved against that launch’s folder, in the window already open', async () => {
    const file = caseFile('second.parley.json');
    const { electron, handed } = await startWithPage();
    electron.app.emit('second-instance', {}, ['Parley', '--allow-file-access-from-files', 'second.parley.json'], path.dirname(file));
    await vi.waitFor(() => expect(handed.map((f) => f.name)).toEqual(['second.parley.json']));
    expect(electron.windows()).toHaveLength(1);
  });

  it('that cannot be read: the user is told which file and why, and nothing is imported', async () => {
    const missing = path.join(tempDir(), 'moved away.parley.json');
    const { electron, handed } = await startWithPage({ args: [missing] });
    await vi.waitFor(() => expect(electron.callsTo('dialog.showMessageBox')).toHaveLength(1));
    const [[win, box]] = electron.callsTo('dialog.showMessageBox') as [[unknown, { message: string; detail: string }]];
    expect(win).toBe(onlyWindow(electron));
    expect(box.message).toBe('Parley could not open moved away.parley.json');
    expect(box.detail).toContain('does not exist');
    expect(handed).toEqual([]);
  });
});
