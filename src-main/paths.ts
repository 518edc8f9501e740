// Locations of the files Parley ships, relative to the built bundles (out/<target>/*.js) or the sources.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or installed package) root: the nearest folder above `from` holding package.json and data/. */
export function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'data'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find Parley's data folder above ${from}`);
    dir = parent;
  }
}

export const casesDir = (root = packageRoot()) => path.join(root, 'data', 'cases');
export const rendererDir = (root = packageRoot()) => path.join(root, 'out', 'renderer');
