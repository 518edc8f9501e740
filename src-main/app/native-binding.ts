// better-sqlite3 compiled for Electron lives beside the Node build (scripts/start-electron.mjs makes it),
// so `npm test` (Node ABI) and `npm start` (Electron ABI) never rebuild each other's copy.
import fs from 'node:fs';
import path from 'node:path';

export function electronNativeBindingDir(root: string, electronVersion: string): string {
  return path.join(root, '.parley-native', `electron-${electronVersion}-${process.platform}-${process.arch}`);
}

export function electronNativeBinding(root: string): string | undefined {
  const file = path.join(electronNativeBindingDir(root, process.versions.electron ?? 'none'), 'better_sqlite3.node');
  return fs.existsSync(file) ? file : undefined;
}
