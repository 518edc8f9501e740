// Issue 11 point 2 in the desktop app itself (the real main process on the stand-in `electron`): the
// library is copied before the app migrates it, and once a day as the app opens, without holding up the window.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups } from '../../../src-main/store/backups.ts';
import { inspectLibraryFile, openLibrary } from '../../../src-main/store/library.ts';
import { LATEST_VERSION, MIGRATIONS } from '../../../src-main/store/migrations/index.ts';
import { exportAll, tempDir } from '../store/temp-library.ts';
import { onlyWindow, startMain } from './load-app.ts';
import type { StandIn } from './stand-in.ts';

/** The app's start-up copies an older library before it opens it: wait until its window is there. */
async function windowOf(electron: StandIn) {
  for (let i = 0; i < 200 && electron.windows().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  return onlyWindow(electron);
}

/** The daily copy is made after the window opens: wait for it (a few seconds at most on a busy machine). */
async function backupsOf(file: string, count: number) {
  for (let i = 0; i < 200 && listBackups(file).length < count; i++) await new Promise((r) => setTimeout(r, 50));
  return listBackups(file);
}

describe('the desktop app backs its library up', () => {
  it('once a day as it opens, after the window is up, and not again the same day', async () => {
    const first = await startMain();
    await windowOf(first.electron);
    const file = path.join(first.dir, 'library.sqlite');
    const made = await backupsOf(file, 1);
    expect(made.map((b) => [b.reason, b.schema])).toEqual([['daily', LATEST_VERSION]]);
    expect(exportAll(made[0]!.file)).toEqual(exportAll(file));
    first.electron.quit();

    const again = await startMain({ db: false, args: ['--db', file] });
    await windowOf(again.electron);
    await new Promise((r) => setTimeout(r, 500));
    expect(listBackups(file)).toHaveLength(1);
  });

  it('before it upgrades an older library, as the library was', async () => {
    const file = path.join(tempDir(), 'old.sqlite');
    openLibrary(file, { migrations: MIGRATIONS.slice(0, -1) }).db.close();
    const older = MIGRATIONS.at(-2)!.version;
    const { electron } = await startMain({ db: false, args: ['--db', file] });
    await windowOf(electron);
    expect(inspectLibraryFile(file).version).toBe(LATEST_VERSION);
    await new Promise((r) => setTimeout(r, 500));
    // That copy is today's: no daily one on top of it.
    expect(listBackups(file).map((b) => [b.reason, b.schema])).toEqual([['before-migration', older]]);
  });
});
