// Loads Parley's real main-process and preload modules against the stand-in `electron` module,
// the way Electron would run them: main first (it registers the IPC handlers and opens the window),
// then the preload in that window. Each call gets fresh modules and a fresh stand-in.
import fs from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { onCleanup, REPO_ROOT, tempDir } from '../store/temp-library.ts';
import { createElectron, type StandIn, type StandInOptions } from './stand-in.ts';

export interface MainOptions extends Partial<StandInOptions> {
  /** Command-line arguments after the app path (a library in the test's temp folder is added unless `db` is false). */
  args?: string[];
  db?: boolean;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  /** Files to put into the stand-in's user-data folder before start, e.g. window-state.json. */
  userDataFiles?: Record<string, string>;
  /** Between loading main and the app's 'ready' (e.g. macOS sending open-file early). */
  beforeReady?: (electron: StandIn) => void;
  /** The page's own start-up, after the preload and before 'did-finish-load' (as App.svelte's onMount). */
  page?: (parley: Record<string, unknown>) => void;
}

export interface RunningMain {
  electron: StandIn;
  /** The test's temp folder (library.sqlite lives here). */
  dir: string;
  /** What the main process wrote to stderr. */
  log: string[];
}

/** Electron's argv: the executable, then (in development) the app folder, then the user's arguments. */
function electronArgv(options: MainOptions, appPath: string, dir: string): string[] {
  const db = options.db === false ? [] : ['--db', path.join(dir, 'library.sqlite')];
  return [process.execPath, ...(options.isPackaged ? [] : [appPath]), ...db, ...(options.args ?? [])];
}

export async function startMain(options: MainOptions = {}): Promise<RunningMain> {
  const dir = tempDir();
  const appPath = options.appPath ?? REPO_ROOT;
  // The first window's page runs the real preload, then the page's own start-up, as it loads.
  const electron: StandIn = createElectron({
    appData: path.join(dir, 'appData'),
    ...options,
    appPath,
    onPageLoad: async () => {
      if (electron.world.parley) return;
      options.page?.(await loadPreload(electron));
    },
  });
  for (const [name, text] of Object.entries(options.userDataFiles ?? {})) {
    const file = path.join(dir, 'appData', 'Parley', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  const log: string[] = [];
  const saved = { argv: process.argv, platform: process.platform, env: Object.keys(options.env ?? {}).map((k) => [k, process.env[k]] as const) };
  vi.resetModules();
  vi.doMock('electron', () => electron.module);
  process.argv = electronArgv(options, appPath, dir);
  Object.defineProperty(process, 'platform', { value: options.platform ?? saved.platform });
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (log.push(String(chunk)), true));
  try {
    await import('../../../src-main/app/main.ts');
    options.beforeReady?.(electron);
    await electron.start();
  } finally {
    process.argv = saved.argv;
    for (const [k, v] of saved.env) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  onCleanup(() => {
    electron.quit();
    stderr.mockRestore();
    Object.defineProperty(process, 'platform', { value: saved.platform });
  });
  return { electron, dir, log };
}

/** What the page sees as window.parley: the real preload, run once in the stand-in's first window. */
export async function loadPreload(electron: StandIn): Promise<Record<string, unknown>> {
  if (electron.world.parley) return electron.world.parley as Record<string, unknown>;
  vi.resetModules();
  vi.doMock('electron', () => electron.module);
  await import('../../../src-main/preload/index.ts');
  return electron.world.parley as Record<string, unknown>;
}

/** The one window main opened (fails the test when there is not exactly one). */
export function onlyWindow(electron: StandIn) {
  const all = electron.windows();
  if (all.length !== 1) throw new Error(`expected one window, found ${all.length}`);
  return all[0]!;
}
