// `npm start`: build, make sure Electron and an Electron build of better-sqlite3 are present, launch.
// Everything here is set-up (steps in electron-setup.mjs); the app itself is src-main/app/main.ts.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { copyPackageSource, electronBinary, electronExitStatus, ensureElectronBinary, nativeBuildCommands, SetupError } from './electron-setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const fail = (message) => {
  process.stderr.write(`\nparley: ${message}\n`);
  process.exit(1);
};
const run = (cmd, args, options = {}) => spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });

try {
  // 1. Build main, preload and renderer.
  if (run(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']).status !== 0) {
    fail('the build failed (see above)');
  }

  // 2. The Electron binary (downloaded by the electron package on first use; needs internet once).
  const electronVersion = require('electron/package.json').version;
  const electronDir = path.dirname(require.resolve('electron/package.json'));
  if (!electronBinary(electronDir)) {
    process.stdout.write(`Fetching the Electron ${electronVersion} binary (once)…\n`);
    ensureElectronBinary(electronDir, electronVersion);
  }
  const binary = electronBinary(electronDir);

  // 3. better-sqlite3 for Electron's ABI, built once into .parley-native/, beside the Node build that npm test uses.
  const nativeDir = path.join(root, '.parley-native', `electron-${electronVersion}-${process.platform}-${process.arch}`);
  const nativeFile = path.join(nativeDir, 'better_sqlite3.node');
  if (!fs.existsSync(nativeFile)) {
    process.stdout.write(`Building better-sqlite3 for Electron ${electronVersion} (once, about 2 minutes)…\n`);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-native-'));
    copyPackageSource(path.dirname(require.resolve('better-sqlite3/package.json')), work);
    const [step] = nativeBuildCommands({ electronVersion });
    const r = run(step.command, step.args, { cwd: work, env: step.env });
    if (r.status !== 0) fail('building better-sqlite3 for Electron failed (it needs the Electron headers from the internet once, and a C++ toolchain)');
    fs.mkdirSync(nativeDir, { recursive: true });
    fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), nativeFile);
    fs.rmSync(work, { recursive: true, force: true });
  }

  // 4. Launch.
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
  child.on('exit', (code) => process.exit(electronExitStatus(code).code));
} catch (err) {
  if (err instanceof SetupError) fail(err.message);
  throw err;
}
