// Where the per-user library lives when neither --db nor $PARLEY_DB says otherwise (DESIGN.md §3).
// Electron's app.getPath('userData') for an app named "Parley" is the same folder, so the CLI and the app share one file.
import os from 'node:os';
import path from 'node:path';

export const LIBRARY_FILE = 'library.sqlite';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Parley');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Parley');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Parley');
}

/** --db FILE, else $PARLEY_DB, else the per-user data dir. The flag is the most specific, so it wins. */
export function resolveLibraryPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): { path: string; isDefault: boolean } {
  if (flag) return { path: path.resolve(flag), isDefault: false };
  if (env.PARLEY_DB) return { path: path.resolve(env.PARLEY_DB), isDefault: false };
  return { path: path.join(userDataDir(env), LIBRARY_FILE), isDefault: true };
}
