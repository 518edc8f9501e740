// The desktop menu's Edit ▸ Undo and Redo (issue 7): they send the page the same commands as Ctrl+Z and
// Ctrl+Shift+Z, and leave the keys to the page (which lets a text field undo its own typing).
// Electron itself cannot load under Node, so its Menu is replaced by one that keeps the template.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({
  app: { getVersion: () => '0.0.0' },
  dialog: { showMessageBox: vi.fn() },
  Menu: { buildFromTemplate: (template: unknown) => ({ template }) },
}));

const { buildMenu } = await import('../../../src-main/app/menu.ts');

interface Item {
  label?: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: Item[];
}

describe('Edit menu', () => {
  it('Undo and Redo send the page "undo" and "redo", with Ctrl+Z and Ctrl+Shift+Z shown but left to the page', () => {
    const sent: [string, string][] = [];
    const win = { webContents: { send: (channel: string, command: string) => sent.push([channel, command]) } };
    const menu = buildMenu(() => win as never, false) as unknown as { template: Item[] };
    const edit = menu.template.find((m) => m.label === '&Edit')!.submenu!;
    const undo = edit.find((i) => i.label === 'Undo')!;
    const redo = edit.find((i) => i.label === 'Redo')!;
    expect([undo.accelerator, redo.accelerator]).toEqual(['CmdOrCtrl+Z', 'CmdOrCtrl+Shift+Z']);
    expect([undo.registerAccelerator, redo.registerAccelerator]).toEqual([false, false]);
    undo.click!();
    redo.click!();
    expect(sent).toEqual([
      ['parley:menu', 'undo'],
      ['parley:menu', 'redo'],
    ]);
  });
});
