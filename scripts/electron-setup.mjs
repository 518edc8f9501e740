// The steps that set Electron up for `npm start` and `npm run dist`, as functions so that they can be
// tested without Electron (tests/unit/electron/start-electron.test.ts runs them on stand-ins).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** A set-up step failed; its message is all the user needs to see. */
export class SetupError extends Error {}

/** Builds main, preload and renderer into out/ with electron-vite. */
export function buildApp(root) {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) throw new SetupError('the build failed (see above)');
}

/** Copies a package's sources, without its own build output, to build it elsewhere. */
export function copyPackageSource(source, dest) {
  // Relative paths: a checkout that itself lives under some folder named "build" must still copy.
  fs.cpSync(source, dest, { recursive: true, filter: (p) => path.relative(source, p).split(path.sep)[0] !== 'build' });
}

const ELF_MACHINES = { 0x03: 'ia32', 0x28: 'arm', 0x3e: 'x64', 0xb7: 'arm64' };
const MACHO_CPUS = { 0x01000007: 'x64', 0x0100000c: 'arm64' };
const PE_MACHINES = { 0x14c: 'ia32', 0x8664: 'x64', 0xaa64: 'arm64' };

/**
 * The architecture an executable is built for, read from its header. Electron's installer picks the
 * arm64 build under an Intel Node on Apple silicon, so Node's own process.arch can be the wrong one.
 */
export function electronArch(binary) {
  const head = Buffer.alloc(4096);
  const fd = fs.openSync(binary, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1', 0, 4) === '\x7fELF') return ELF_MACHINES[head[5] === 2 ? head.readUInt16BE(18) : head.readUInt16LE(18)] ?? process.arch;
  if (head.readUInt32LE(0) === 0xfeedfacf || head.readUInt32LE(0) === 0xfeedface) return MACHO_CPUS[head.readUInt32LE(4)] ?? process.arch;
  if (head.readUInt32BE(0) === 0xcafebabe) return hostArch(); // a universal binary runs natively
  if (head.toString('latin1', 0, 2) === 'MZ') {
    const pe = head.readUInt32LE(0x3c);
    if (pe + 6 <= head.length && head.toString('latin1', pe, pe + 4) === 'PE\0\0') return PE_MACHINES[head.readUInt16LE(pe + 4)] ?? process.arch;
  }
  return process.arch;
}

function hostArch() {
  if (process.platform !== 'darwin' || process.arch !== 'x64') return process.arch;
  const translated = spawnSync('sysctl', ['-in', 'sysctl.proc_translated'], { encoding: 'utf8' });
  return translated.stdout?.trim() === '1' ? 'arm64' : 'x64';
}

/** node-gyp without guessing where npm keeps its own copy: the project's, npm's announced one, or the PATH's. */
export function findNodeGyp(env = process.env) {
  try {
    return { command: process.execPath, script: [require.resolve('node-gyp/bin/node-gyp.js')] };
  } catch {
    // not installed in the project: look further
  }
  if (env.npm_config_node_gyp && fs.existsSync(env.npm_config_node_gyp)) return { command: process.execPath, script: [env.npm_config_node_gyp] };
  const exe = process.platform === 'win32' ? ['node-gyp.cmd', 'node-gyp.exe'] : ['node-gyp'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    for (const name of exe) if (dir && fs.existsSync(path.join(dir, name))) return { command: path.join(dir, name), script: [] };
  }
  return null;
}

/** The ways to get better-sqlite3 for Electron (its version and arch), in the order to try them. */
export function nativeBuildCommands({ electronVersion, arch, env = process.env }) {
  // npm passes its own settings for Node's ABI down to scripts; they would override ours.
  const clean = Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_config_(nodedir|target|target_arch|arch|runtime|dist_?url|build_from_source|platform)$/i.test(k)));
  const target = [`--runtime=electron`, `--target=${electronVersion}`, `--arch=${arch}`];
  const fromBetterSqlite = createRequire(require.resolve('better-sqlite3/package.json'));
  const steps = [{ label: 'a prebuilt binary', command: process.execPath, args: [fromBetterSqlite.resolve('prebuild-install/bin.js'), ...target], env: clean }];
  const nodeGyp = findNodeGyp(env);
  if (nodeGyp) {
    steps.push({
      label: 'a build from source',
      command: nodeGyp.command,
      args: [...nodeGyp.script, 'rebuild', '--release', ...target, '--dist-url=https://electronjs.org/headers'],
      env: clean,
    });
  }
  return steps;
}

