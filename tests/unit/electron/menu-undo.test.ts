// Issue 7: Edit ▸ Undo and Redo in the desktop app send the page "undo" and "redo", which walk the case's
// revisions as Ctrl+Z and Ctrl+Shift+Z do (in a text field, the typing).
import { describe, expect, it } from 'vitest';
import type { DesktopBridge } from '../../../src-renderer/lib/api-client.ts';
import { loadPreload, startMain } from './load-app.ts';

describe('Edit ▸ Undo and Redo in the desktop app', () => {
  it('are forwarded to the page, in order', async () => {
    const running = await startMain();
    const bridge = (await loadPreload(running.electron)) as unknown as DesktopBridge;
    const received: string[] = [];
    bridge.onMenuCommand((command) => received.push(command));
    await running.electron.clickMenu('&Edit', 'Undo');
    await running.electron.clickMenu('&Edit', 'Redo');
    await running.electron.clickMenu('&Edit', 'Undo');
    expect(received).toEqual(['undo', 'redo', 'undo']);
  });
});
