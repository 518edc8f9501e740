// better-sqlite3 compiled for Electron lives beside the Node build (scripts/start-electron.mjs and
// scripts/dist.mjs make it), so `npm test` (Node ABI) and `npm start` (Electron ABI) never rebuild each
// other's copy. In a packaged app it ships inside app.asar's folder but unpacked (asarUnpack), because
// a native module cannot be loaded from inside the archive.
import fs from 'node:fs';
import path from 'node:path';

export function electronNativeBindingDir(root: string, electronVersion: string, platform: string = process.platform, arch: string = process.arch): string {
  return path.join(root, '.parley-native', `electron-${electronVersion}-${platform}-${arch}`);
}

/** The unpacked copy of a file packed under resources/app.asar (the same path elsewhere). */
export function unpackedPath(file: string): string {
  return file.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}

export function electronNativeBinding(root: string, electronVersion: string = process.versions.electron ?? 'none'): string | undefined {
  const file = unpackedPath(path.join(electronNativeBindingDir(root, electronVersion), 'better_sqlite3.node'));
  return fs.existsSync(file) ? file : undefined;
}
