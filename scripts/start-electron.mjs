// `npm start`: build, make sure Electron and an Electron build of better-sqlite3 are present, launch.
// Everything here is set-up; the app itself is src-main/app/main.ts.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const fail = (message) => {
  process.stderr.write(`\nparley: ${message}\n`);
  process.exit(1);
};
const run = (cmd, args, options = {}) => spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });

// 1. Build main, preload and renderer.
if (run(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']).status !== 0) {
  fail('the build failed (see above)');
}

// 2. The Electron binary (downloaded by the electron package on first use; needs internet once).
const electronVersion = require('electron/package.json').version;
const electronDir = path.dirname(require.resolve('electron/package.json'));
const pathFile = path.join(electronDir, 'path.txt');
const binaryPresent = () => fs.existsSync(pathFile) && fs.existsSync(path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8')));
if (!binaryPresent()) {
  process.stdout.write(`Fetching the Electron ${electronVersion} binary (once)…\n`);
  run(process.execPath, [path.join(electronDir, 'install.js')]);
  if (!binaryPresent()) {
    fail(`Electron ${electronVersion} could not be downloaded on this machine (no access to its release server).\n` +
      'Browser mode needs no download: run `npm run web` and open the address it prints.');
  }
}
const electronBinary = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8'));

// 3. better-sqlite3 for Electron's ABI, built once into .parley-native/, beside the Node build that npm test uses.
const nativeDir = path.join(root, '.parley-native', `electron-${electronVersion}-${process.platform}-${process.arch}`);
const nativeFile = path.join(nativeDir, 'better_sqlite3.node');
if (!fs.existsSync(nativeFile)) {
  process.stdout.write(`Building better-sqlite3 for Electron ${electronVersion} (once, about 2 minutes)…\n`);
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-native-'));
  fs.cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) && !p.endsWith(`${path.sep}build`) });
  const npmCli = process.env.npm_execpath;
  const nodeGyp = npmCli ? path.join(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : '';
  if (!fs.existsSync(nodeGyp)) fail('cannot find node-gyp (it comes with npm); run this through `npm start`');
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^npm_config_(nodedir|target|runtime|dist_url|disturl)$/i.test(key)) delete env[key];
  const r = run(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: work, env });
  if (r.status !== 0) fail('building better-sqlite3 for Electron failed (it needs the Electron headers from the internet once, and a C++ toolchain)');
  fs.mkdirSync(nativeDir, { recursive: true });
  fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), nativeFile);
  fs.rmSync(work, { recursive: true, force: true });
}

// 4. Launch.
const child = spawn(electronBinary, [root, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
child.on('exit', (code) => process.exit(code ?? 0));
