// The steps of `npm start` that set Electron up, as functions so that they can be tested without Electron.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export class SetupError extends Error {}

/** Copies a package's sources (not its build output) to build it elsewhere. */
export function copyPackageSource(source, dest) {
  fs.cpSync(source, dest, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) && !p.endsWith(`${path.sep}build`) });
}

/** The architecture of an executable. */
export function electronArch() {
  return process.arch;
}

/** The commands that build better-sqlite3 for Electron, tried in order. */
export function nativeBuildCommands({ electronVersion, env = process.env }) {
  const npmCli = env.npm_execpath;
  const nodeGyp = npmCli ? path.join(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : '';
  if (!fs.existsSync(nodeGyp)) throw new SetupError('cannot find node-gyp (it comes with npm); run this through `npm start`');
  const clean = { ...env };
  for (const key of Object.keys(clean)) if (/^npm_config_(nodedir|target|runtime|dist_url|disturl)$/i.test(key)) delete clean[key];
  return [{ command: process.execPath, args: [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], env: clean }];
}

/** Fetches the Electron binary through the electron package's own installer. */
export function ensureElectronBinary(electronDir, electronVersion) {
  spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'inherit', cwd: electronDir });
  if (!electronBinary(electronDir)) {
    throw new SetupError(`Electron ${electronVersion} could not be downloaded on this machine (no access to its release server).\n` +
      'Browser mode needs no download: run `npm run web` and open the address it prints.');
  }
}

export function electronBinary(electronDir) {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const bin = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8'));
  return fs.existsSync(bin) ? bin : null;
}

/** What `npm start` exits with once Electron has stopped. */
export function electronExitStatus(code) {
  return { code: code ?? 0 };
}
