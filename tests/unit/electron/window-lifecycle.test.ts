// Issue 14, defects 3, 7 and 9: the window's life cycle in the real main process, on the stand-in.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../store/temp-library.ts';
import { display } from './stand-in.ts';
import { onlyWindow, startMain } from './load-app.ts';

const state = (bounds: object) => ({ 'window-state.json': JSON.stringify(bounds) });

describe('macOS: a window re-created on activate (defect 3)', () => {
  it('is tracked like the first one, so later commands never reach a destroyed window', async () => {
    const { electron } = await startMain({ platform: 'darwin' });
    onlyWindow(electron).close();
    expect(electron.callsTo('app.quit')).toEqual([]); // macOS apps stay open without windows

    electron.app.emit('activate');
    const second = onlyWindow(electron);
    expect(second.listenerCount('closed')).toBeGreaterThan(0);
    second.close();

    // Each of these used the closed window before: "Object has been destroyed".
    expect(() => electron.app.emit('second-instance', {}, [], '/')).not.toThrow();
    await electron.clickMenu('&Help', 'About Parley');
    expect(electron.callsTo('dialog.showMessageBox')).toHaveLength(1);
  });

  it('a second launch brings back a window when there is none', async () => {
    const { electron } = await startMain({ platform: 'darwin' });
    onlyWindow(electron).close();
    electron.app.emit('second-instance', {}, [], '/');
    expect(onlyWindow(electron).isDestroyed()).toBe(false);
  });
});

describe('window bounds from the last run (defect 7)', () => {
  it('a window saved on a display that is gone opens on a connected one', async () => {
    const { electron } = await startMain({ displays: [display(1, 0, 0, 1920, 1080)], userDataFiles: state({ x: 2300, y: 150, width: 1200, height: 800 }) });
    const { x, y, width, height } = onlyWindow(electron).options as { x?: number; y?: number; width: number; height: number };
    expect([width, height]).toEqual([1200, 800]);
    if (x !== undefined && y !== undefined) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x + width).toBeLessThanOrEqual(1920);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y + height).toBeLessThanOrEqual(1080);
    }
    const b = onlyWindow(electron).getBounds();
    expect(b.x >= 0 && b.x + b.width <= 1920 && b.y >= 0 && b.y + b.height <= 1080).toBe(true);
  });

  it('a window larger than the display it opens on is shrunk to fit', async () => {
    const { electron } = await startMain({ displays: [display(1, 0, 0, 1366, 768, 25)], userDataFiles: state({ x: 0, y: 0, width: 2400, height: 1300 }) });
    const b = onlyWindow(electron).getBounds();
    expect(b).toEqual({ x: 0, y: 25, width: 1366, height: 743 });
  });

  it('a window on a second display that is still connected stays there', async () => {
    const displays = [display(1, 0, 0, 1920, 1080), display(2, 1920, 0, 2560, 1440)];
    const { electron } = await startMain({ displays, userDataFiles: state({ x: 2300, y: 150, width: 1200, height: 800 }) });
    expect(onlyWindow(electron).getBounds()).toEqual({ x: 2300, y: 150, width: 1200, height: 800 });
  });
});

describe('its own user-data folder (defect 9)', () => {
  it('--user-data-dir=DIR puts the app’s per-user files there, on every OS', async () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const profile = path.join(tempDir(), `profile ${platform}`);
      const { electron, dir } = await startMain({ platform, args: [`--user-data-dir=${profile}`] });
      expect(electron.app.getPath('userData')).toBe(profile);
      onlyWindow(electron).close();
      expect(fs.existsSync(path.join(profile, 'window-state.json'))).toBe(true);
      expect(fs.existsSync(path.join(dir, 'appData', 'Parley', 'window-state.json'))).toBe(false);
    }
  });
});