/** Builds (or downloads) better-sqlite3 for Electron's ABI into `nativeFile`, leaving the Node build alone. */
export function buildBetterSqlite3ForElectron({ electronVersion, arch, nativeFile }) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-native-'));
  try {
    copyPackageSource(path.dirname(require.resolve('better-sqlite3/package.json')), work);
    const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
    const steps = nativeBuildCommands({ electronVersion, arch });
    for (const step of steps) {
      process.stdout.write(`Trying ${step.label}…\n`);
      if (spawnSync(step.command, step.args, { stdio: 'inherit', cwd: work, env: step.env }).status === 0 && fs.existsSync(built)) {
        fs.mkdirSync(path.dirname(nativeFile), { recursive: true });
        fs.copyFileSync(built, nativeFile);
        return;
      }
    }
    throw new SetupError(
      `better-sqlite3 could not be made for Electron ${electronVersion}: no prebuilt binary was found and ` +
        (steps.length > 1 ? 'building it failed (it needs a C++ toolchain and, once, Electron’s headers from the internet).' : 'node-gyp was not found (npm install -g node-gyp).'),
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export function electronBinary(electronDir) {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const bin = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8'));
  return fs.existsSync(bin) ? bin : null;
}

/** Where `npm start` and `npm run dist` keep better-sqlite3 for Electron; src-main/app/native-binding.ts looks there. */
export function nativeBindingFile(root, electronVersion, platform, arch) {
  return path.join(root, '.parley-native', `electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
}

/** Fetches the Electron binary through the electron package's own installer; on failure, one clear message. */
export function ensureElectronBinary(electronDir, electronVersion) {
  const r = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { cwd: electronDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (electronBinary(electronDir)) return;
  const reason = `${r.stderr ?? ''}`.split('\n').find((l) => l.trim())?.trim();
  throw new SetupError(
    `Electron ${electronVersion} could not be downloaded on this machine${reason ? ` (${reason})` : ''}.\n` +
      'Where its release server is blocked, a mirror can be set with ELECTRON_MIRROR. ' +
      'Browser mode needs no download: run `npm run web` and open the address it prints.',
  );
}

/**
 * What `npm start` exits with once Electron has stopped. A signal is a crash: on Linux the usual cause
 * is Chromium's sandbox, which Ubuntu 23.10 and later block with an AppArmor rule.
 */
export function electronExitStatus(code, signal, platform = process.platform, electronDir = 'node_modules/electron') {
  if (!signal) return { code: code ?? 0 };
  let message = `Electron stopped with ${signal}.`;
  if (platform === 'linux') {
    const sandbox = path.join(electronDir, 'dist', 'chrome-sandbox');
    message +=
      '\nOn Ubuntu 23.10 and later AppArmor restricts unprivileged user namespaces, which Chromium’s sandbox needs,' +
      '\nand Electron then aborts like this. Either make the sandbox helper setuid root (once per install):' +
      `\n  sudo chown root:root ${sandbox} && sudo chmod 4755 ${sandbox}` +
      '\nor lift the restriction until the next reboot:' +
      '\n  sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0';
  }
  return { code: 1, message };
}

/** Runs Electron and resolves with what `npm start` should exit with. */
export function runElectron(binary, args, { electronDir, ...spawnOptions } = {}) {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { stdio: 'inherit', ...spawnOptions });
    child.on('error', (err) => resolve({ code: 1, message: `Electron could not be started: ${err.message}` }));
    child.on('exit', (code, signal) => resolve(electronExitStatus(code, signal, process.platform, electronDir)));
  });
}

/**
 * A note when Node is older than Electron's installer declares it needs (electron 45: Node 22.12):
 * it often works, but if the download or the native build fails, a newer Node is the fix.
 */
export function desktopNodeNote(nodeVersion, electronDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8'));
  const wanted = /^>=?\s*(\d+)\.(\d+)\.(\d+)$/.exec((pkg.engines?.node ?? '').trim());
  if (!wanted) return null;
  const have = nodeVersion.split('.').map(Number);
  const need = wanted.slice(1).map(Number);
  const older = have[0] !== need[0] ? have[0] < need[0] : have[1] !== need[1] ? have[1] < need[1] : have[2] < need[2];
  if (!older) return null;
  return (
    `note: Electron ${pkg.version} supports Node ${need.join('.')} or later for its set-up; this is Node ${nodeVersion}.\n` +
    'If the download or the native build below fails, run `npm start` with Node 22 (the CLI, `npm run web` and `npm test` work on Node 20).'
  );
}
