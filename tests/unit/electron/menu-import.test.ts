// Issue 14, defect 2: File ▸ Import case… must open the native dialog in main. A page cannot open its
// file chooser without a user gesture, and a menu click is not one for the page.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { desktopApi, type DesktopBridge, type CaseFileContent } from '../../../src-renderer/lib/api-client.ts';
import { REPO_ROOT } from '../store/temp-library.ts';
import { loadPreload, onlyWindow, startMain } from './load-app.ts';

const smallCase = () => fs.readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'cli-small-case.json'), 'utf8');

async function appWithPage() {
  const running = await startMain();
  const bridge = (await loadPreload(running.electron)) as unknown as DesktopBridge;
  const received: { command: string; file?: CaseFileContent }[] = [];
  bridge.onMenuCommand((command, file) => received.push(file ? { command, file } : { command }));
  return { ...running, bridge, received };
}

describe('File ▸ Import case… in the desktop app', () => {
  it('opens the native open dialog and hands the chosen file to the page, which imports it', async () => {
    const { electron, dir, bridge, received } = await appWithPage();
    const file = path.join(dir, 'water talks [draft] 100%.parley.json');
    fs.writeFileSync(file, smallCase());
    electron.openAnswers.push({ canceled: false, filePaths: [file] });

    await electron.clickMenu('&File', 'Import case…');
    await vi.waitFor(() => expect(received).toHaveLength(1));

    const [args] = electron.callsTo('dialog.showOpenDialog');
    expect(args?.[0]).toBe(onlyWindow(electron));
    expect(args?.[1]).toMatchObject({ properties: ['openFile'], filters: expect.arrayContaining([expect.objectContaining({ extensions: ['json'] })]) });
    expect(received).toEqual([{ command: 'import-case', file: { name: 'water talks [draft] 100%.parley.json', text: smallCase() } }]);
    await expect(desktopApi(bridge).importCase({ content: received[0]!.file!.text, replace: false })).resolves.toMatchObject({ id: 'cli-small' });
  });

  it('does nothing when the dialog is cancelled', async () => {
    const { electron, received } = await appWithPage();
    await electron.clickMenu('&File', 'Import case…');
    expect(electron.callsTo('dialog.showOpenDialog')).toHaveLength(1);
    expect(received).toEqual([]);
  });

  it('says which file could not be read, and sends nothing', async () => {
    const { electron, dir, received } = await appWithPage();
    const missing = path.join(dir, 'gone.parley.json');
    electron.openAnswers.push({ canceled: false, filePaths: [missing] });
    await electron.clickMenu('&File', 'Import case…');
    await vi.waitFor(() => expect(electron.callsTo('dialog.showMessageBox')).toHaveLength(1));
    expect(received).toEqual([]);
    const [box] = electron.callsTo('dialog.showMessageBox');
    expect(JSON.stringify(box)).toContain('gone.parley.json');
  });

  it('the other File commands are still forwarded to the page', async () => {
    const { electron, received } = await appWithPage();
    await electron.clickMenu('&File', 'Export case…');
    await electron.clickMenu('&File', 'Export report…');
    expect(received).toEqual([{ command: 'export-case' }, { command: 'export-report' }]);
  });
});
