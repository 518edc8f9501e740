// `npm start`: build, make sure Electron and an Electron build of better-sqlite3 are present, launch.
// Everything here is set-up (its steps live in electron-setup.mjs); the app itself is src-main/app/main.ts.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildApp, buildBetterSqlite3ForElectron, desktopNodeNote, electronArch, electronBinary, ensureElectronBinary, nativeBindingFile, runElectron, SetupError } from './electron-setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

try {
  const electronVersion = require('electron/package.json').version;
  const electronDir = path.dirname(require.resolve('electron/package.json'));
  const note = desktopNodeNote(process.versions.node, electronDir);
  if (note) process.stderr.write(`${note}\n`);

  // 1. Build main, preload and renderer.
  buildApp(root);

  // 2. The Electron binary (downloaded by the electron package on first use; needs internet once).
  if (!electronBinary(electronDir)) {
    process.stdout.write(`Fetching the Electron ${electronVersion} binary (once)…\n`);
    ensureElectronBinary(electronDir, electronVersion);
  }
  const binary = electronBinary(electronDir);

  // 3. better-sqlite3 for Electron's ABI and arch, made once into .parley-native/, beside the Node build that npm test uses.
  const arch = electronArch(binary);
  const nativeFile = nativeBindingFile(root, electronVersion, process.platform, arch);
  if (!fs.existsSync(nativeFile)) {
    process.stdout.write(`Getting better-sqlite3 for Electron ${electronVersion} (once)…\n`);
    buildBetterSqlite3ForElectron({ electronVersion, arch, nativeFile });
  }

  // 4. Launch; a crash is a failure, with advice where there is any.
  const { code, message } = await runElectron(binary, [root, ...process.argv.slice(2)], { cwd: root, electronDir });
  if (message) process.stderr.write(`\nparley: ${message}\n`);
  process.exit(code);
} catch (err) {
  if (!(err instanceof SetupError)) throw err;
  process.stderr.write(`\nparley: ${err.message}\n`);
  process.exit(1);
}
