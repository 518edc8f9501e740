// `npm run dist`: Parley's installers for this OS with electron-builder (electron-builder.json):
// AppImage and .deb on Linux, .dmg on macOS, an NSIS installer on Windows, in dist/. It needs the
// internet: electron-builder downloads Electron and its packaging tools, and better-sqlite3 for
// Electron's ABI comes from a prebuilt binary or node-gyp (scripts/electron-setup.mjs), as for `npm start`.
// Arguments go to electron-builder, e.g. `npm run dist -- --arm64`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, buildBetterSqlite3ForElectron, desktopNodeNote, nativeBindingFile, SetupError } from './electron-setup.mjs';

const ARCH_FLAGS = { '--x64': 'x64', '--arm64': 'arm64', '--ia32': 'ia32', '--armv7l': 'armv7l' };

/** The architectures electron-builder will package for, from its arguments (this machine's by default). */
export function distArchs(args, hostArch = process.arch) {
  if (args.includes('--universal')) throw new SetupError('a universal macOS build is not supported: build --x64 and --arm64 separately.');
  const asked = args.filter((a) => a in ARCH_FLAGS).map((a) => ARCH_FLAGS[a]);
  return asked.length ? asked : [hostArch];
}

function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const require = createRequire(import.meta.url);
  const args = process.argv.slice(2);
  try {
    const electronDir = path.dirname(require.resolve('electron/package.json'));
    const electronVersion = require('electron/package.json').version;
    const note = desktopNodeNote(process.versions.node, electronDir);
    if (note) process.stderr.write(`${note}\n`);
    buildApp(root);
    for (const arch of distArchs(args)) {
      const nativeFile = nativeBindingFile(root, electronVersion, process.platform, arch);
      if (fs.existsSync(nativeFile)) continue;
      process.stdout.write(`Getting better-sqlite3 for Electron ${electronVersion} (${process.platform}-${arch})…\n`);
      buildBetterSqlite3ForElectron({ electronVersion, arch, nativeFile });
    }
    const cli = path.join(path.dirname(require.resolve('electron-builder/package.json')), 'cli.js');
    const r = spawnSync(process.execPath, [cli, '--config', 'electron-builder.json', '--publish', 'never', ...args], { stdio: 'inherit', cwd: root });
    process.exit(r.status ?? 1);
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    process.stderr.write(`\nparley: ${err.message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
